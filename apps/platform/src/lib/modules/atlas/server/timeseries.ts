import type { GvMunicipality } from './gv-parser.ts';

/** One parsed yearly GV-ISys file. */
export interface GvYear {
  year: number;
  /** ISO date of the population figures (e.g. 1997-12-31 for the file 31121998_Auszug_GV.xlsx). */
  stichtag: string;
  file: string;
  municipalities: GvMunicipality[];
}

/** Population of a municipality of today's territory in an earlier year. */
export interface PopulationPoint {
  ags: string;
  year: number;
  stichtag: string;
  population: number;
  areaKm2: number | null;
  /** The AGS the municipality had in that year's file. */
  sourceAgs: string;
  /** How the earlier row was found: same AGS, or (after a change of AGS) same name in the same Land with the same area. */
  matchMethod: 'ags' | 'name+area';
  /** The area is within 1 % (or 0.5 km²) of today's: the figures are comparable (use only these for growth rates). */
  sameTerritory: boolean;
  /** Population basis: before 2011 updated from the Volkszählung 1987 (West) or the GDR register (East); from 2011 Zensus 2011. */
  basis: 'fortschreibung' | 'zensus2011';
}

/** The Zensus 2011 lowered the population figures (about −1.5 % nationally): a statistical break between 2010 and 2011. */
export const ZENSUS_BREAK_YEAR = 2011;

export function sameArea(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return false;
  const diff = Math.abs(a - b);
  return diff <= 0.5 || diff <= 0.01 * Math.abs(b);
}

/**
 * Follows each municipality of today's territory back through the yearly files. A row of an earlier year belongs to
 * today's municipality when it has the same AGS; when the AGS changed (the East German Kreis reforms renumbered
 * thousands of municipalities) it is found by the same name within the same Land and the same area. Years whose
 * area differs are kept but marked as not comparable (a merger or a boundary change happened in between).
 */
export function buildTimeSeries(current: GvMunicipality[], years: GvYear[]): PopulationPoint[] {
  const points: PopulationPoint[] = [];
  for (const y of years) {
    const byAgs = new Map<string, GvMunicipality>();
    const byName = new Map<string, GvMunicipality[]>();
    for (const m of y.municipalities) {
      if (m.population === null) continue;
      byAgs.set(m.ags, m);
      // Names are compared without the suffix (", Stadt" was added to many names over the years).
      const key = `${m.landCode}|${m.shortName}`;
      const list = byName.get(key);
      if (list) list.push(m);
      else byName.set(key, [m]);
    }
    const basis = y.year >= ZENSUS_BREAK_YEAR ? 'zensus2011' : 'fortschreibung';
    for (const today of current) {
      let found = byAgs.get(today.ags);
      let method: PopulationPoint['matchMethod'] = 'ags';
      if (!found) {
        const candidates = (byName.get(`${today.landCode}|${today.shortName}`) ?? []).filter((m) => sameArea(m.areaKm2, today.areaKm2));
        if (candidates.length === 1) {
          found = candidates[0];
          method = 'name+area';
        }
      }
      if (!found || found.population === null) continue;
      points.push({
        ags: today.ags,
        year: y.year,
        stichtag: y.stichtag,
        population: found.population,
        areaKm2: found.areaKm2,
        sourceAgs: found.ags,
        matchMethod: method,
        sameTerritory: method === 'name+area' || sameArea(found.areaKm2, today.areaKm2),
        basis,
      });
    }
  }
  return points;
}
