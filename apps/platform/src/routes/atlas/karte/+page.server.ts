import type { PageServerLoad } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { MAP_MODES, type MapMode } from '#lib/modules/atlas/map-modes.ts';
import { modelTowns } from '#lib/modules/atlas/server/demo-towns.ts';
import { BKG_CREDIT, BKG_LICENCE, VG5000_FILE } from '#lib/modules/atlas/server/map.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  authorize(locals.actor, 'atlas.view');
  const { atlas } = locals.app;
  const requested = url.searchParams.get('farbe') ?? 'typ';
  const mode: MapMode = (MAP_MODES as readonly string[]).includes(requested) ? (requested as MapMode) : 'typ';
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  if (!(await atlas.ready())) return { ready: false as const, mode, q, credits: [] };
  const [map, credits, found] = await Promise.all([atlas.map(mode), atlas.credits(), q ? atlas.search(q, 1) : undefined]);
  if (!map) return { ready: false as const, mode, q, credits };
  const markers = await atlas.markers(modelTowns.map((t) => t.ags));
  const hit = found?.rows[0] ? (await atlas.markers([found.rows[0].ags]))[0] : undefined;
  const bkg = { dataset: 'bkg-vg5000', credit: BKG_CREDIT, licence: BKG_LICENCE, stand: '2021-01-01', sourceFile: VG5000_FILE };
  return { ready: true as const, mode, q, counts: map.counts, noData: map.noData, successorsUsed: map.successorsUsed, markers, hit: hit ?? null, notFound: Boolean(q) && !hit, credits: [...credits, bkg] };
};
