import type { Actions, PageServerLoad } from './$types';
import { formFields, requireUser } from '#lib/server/http.ts';
import { academyAttempt, entryOr404 } from '#lib/modules/academy/server/http.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { org, researchers, mayManage } = await entryOr404(() => locals.app.network.get(locals.actor, params.slug));
  return { org, researchers, mayManage, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
  approve: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await academyAttempt(fields, () => event.locals.app.network.decide(actor, event.params.slug, 'approved', fields.note));
    return result.ok ? { done: 'approved' as const } : result.failure;
  },
  reject: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await academyAttempt(fields, () => event.locals.app.network.decide(actor, event.params.slug, 'rejected', fields.note));
    return result.ok ? { done: 'rejected' as const } : result.failure;
  },
};
