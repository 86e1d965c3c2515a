import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/db/client.ts';
import { fieldCheck, type FieldCheck } from '../../../server/validation.ts';
import { defaultDataCandidates } from './gv-import.ts';
import { loadMunicipalityPolygons, type MunicipalityPolygons } from './map.ts';
import { atlasAgsSuccessors, municipalities } from './schema.ts';
import { towns } from '../../towns/server/schema.ts';

/** Longitude/latitude bounds in degrees. */
export interface Bounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/**
 * How the outline maps to the SVG view box (equirectangular around the town's middle latitude): x = pad + (lon −
 * minLon)·kx, y = pad + (maxLat − lat)·ky. The browser inverts it when a person clicks on the outline.
 */
export interface Projection {
  minLon: number;
  maxLat: number;
  kx: number;
  ky: number;
  pad: number;
}

export interface TownOutline {
  width: number;
  height: number;
  /** SVG path of the municipality's boundary (BKG VG5000, generalised for 1:5,000,000). */
  d: string;
  projection: Projection;
}

export interface TownArea {
  /** Where an idea's point may lie: the outline's bounding box with a margin, or a square around the town centre. */
  bounds: Bounds;
  outline: TownOutline | null;
}

const SIZE = 600;
const PAD = 8;

export function projectPoint(p: Projection, lon: number, lat: number): { x: number; y: number } {
  return { x: Math.round((p.pad + (lon - p.minLon) * p.kx) * 10) / 10, y: Math.round((p.pad + (p.maxLat - lat) * p.ky) * 10) / 10 };
}

export function withinBounds(b: Bounds, lon: number, lat: number): { lon: boolean; lat: boolean } {
  return { lon: lon >= b.minLon && lon <= b.maxLon, lat: lat >= b.minLat && lat <= b.maxLat };
}

/**
 * A coordinate typed into a form or set by the map picker (a decimal comma is accepted), rounded to 6 decimals
 * (about 10 cm); empty means none. Outside [min, max] it is `error_coordinate_invalid`.
 */
export const optionalCoordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: 'error_coordinate_invalid' });
        return z.NEVER;
      }
      return Math.round(n * 1e6) / 1e6;
    });

/** Latitude and longitude fields, each limited to Germany's range. */
export const latitudeField = optionalCoordinate(47, 55.1);
export const longitudeField = optionalCoordinate(5.8, 15.1);

/** The point fields of a form (idea, project): spread into its schema; `pointCheck` parses them on their own. */
export const pointFields = { latitude: latitudeField, longitude: longitudeField };
const pointSchema = z.object(pointFields);

/** Builds the outline (projection, path) and the accepted bounds from a municipality's polygons. */
export function outlineOf(polygons: MunicipalityPolygons): TownArea | null {
  const points = polygons.flat(2);
  if (points.length < 3) return null;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon!);
    maxLon = Math.max(maxLon, lon!);
    minLat = Math.min(minLat, lat!);
    maxLat = Math.max(maxLat, lat!);
  }
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * cos, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = SIZE / Math.max(spanX, spanY);
  const projection: Projection = { minLon, maxLat, kx: scale * cos, ky: scale, pad: PAD };
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let last = '';
      let n = 0;
      let part = '';
      for (const [lon, lat] of ring) {
        const { x, y } = projectPoint(projection, lon!, lat!);
        const xy = `${x} ${y}`;
        if (xy === last) continue;
        part += `${n === 0 ? 'M' : 'L'}${xy}`;
        last = xy;
        n++;
      }
      if (n >= 3) d += `${part}Z`;
    }
  }
  const margin = Math.max(0.1 * Math.max(maxLon - minLon, maxLat - minLat), 0.01);
  return {
    bounds: { minLon: minLon - margin, maxLon: maxLon + margin, minLat: minLat - margin, maxLat: maxLat + margin },
    outline: { width: Math.ceil(spanX * scale + 2 * PAD), height: Math.ceil(spanY * scale + 2 * PAD), d, projection },
  };
}

/**
 * The town's area for idea locations: its outline from the atlas' VG5000 Gemeinden file (no map tiles needed), found
 * by the town's AGS or, after a merger, by the AGS it succeeded; without the file, a square of ±0.2° around the
 * municipality's centre; without an AGS, null (then only the range of Germany is checked). Cached per town.
 */
export function createTownMapService(deps: { db: Db; dataDir: string | undefined }) {
  const { db, dataDir } = deps;
  const cache = new Map<string, { at: number; area: Promise<TownArea | null> }>();

  async function compute(townId: string): Promise<TownArea | null> {
    const [town] = await db.select({ ags: towns.ags }).from(towns).where(eq(towns.id, townId));
    const ags = town?.ags;
    if (!ags) return null;
    const folder = (dataDir ? [dataDir] : defaultDataCandidates()).find((f) => existsSync(f));
    if (folder) {
      let polygons = (await loadMunicipalityPolygons(folder, [ags])).get(ags);
      if (!polygons) {
        const older = await db.select({ ags: atlasAgsSuccessors.agsFrom }).from(atlasAgsSuccessors).where(eq(atlasAgsSuccessors.agsTo, ags));
        const found = await loadMunicipalityPolygons(
          folder,
          older.map((o) => o.ags),
        );
        polygons = [...found.values()].flat();
      }
      const area = polygons.length ? outlineOf(polygons) : null;
      if (area) return area;
    }
    const [centre] = await db.select({ lon: municipalities.longitude, lat: municipalities.latitude }).from(municipalities).where(eq(municipalities.ags, ags));
    if (centre?.lon == null || centre.lat == null) return null;
    return { bounds: { minLon: centre.lon - 0.2, maxLon: centre.lon + 0.2, minLat: centre.lat - 0.2, maxLat: centre.lat + 0.2 }, outline: null };
  }

  function area(townId: string): Promise<TownArea | null> {
    const hit = cache.get(townId);
    if (hit && hit.at > Date.now() - 600_000) return hit.area;
    const computed = compute(townId).catch((error: unknown) => {
      cache.delete(townId);
      throw error;
    });
    cache.set(townId, { at: Date.now(), area: computed });
    return computed;
  }

  /**
   * The field errors of a point given in a form: both coordinates or neither (`error_coordinate_pair`), and inside
   * the town's area (`error_coordinate_outside_town` on the coordinate that is off). Read with the app's
   * connection, so call it before a transaction (PGlite has one connection).
   */
  async function pointErrors(townId: string, latitude: number | null, longitude: number | null): Promise<Record<string, string>> {
    if (latitude === null && longitude !== null) return { latitude: 'error_coordinate_pair' };
    if (longitude === null && latitude !== null) return { longitude: 'error_coordinate_pair' };
    if (latitude === null || longitude === null) return {};
    const town = await area(townId);
    const inside = town ? withinBounds(town.bounds, longitude, latitude) : { lat: true, lon: true };
    return { ...(inside.lat ? {} : { latitude: 'error_coordinate_outside_town' }), ...(inside.lon ? {} : { longitude: 'error_coordinate_outside_town' }) };
  }

  return {
    area,
    /**
     * `pointErrors` as a check of a form with `pointFields`: it runs whenever both coordinate fields parse, so a point
     * outside the town is named together with the errors of all other fields.
     */
    pointCheck(townId: string): FieldCheck {
      return fieldCheck(pointSchema, ({ latitude, longitude }) => pointErrors(townId, latitude, longitude));
    },
  };
}

export type TownMapService = ReturnType<typeof createTownMapService>;
