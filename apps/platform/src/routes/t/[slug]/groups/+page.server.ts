import type { PageServerLoad } from './$types';
import { orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const r = await orNotFound(() => locals.app.workingGroups.list(locals.actor, params.slug));
  return { town: r.town, groups: r.groups, mayManage: r.mayManage };
};
