import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { createCache } from '../../../server/cache.ts';
import { LAGE_KEYS, TYPE_CODES, isKleinstadt, isPeripheral } from './bbsr.ts';
import { normaliseQuery } from './names.ts';
import { listQuerySchema, type ListQuery } from '../query.ts';

export { FilterError, listQuerySchema, listQueryString, parseListQuery, type ListQuery } from '../query.ts';
import { atlasFacts, atlasIndicators, atlasMunicipalIndicators, atlasPopulation, dataImports, municipalities } from './schema.ts';

const roundOrNull = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10) / 10);

/** The year of the employment density (employees at the place of work 30.6. per 1,000 inhabitants 31.12.). */
const EMPLOYMENT_DENSITY_YEAR = 2021;
import { ZENSUS_BREAK_YEAR } from './timeseries.ts';
import { buildSimilarityIndex, mostSimilar } from './similar.ts';
import { createMapService } from './map-service.ts';
import type { MapMode } from '../map-modes.ts';

export interface ListRow {
  ags: string;
  slug: string;
  name: string;
  landCode: string;
  landName: string;
  kreisName: string;
  associationName: string;
  typeCode: number;
  lage: string | null;
  lageSource: string | null;
  population: number | null;
  areaKm2: number | null;
  change: number | null;
}

export interface Credit {
  dataset: string;
  credit: string;
  licence: string;
  stand: string;
  sourceFile: string;
}

const median = (values: number[]): number | null => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};

/** The Kleinstadt-Atlas: overview figures, the filtered municipality list and the municipality profiles. */
export function createAtlasService(db: Db, options: { dataDir?: string | undefined } = {}) {
  const maps = createMapService(db, options.dataDir);
  // Median of each INKAR indicator per year over the 2015 Gemeindeverbände of each official 2015 type.
  const indicatorMedians = createCache(300_000, async () => {
    const types = await db.selectDistinct({ code: atlasFacts.association2015Code, type: atlasFacts.typeOfficial2015 }).from(atlasFacts);
    const typeOf = new Map(types.filter((t) => t.code).map((t) => [t.code!, t.type]));
    const collect = new Map<string, number[]>();
    for (const row of await db.select().from(atlasIndicators)) {
      const type = typeOf.get(row.associationCode);
      if (!type) continue;
      for (const [year, value] of Object.entries(row.values)) {
        const key = `${row.indicator}|${type}|${year}`;
        const list = collect.get(key);
        if (list) list.push(value);
        else collect.set(key, [value]);
      }
    }
    return new Map([...collect].map(([k, v]) => [k, median(v)!]));
  });
  /** Employees at the place of work per 1,000 inhabitants (2021, comparable territory) by type and Lage: median. */
  const employmentMedians = createCache(300_000, async () => {
    const rows = await db
      .select({ typeCode: atlasFacts.typeCode, lage: atlasFacts.lage, values: atlasMunicipalIndicators.values, population: atlasPopulation.population })
      .from(atlasMunicipalIndicators)
      .innerJoin(atlasFacts, eq(atlasFacts.ags, atlasMunicipalIndicators.ags))
      .innerJoin(atlasPopulation, and(eq(atlasPopulation.ags, atlasMunicipalIndicators.ags), eq(atlasPopulation.year, EMPLOYMENT_DENSITY_YEAR), eq(atlasPopulation.sameTerritory, true)))
      .where(eq(atlasMunicipalIndicators.indicator, 'beschaeftigte_ao'));
    const collect = new Map<string, number[]>();
    for (const r of rows) {
      const employees = r.values[EMPLOYMENT_DENSITY_YEAR];
      if (employees === undefined || !r.population) continue;
      const key = `${r.typeCode}|${r.lage}`;
      const list = collect.get(key) ?? [];
      list.push((1000 * employees) / r.population);
      collect.set(key, list);
    }
    return new Map([...collect].map(([k, v]) => [k, median(v)!]));
  });
  const similarity = createCache(300_000, async () => {
    const rows = await db
      .select({ ags: atlasFacts.ags, population: municipalities.population, areaKm2: municipalities.areaKm2, change2013: atlasFacts.change2013, change2002: atlasFacts.change2002, typeCode: atlasFacts.typeCode, lage: atlasFacts.lage })
      .from(atlasFacts)
      .innerJoin(municipalities, eq(municipalities.ags, atlasFacts.ags));
    return buildSimilarityIndex(rows);
  });

  const credits = createCache(60_000, async (): Promise<Credit[]> => {
    const rows = await db
      .selectDistinctOn([dataImports.dataset], { dataset: dataImports.dataset, credit: dataImports.credit, licence: dataImports.licence, stand: dataImports.stand, sourceFile: dataImports.sourceFile })
      .from(dataImports)
      .orderBy(dataImports.dataset, desc(dataImports.importedAt));
    return rows;
  });

  // Figure 1 of the research field for today: counts of Gemeindeverbände, area and population by type and Lage.
  const overview = createCache(60_000, async () => {
    const rows = await db
      .select({
        typeCode: atlasFacts.typeCode,
        lage: atlasFacts.lage,
        associations: sql<number>`count(distinct ${municipalities.municipalAssociationArs})::int`,
        municipalities: sql<number>`count(*)::int`,
        area: sql<number>`coalesce(sum(${municipalities.areaKm2}), 0)::float8`,
        population: sql<number>`coalesce(sum(${municipalities.population}), 0)::bigint`,
      })
      .from(atlasFacts)
      .innerJoin(municipalities, eq(municipalities.ags, atlasFacts.ags))
      .groupBy(atlasFacts.typeCode, atlasFacts.lage);
    const cells = rows.map((r) => ({ ...r, population: Number(r.population) }));
    const byType = TYPE_CODES.map((code) => {
      const mine = cells.filter((c) => c.typeCode === code);
      return {
        typeCode: code,
        associations: mine.reduce((s, c) => s + c.associations, 0),
        municipalities: mine.reduce((s, c) => s + c.municipalities, 0),
        area: mine.reduce((s, c) => s + c.area, 0),
        population: mine.reduce((s, c) => s + c.population, 0),
      };
    });
    const total = {
      associations: byType.reduce((s, t) => s + t.associations, 0),
      municipalities: byType.reduce((s, t) => s + t.municipalities, 0),
      area: byType.reduce((s, t) => s + t.area, 0),
      population: byType.reduce((s, t) => s + t.population, 0),
    };
    const kleinByLage = [...LAGE_KEYS, null].map((lage) => {
      const mine = cells.filter((c) => isKleinstadt(c.typeCode) && c.lage === lage);
      return {
        lage,
        associations: mine.reduce((s, c) => s + c.associations, 0),
        area: mine.reduce((s, c) => s + c.area, 0),
        population: mine.reduce((s, c) => s + c.population, 0),
      };
    }).filter((r) => r.lage !== null || r.associations > 0);
    const klein = byType.filter((t) => isKleinstadt(t.typeCode));
    const headline = {
      kleinstaedte: klein.reduce((s, t) => s + t.associations, 0),
      groessere: klein.find((t) => t.typeCode === 30)?.associations ?? 0,
      kleine: klein.find((t) => t.typeCode === 40)?.associations ?? 0,
      peripheral: kleinByLage.filter((r) => isPeripheral(r.lage)).reduce((s, r) => s + r.associations, 0),
      populationShare: total.population ? klein.reduce((s, t) => s + t.population, 0) / total.population : 0,
      areaShare: total.area ? klein.reduce((s, t) => s + t.area, 0) / total.area : 0,
    };
    const lands = await db
      .selectDistinct({ code: municipalities.landCode, name: municipalities.landName })
      .from(municipalities)
      .orderBy(municipalities.landCode);
    return { byType, total, kleinByLage, headline, lands };
  });

  /**
   * The whole list (one row per municipality, facts and municipality columns) held in memory between imports: 10,773
   * rows are filtered and sorted in a few milliseconds, where a database round trip with a count over the same join
   * cost most of the list page's time (docs/performance.md). Invalidated by `invalidate()` after an import and
   * refreshed every five minutes, like the other atlas caches.
   */
  const listRows = createCache(300_000, async () => {
    const rows = await db
      .select({
        ags: municipalities.ags,
        slug: atlasFacts.slug,
        name: municipalities.shortName,
        landCode: municipalities.landCode,
        landName: municipalities.landName,
        kreisCode: municipalities.kreisCode,
        kreisName: municipalities.kreisName,
        associationName: municipalities.municipalAssociationName,
        typeCode: atlasFacts.typeCode,
        lage: atlasFacts.lage,
        lageSource: atlasFacts.lageSource,
        population: municipalities.population,
        areaKm2: municipalities.areaKm2,
        searchKey: atlasFacts.searchKey,
        change1990: atlasFacts.change1990,
        change2002: atlasFacts.change2002,
        change2013: atlasFacts.change2013,
      })
      .from(atlasFacts)
      .innerJoin(municipalities, eq(municipalities.ags, atlasFacts.ags))
      .orderBy(asc(municipalities.ags));
    return rows;
  });
  type CachedRow = Awaited<ReturnType<typeof listRows.get>>[number];
  const changeOf = (r: CachedRow, since: ListQuery['since']) => (since === '1990' ? r.change1990 : since === '2002' ? r.change2002 : r.change2013);
  const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

  function matches(query: ListQuery): (r: CachedRow) => boolean {
    const checks: ((r: CachedRow) => boolean)[] = [];
    if (query.q) {
      const q = normaliseQuery(query.q);
      const ags = query.q.trim();
      if (/^\d{8}$/.test(ags)) checks.push((r) => r.ags === ags);
      else if (q) checks.push((r) => r.searchKey.includes(q));
    }
    if (query.type?.length) checks.push((r) => query.type!.includes(r.typeCode));
    if (query.kleinstadt) checks.push((r) => r.typeCode === 30 || r.typeCode === 40);
    if (query.lage?.length) checks.push((r) => r.lage !== null && (query.lage as string[]).includes(r.lage));
    if (query.land) checks.push((r) => r.landCode === query.land);
    if (query.kreis) checks.push((r) => r.kreisCode === query.kreis);
    if (query.popMin !== undefined) checks.push((r) => r.population !== null && r.population >= query.popMin!);
    if (query.popMax !== undefined) checks.push((r) => r.population !== null && r.population <= query.popMax!);
    if (query.changeMin !== undefined) checks.push((r) => (changeOf(r, query.since) ?? -Infinity) >= query.changeMin!);
    if (query.changeMax !== undefined) checks.push((r) => (changeOf(r, query.since) ?? Infinity) <= query.changeMax!);
    return (r) => checks.every((check) => check(r));
  }

  async function list(query: ListQuery, options: { all?: boolean } = {}): Promise<{ rows: ListRow[]; total: number; query: ListQuery }> {
    const sign = query.dir === 'desc' ? -1 : 1;
    const key: (r: CachedRow) => string | number | null = {
      name: (r: CachedRow) => r.name,
      population: (r: CachedRow) => r.population,
      change: (r: CachedRow) => changeOf(r, query.since),
      area: (r: CachedRow) => r.areaKm2,
      ags: (r: CachedRow) => r.ags,
    }[query.sort];
    const found = (await listRows.get()).filter(matches(query));
    // Nulls last in both directions, then by AGS (the rows are cached in AGS order and the sort is stable).
    found.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return sign * (typeof x === 'string' ? collator.compare(x, y as string) : x - (y as number));
    });
    const page = options.all ? found.slice(0, 20_000) : found.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const rows: ListRow[] = page.map((r) => ({
      ags: r.ags,
      slug: r.slug,
      name: r.name,
      landCode: r.landCode,
      landName: r.landName,
      kreisName: r.kreisName,
      associationName: r.associationName,
      typeCode: r.typeCode,
      lage: r.lage,
      lageSource: r.lageSource,
      population: r.population,
      areaKm2: r.areaKm2,
      change: changeOf(r, query.since),
    }));
    return { rows, total: found.length, query };
  }

  async function resolve(key: string) {
    const byAgs = /^\d{8}$/.test(key);
    const [row] = await db
      .select({ m: municipalities, f: atlasFacts })
      .from(atlasFacts)
      .innerJoin(municipalities, eq(municipalities.ags, atlasFacts.ags))
      .where(byAgs ? eq(atlasFacts.ags, key) : eq(atlasFacts.slug, key.toLowerCase()))
      .limit(1);
    return row;
  }

  /** Median of the peer group for the profile comparison. */
  async function peerMedians(condition: SQL) {
    const rows = await db
      .select({ population: municipalities.population, area: municipalities.areaKm2, c1990: atlasFacts.change1990, c2002: atlasFacts.change2002, c2013: atlasFacts.change2013 })
      .from(atlasFacts)
      .innerJoin(municipalities, eq(municipalities.ags, atlasFacts.ags))
      .where(condition);
    const pick = (f: (r: (typeof rows)[number]) => number | null) => median(rows.map(f).filter((x): x is number => x !== null));
    return {
      count: rows.length,
      population: pick((r) => r.population),
      area: pick((r) => r.area),
      change1990: pick((r) => r.c1990),
      change2002: pick((r) => r.c2002),
      change2013: pick((r) => r.c2013),
    };
  }

  async function profile(key: string) {
    const row = await resolve(key);
    if (!row) return undefined;
    const { m, f } = row;
    const series = await db.select().from(atlasPopulation).where(eq(atlasPopulation.ags, m.ags)).orderBy(atlasPopulation.year);
    const members = await db
      .select({ ags: municipalities.ags, name: municipalities.shortName, population: municipalities.population, slug: atlasFacts.slug })
      .from(municipalities)
      .innerJoin(atlasFacts, eq(atlasFacts.ags, municipalities.ags))
      .where(eq(municipalities.municipalAssociationArs, m.municipalAssociationArs))
      .orderBy(desc(municipalities.population));
    const sameTypeLage = and(eq(atlasFacts.typeCode, f.typeCode), f.lage ? eq(atlasFacts.lage, f.lage) : sql`${atlasFacts.lage} is null`)!;
    const peers = {
      typeLage: await peerMedians(sameTypeLage),
      typeLageLand: await peerMedians(and(sameTypeLage, eq(municipalities.landCode, m.landCode))!),
    };
    const nearest = mostSimilar(await similarity.get(), m.ags, 10);
    const similarRows = nearest.length
      ? await db
          .select({ ags: municipalities.ags, name: municipalities.shortName, slug: atlasFacts.slug, landName: municipalities.landName, population: municipalities.population, typeCode: atlasFacts.typeCode, lage: atlasFacts.lage, change2013: atlasFacts.change2013 })
          .from(atlasFacts)
          .innerJoin(municipalities, eq(municipalities.ags, atlasFacts.ags))
          .where(inArray(atlasFacts.ags, nearest.map((n) => n.ags)))
      : [];
    const distance = new Map(nearest.map((n) => [n.ags, n.distance]));
    const similar = similarRows.map((r) => ({ ...r, distance: Math.round(distance.get(r.ags)! * 100) / 100 })).sort((a, b) => a.distance - b.distance);
    const indicatorRows = f.association2015Code ? await db.select().from(atlasIndicators).where(eq(atlasIndicators.associationCode, f.association2015Code)) : [];
    const medians = indicatorRows.length ? await indicatorMedians.get() : new Map<string, number>();
    const indicators = ['beschaeftigtenquote', 'arbeitslose', 'einkommensteuer']
      .map((key) => indicatorRows.find((r) => r.indicator === key))
      .filter((r) => r !== undefined)
      .map((r) => {
        const years = Object.keys(r.values).map(Number).sort((a, b) => a - b);
        return {
          indicator: r.indicator,
          own: years.map((year) => ({ year, value: r.values[year]! })),
          peer: years.flatMap((year) => {
            const value = medians.get(`${r.indicator}|${f.typeOfficial2015}|${year}`);
            return value === undefined ? [] : [{ year, value }];
          }),
        };
      });
    const densityMedians = await employmentMedians.get();
    const [employmentRow] = await db
      .select()
      .from(atlasMunicipalIndicators)
      .where(and(eq(atlasMunicipalIndicators.ags, m.ags), eq(atlasMunicipalIndicators.indicator, 'beschaeftigte_ao')));
    const population2021 = series.find((p) => p.year === EMPLOYMENT_DENSITY_YEAR && p.sameTerritory)?.population;
    const employees2021 = employmentRow?.values[EMPLOYMENT_DENSITY_YEAR];
    const employment = employmentRow
      ? {
          years: Object.entries(employmentRow.values)
            .map(([year, value]) => ({ year: Number(year), value }))
            .sort((a, b) => a.year - b.year),
          converted: employmentRow.converted,
          densityYear: EMPLOYMENT_DENSITY_YEAR,
          density: employees2021 !== undefined && population2021 ? Math.round((10_000 * employees2021) / population2021) / 10 : null,
          peerDensity: roundOrNull(densityMedians.get(`${f.typeCode}|${f.lage}`)),
        }
      : null;
    return { municipality: m, facts: f, series, members, peers, similar, indicators, employment, zensusBreakYear: ZENSUS_BREAK_YEAR };
  }

  return {
    /** Whether the atlas has been imported (facts exist). */
    async ready(): Promise<boolean> {
      const [row] = await db.select({ ags: atlasFacts.ags }).from(atlasFacts).limit(1);
      return row !== undefined;
    },
    credits: () => credits.get(),
    overview: () => overview.get(),
    list,
    profile,
    /** The map SVG coloured by `mode` (undefined when the VG5000 file is not available). */
    map: (mode: MapMode) => maps.map(mode),
    /** Map positions of municipalities (for markers). */
    async markers(agsList: string[]) {
      if (agsList.length === 0) return [];
      const rows = await db
        .select({ ags: municipalities.ags, name: municipalities.shortName, slug: atlasFacts.slug, lon: municipalities.longitude, lat: municipalities.latitude })
        .from(municipalities)
        .innerJoin(atlasFacts, eq(atlasFacts.ags, municipalities.ags))
        .where(inArray(municipalities.ags, agsList))
        .orderBy(municipalities.shortName);
      return rows.filter((r) => r.lon !== null && r.lat !== null).map((r) => ({ ags: r.ags, name: r.name, slug: r.slug, ...maps.position(r.lon!, r.lat!) }));
    },
    /** Forget cached figures (after an import in this process). */
    invalidate() {
      credits.invalidate();
      overview.invalidate();
      similarity.invalidate();
      indicatorMedians.invalidate();
      employmentMedians.invalidate();
      listRows.invalidate();
      maps.invalidate();
    },
    search: (q: string, limit = 10) => list({ ...listQuerySchema.parse({}), q, sort: 'population', dir: 'desc', pageSize: limit }),
  };
}

export type AtlasService = ReturnType<typeof createAtlasService>;
