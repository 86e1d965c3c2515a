import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { org, researchers, mayManage } = await orNotFound(() => locals.app.network.get(locals.actor, params.slug));
  return { org, researchers, mayManage, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
  approve: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.network.decide(actor, event.params.slug, 'approved', fields.note));
    return result.ok ? { done: 'approved' as const } : result.failure;
  },
  reject: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.network.decide(actor, event.params.slug, 'rejected', fields.note));
    return result.ok ? { done: 'rejected' as const } : result.failure;
  },
};
