import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals }) => {
  const { seismograph, towns } = locals.app;
  const [results, rounds, allTowns] = await Promise.all([seismograph.results(), seismograph.rounds(locals.actor), locals.actor ? towns.list() : []]);
  return {
    results,
    rounds,
    // The towns this person may answer for, decided by the one permission check (a platform admin may answer for any).
    answerTowns: allTowns.filter((t) => can(locals.actor, 'academy.answerSeismograph', t.id)).map((t) => ({ slug: t.slug, name: t.name })),
    mayManage: can(locals.actor, 'academy.manageSeismograph'),
  };
};
