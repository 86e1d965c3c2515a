import type { PageServerLoad } from './$types';
import { orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const d = await orNotFound(() => locals.app.projects.map(locals.actor, params.slug));
  return { town: { name: d.town.name, slug: d.town.slug }, map: d.map, projects: d.projects, withoutPlace: d.withoutPlace };
};
