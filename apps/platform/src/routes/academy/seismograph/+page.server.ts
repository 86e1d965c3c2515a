import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const { seismograph } = locals.app;
  const [results, rounds, myTowns] = await Promise.all([seismograph.results(), seismograph.rounds(locals.actor), locals.user ? locals.app.towns.townsOf(locals.user.id) : []]);
  return {
    results,
    rounds,
    answerTowns: myTowns.filter((t) => t.role === 'town_admin').map((t) => ({ slug: t.slug, name: t.name })),
    mayManage: can(locals.actor, 'academy.manageSeismograph'),
  };
};
