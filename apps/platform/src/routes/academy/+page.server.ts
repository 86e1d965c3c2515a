import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const { academy } = locals.app;
  const [stats, latest, mine] = await Promise.all([academy.stats(), academy.search({ q: '' }), academy.mine(locals.actor)]);
  const myTowns = locals.user ? await locals.app.towns.townsOf(locals.user.id) : [];
  return {
    published: stats.published,
    latest: latest.hits.slice(0, 6).map((h) => ({ slug: h.slug, title: h.title, kind: h.kind })),
    mine,
    myTowns: myTowns.map((t) => ({ slug: t.slug, name: t.name })),
    isEditor: can(locals.actor, 'academy.review'),
    loggedIn: Boolean(locals.user),
  };
};
