import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';
import { orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { town, processes } = await orNotFound(() => locals.app.processes.listForTown(locals.actor, params.slug));
  return {
    town,
    processes: processes.map((p) => ({ slug: p.slug, title: p.title, published: p.published, currentPhase: p.currentPhase?.name ?? null })),
    canCreate: can(locals.actor, 'process.create', town.id),
  };
};
