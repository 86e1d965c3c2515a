import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { FilterError, parseListQuery } from '#lib/modules/atlas/server/atlas.ts';
import { toJson } from '#lib/modules/atlas/server/export.ts';

/** GET /api/v1/municipalities — the filtered, paginated municipality list (see /api/v1/openapi.json). */
export const GET: RequestHandler = async ({ locals, url }) => {
  authorize(locals.actor, 'atlas.view');
  let query;
  try {
    query = parseListQuery(url.searchParams);
  } catch (e) {
    if (e instanceof FilterError) return json({ error: 'invalid_filter', field: e.field, message: `The query parameter "${e.field}" has an invalid value.` }, { status: 400 });
    throw e;
  }
  const { atlas } = locals.app;
  const [result, credits] = await Promise.all([atlas.list(query), atlas.credits()]);
  return json(toJson(result, credits), { headers: { 'cache-control': 'public, max-age=300' } });
};
