import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { createCache } from '../../../server/cache.ts';
import { MAP_CLASSES, MAP_NO_DATA, type MapMode } from '../map-modes.ts';
import { defaultDataCandidates } from './gv-import.ts';
import { loadMapMembers, loadMapShapes, locateMapFile, MAP_HEIGHT, MAP_WIDTH, project, type MapShape } from './map.ts';

interface AssociationValue {
  ars: string;
  typeCode: number;
  lage: string | null;
  change2013: number | null;
}

export function classOf(mode: MapMode, v: AssociationValue | undefined): number {
  if (!v) return -1;
  if (mode === 'typ') return [10, 20, 30, 40, 50].indexOf(v.typeCode);
  if (mode === 'lage') return v.lage ? ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher'].indexOf(v.lage) : -1;
  const c = v.change2013;
  if (c === null) return -1;
  return c < -10 ? 0 : c < -3 ? 1 : c <= 3 ? 2 : c <= 10 ? 3 : 4;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The map: shapes from VG5000 (loaded once), coloured by the atlas figures of each Gemeindeverband. */
export function createMapService(db: Db, dataDir: string | undefined) {
  let shapes: Promise<{ shapes: MapShape[]; members: Map<string, string[]> } | undefined> | undefined;
  function loadShapes() {
    shapes ??= (async () => {
      const folder = (dataDir ? [dataDir] : defaultDataCandidates()).find((f) => existsSync(f));
      const file = folder ? locateMapFile(folder) : undefined;
      return file && folder ? { shapes: await loadMapShapes(file), members: await loadMapMembers(folder) } : undefined;
    })();
    return shapes;
  }

  // The map's Gebietsstand is 01.01.2021; Gemeindeverbände changed since. Today's Gemeindeverband of each shape:
  // that of the members' successors (BBSR Umsteigeschlüssel, largest area share), the most frequent one.
  const todayArs = createCache(60_000, async () => {
    const rows = await db.execute<{ ags_from: string; ars: string }>(sql`
      select s.ags_from, m.municipal_association_ars as ars from atlas_ags_successors s join municipalities m on m.ags = s.ags_to
      union all
      select m.ags as ags_from, m.municipal_association_ars as ars from municipalities m
        where not exists (select 1 from atlas_ags_successors s where s.ags_from = m.ags)`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { ags_from: string; ars: string }[];
    return new Map(list.map((r) => [r.ags_from, r.ars]));
  });

  function successorArs(shapeArs: string, members: Map<string, string[]>, byAgs: Map<string, string>): string | undefined {
    const votes = new Map<string, number>();
    for (const ags of members.get(shapeArs) ?? []) {
      const ars = byAgs.get(ags);
      if (ars) votes.set(ars, (votes.get(ars) ?? 0) + 1);
    }
    return [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  }

  const values = createCache(60_000, async () => {
    // Type and Lage are the same for all members; the change is population-weighted over comparable members.
    const rows = await db.execute<{ ars: string; type_code: number; lage: string | null; change_2013: number | null }>(sql`
      select m.municipal_association_ars as ars, min(f.type_code) as type_code, min(f.lage) as lage,
        case when sum(f.population_2013) filter (where f.population_2013 is not null) > 0
          then round((100.0 * (sum(m.population) filter (where f.population_2013 is not null) - sum(f.population_2013)) / sum(f.population_2013))::numeric, 2)::float8
          else null end as change_2013
      from atlas_facts f join municipalities m on m.ags = f.ags
      group by m.municipal_association_ars`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { ars: string; type_code: number; lage: string | null; change_2013: number | null }[];
    return new Map(list.map((r) => [r.ars, { ars: r.ars, typeCode: Number(r.type_code), lage: r.lage, change2013: r.change_2013 === null ? null : Number(r.change_2013) }]));
  });

  const rendered = new Map<MapMode, { at: number; svg: string; gzipped: Buffer; counts: number[]; noData: number; successorsUsed: number }>();

  return {
    async map(mode: MapMode) {
      const cached = rendered.get(mode);
      if (cached && cached.at > Date.now() - 60_000) return cached;
      const loaded = await loadShapes();
      if (!loaded) return undefined;
      const all = loaded.shapes;
      const byArs = await values.get();
      const byAgs = await todayArs.get();
      const classes = MAP_CLASSES[mode];
      const counts = classes.map(() => 0);
      let noData = 0;
      let successorsUsed = 0;
      const groups: string[][] = [...classes.map(() => [] as string[]), []];
      for (const s of all) {
        const own = byArs.get(s.ars);
        const followed = own ? undefined : successorArs(s.ars, loaded.members, byAgs);
        const c = classOf(mode, own ?? (followed ? byArs.get(followed) : undefined));
        if (followed && c >= 0) successorsUsed++;
        if (c < 0) noData++;
        else counts[c]!++;
        groups[c < 0 ? classes.length : c]!.push(`<path d="${s.d}"><title>${escape(s.name)}</title></path>`);
      }
      const body = groups
        .map((paths, i) => `<g fill="${i < classes.length ? classes[i]!.color : MAP_NO_DATA}">${paths.join('')}</g>`)
        .join('');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" stroke="#fff" stroke-width="0.25">${body}</svg>`;
      const entry = { at: Date.now(), svg, gzipped: gzipSync(svg), counts, noData, successorsUsed };
      rendered.set(mode, entry);
      return entry;
    },
    /** Position of a point (lon/lat) on the map, in view-box units. */
    position(lon: number, lat: number) {
      const [x, y] = project(lon, lat);
      return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
    },
    invalidate() {
      values.invalidate();
      todayArs.invalidate();
      rendered.clear();
    },
  };
}
