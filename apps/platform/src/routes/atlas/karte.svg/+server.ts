import type { RequestHandler } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { MAP_MODES, type MapMode } from '#lib/modules/atlas/map-modes.ts';

/** The map of the Gemeindeverbände as SVG, gzip-compressed when the client accepts it (about 165 KB). */
export const GET: RequestHandler = async ({ locals, url, request }) => {
  authorize(locals.actor, 'atlas.view');
  const requested = url.searchParams.get('farbe') ?? 'typ';
  const mode: MapMode = (MAP_MODES as readonly string[]).includes(requested) ? (requested as MapMode) : 'typ';
  const map = await locals.app.atlas.map(mode);
  if (!map) return new Response('Map data not available', { status: 404 });
  const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  const headers: Record<string, string> = { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=3600', vary: 'accept-encoding' };
  if (gzip) headers['content-encoding'] = 'gzip';
  return new Response(gzip ? new Uint8Array(map.gzipped) : map.svg, { headers });
};
