import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { FilterError, parseListQuery } from '#lib/modules/atlas/server/atlas.ts';
import { toCsv, toJson } from '#lib/modules/atlas/server/export.ts';
import { m } from '#lib/paraglide/messages.js';

/** The filtered municipality list (all pages) as CSV or JSON, with the credit lines of its sources. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  authorize(locals.actor, 'atlas.view');
  if (params.format !== 'csv' && params.format !== 'json') error(404, 'Not found');
  let query;
  try {
    query = parseListQuery(url.searchParams);
  } catch (e) {
    if (e instanceof FilterError) error(400, m.atlas_filter_error({ field: e.field }));
    throw e;
  }
  const { atlas } = locals.app;
  const [result, credits] = await Promise.all([atlas.list(query, { all: true }), atlas.credits()]);
  const stamp = new Date().toISOString().slice(0, 10);
  if (params.format === 'csv') {
    return new Response(toCsv(result.rows, credits), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="kleinstadt-atlas-gemeinden-${stamp}.csv"` },
    });
  }
  return new Response(JSON.stringify(toJson(result, credits), null, 1), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="kleinstadt-atlas-gemeinden-${stamp}.json"` },
  });
};
