import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataFileError, readDataFile } from './import-errors.ts';

/**
 * The map of Germany from the BKG VG5000 boundaries of the Gemeindeverbände (the level at which BBSR assigns type and
 * Lage), as server-rendered SVG: no tile server, no client library, works offline. Coordinates are projected
 * (equirectangular, scaled by cos 51°) into a 600-unit-wide view box and rounded to whole units (about 1 km), which
 * keeps the page small: consecutive duplicate points are dropped, rings with fewer than three points skipped, and
 * paths written with relative commands.
 */
export const VG5000_FILE = 'bkg_vg5000_verwaltungsgemeinschaften_2021-01-01.geojson';
export const BKG_CREDIT = '© GeoBasis-DE / BKG 2021 (Daten verändert)';
export const BKG_LICENCE = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)';

const LON0 = 5.8;
const LAT0 = 55.1;
const SCALE = 104;
const COS = Math.cos((51 * Math.PI) / 180);
export const MAP_WIDTH = 600;
export const MAP_HEIGHT = 816;

export function project(lon: number, lat: number): [number, number] {
  return [(lon - LON0) * COS * SCALE, (LAT0 - lat) * SCALE];
}

export interface MapShape {
  /** 9-digit Regionalschlüssel of the Gemeindeverband. */
  ars: string;
  name: string;
  d: string;
}

type Ring = number[][];

function ringPath(ring: Ring): string {
  let out = '';
  let px = 0;
  let py = 0;
  let n = 0;
  for (const [lon, lat] of ring) {
    const [fx, fy] = project(lon!, lat!);
    const x = Math.round(fx);
    const y = Math.round(fy);
    if (n > 0 && x === px && y === py) continue;
    if (n === 0) out += `M${x} ${y}`;
    else {
      const dx = x - px;
      const dy = y - py;
      out += `${n === 1 ? 'l' : dx < 0 ? '' : ' '}${dx}${dy < 0 ? '' : ' '}${dy}`;
    }
    px = x;
    py = y;
    n++;
  }
  return n >= 3 ? `${out}z` : '';
}

/** Finds the VG5000 Gemeindeverband GeoJSON in the data folder's extracts (undefined when missing). */
export function locateMapFile(folder: string): string | undefined {
  const file = join(folder, 'extracts', VG5000_FILE);
  return existsSync(file) ? file : undefined;
}

export const VG5000_MUNICIPALITIES_FILE = 'bkg_vg5000_gemeinden_2021-01-01.geojson';

/**
 * The member municipalities (AGS) of each VG5000 Gemeindeverband (ARS, 9 digits), from the VG5000 Gemeinden file of
 * the same Stand; empty when the file is missing. Used to follow a changed Gemeindeverband to today's.
 */
export async function loadMapMembers(folder: string): Promise<Map<string, string[]>> {
  const path = join(folder, 'extracts', VG5000_MUNICIPALITIES_FILE);
  const members = new Map<string, string[]>();
  if (!existsSync(path)) return members;
  const json = await readGeoJson<{ features?: { properties?: { ARS?: string; AGS?: string } }[] }>(path);
  for (const f of json.features ?? []) {
    const ars = f.properties?.ARS;
    const ags = f.properties?.AGS;
    if (!ars || !ags || !/^\d{12}$/.test(ars) || !/^\d{8}$/.test(ags)) continue;
    const list = members.get(ars.slice(0, 9)) ?? [];
    list.push(ags);
    members.set(ars.slice(0, 9), list);
  }
  return members;
}

export async function loadMapShapes(path: string): Promise<MapShape[]> {
  const file = basename(path);
  const json = await readGeoJson<{ features?: { properties?: { ARS?: string; GEN?: string }; geometry?: { type: string; coordinates: unknown } }[] }>(path);
  if (!Array.isArray(json.features)) throw new DataFileError('no "features" array', { file });
  const byArs = new Map<string, MapShape>();
  json.features.forEach((f, i) => {
    const ars = f.properties?.ARS;
    if (!ars || !/^\d{9}$/.test(ars)) throw new DataFileError(`feature ${i + 1}: ARS "${ars ?? ''}" is not nine digits`, { file, row: i + 1, column: 'ARS' });
    const g = f.geometry;
    if (!g) return;
    const polygons = g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
    const d = polygons.flatMap((rings) => rings.map(ringPath)).join('');
    if (!d) return;
    const existing = byArs.get(ars);
    if (existing) existing.d += d;
    else byArs.set(ars, { ars, name: f.properties?.GEN ?? ars, d });
  });
  return [...byArs.values()];
}

/** Polygons (rings of [lon, lat]) of one municipality, from the VG5000 Gemeinden file. */
export type MunicipalityPolygons = number[][][][];

/**
 * The VG5000 polygons of the given municipalities (AGS, 8 digits) from the Gemeinden file of the data folder; a map
 * without the ones not found (or empty when the file is missing). Reads the whole file, so callers cache the result.
 */
export async function loadMunicipalityPolygons(folder: string, agsList: readonly string[]): Promise<Map<string, MunicipalityPolygons>> {
  const path = join(folder, 'extracts', VG5000_MUNICIPALITIES_FILE);
  const found = new Map<string, MunicipalityPolygons>();
  if (!existsSync(path) || agsList.length === 0) return found;
  const wanted = new Set(agsList);
  const json = await readGeoJson<{ features?: { properties?: { AGS?: string }; geometry?: { type: string; coordinates: unknown } }[] }>(path);
  for (const f of json.features ?? []) {
    const ags = f.properties?.AGS;
    const g = f.geometry;
    if (!ags || !wanted.has(ags) || !g) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
    found.set(ags, [...(found.get(ags) ?? []), ...polygons]);
  }
  return found;
}

/** Parses a GeoJSON file; a missing, unreadable or malformed file is a DataFileError naming it. */
async function readGeoJson<T>(path: string): Promise<T> {
  const bytes = await readDataFile(path);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (error) {
    throw new DataFileError(`not readable GeoJSON (${error instanceof Error ? error.message : String(error)})`, { file: basename(path) });
  }
}
