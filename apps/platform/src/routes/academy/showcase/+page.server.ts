import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const [stories, drafts] = await Promise.all([locals.app.showcase.list(), locals.app.showcase.drafts(locals.actor)]);
  return { stories: stories.map(({ id: _id, ...s }) => s), drafts, mayManage: can(locals.actor, 'academy.manageStories') };
};
