import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  return { editors: await event.locals.app.academy.editors(actor) };
};

export const actions: Actions = {
  grant: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.academy.grantEditor(actor, fields));
    return result.ok ? { granted: true } : result.failure;
  },
  revoke: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.academy.revokeEditor(actor, fields.userId ?? ''));
    return result.ok ? { revoked: true } : result.failure;
  },
};
