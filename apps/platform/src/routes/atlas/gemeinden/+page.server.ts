import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { FilterError, parseListQuery } from '#lib/modules/atlas/server/atlas.ts';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, url }) => {
  authorize(locals.actor, 'atlas.view');
  const { atlas } = locals.app;
  let query;
  try {
    query = parseListQuery(url.searchParams);
  } catch (e) {
    if (e instanceof FilterError) error(400, m.atlas_filter_error({ field: e.field }));
    throw e;
  }
  if (!(await atlas.ready())) return { ready: false as const, credits: [], query };
  const [result, overview, credits] = await Promise.all([atlas.list(query), atlas.overview(), atlas.credits()]);
  return { ready: true as const, ...result, lands: overview.lands, credits, search: url.search };
};
