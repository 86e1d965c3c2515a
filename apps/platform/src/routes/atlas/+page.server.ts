import type { PageServerLoad } from './$types';
import { authorize } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals }) => {
  authorize(locals.actor, 'atlas.view');
  const { atlas } = locals.app;
  if (!(await atlas.ready())) return { ready: false as const, credits: [] };
  const [overview, credits] = await Promise.all([atlas.overview(), atlas.credits()]);
  return { ready: true as const, overview, credits, lageApproximated: !credits.some((c) => c.dataset === 'bbsr-raumgliederungen') };
};
