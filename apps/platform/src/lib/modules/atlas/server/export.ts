import { toCsv as writeCsv, type CsvValue } from '../../../server/csv.ts';
import type { AtlasService, Credit, ListRow } from './atlas.ts';
import type { ListQuery } from '../query.ts';

const TYPE_NAMES: Record<number, string> = { 10: 'Großstadt', 20: 'Mittelstadt', 30: 'Größere Kleinstadt', 40: 'Kleine Kleinstadt', 50: 'Landgemeinde' };

/** One municipality in downloads and the API (German BBSR type names, codes kept). */
export function apiRow(r: ListRow) {
  return {
    ags: r.ags,
    name: r.name,
    slug: r.slug,
    land_code: r.landCode,
    land: r.landName,
    kreis: r.kreisName,
    gemeindeverband: r.associationName,
    type_code: r.typeCode,
    type: TYPE_NAMES[r.typeCode] ?? null,
    lage: r.lage,
    lage_source: r.lageSource,
    population: r.population,
    area_km2: r.areaKm2,
    change_percent: r.change,
  };
}

/** CSV (UTF-8, comma-separated, header row); the credit lines come first as lines starting with "#". */
export function toCsv(rows: ListRow[], credits: Credit[]): string {
  const header = Object.keys(apiRow({} as ListRow));
  const items = rows.map((r) => apiRow(r) as Record<string, CsvValue>);
  return writeCsv([header, ...items.map((item) => header.map((h) => item[h]))], { delimiter: ',', comments: credits.map((c) => `${c.credit} – ${c.licence} (Stand ${c.stand}; ${c.sourceFile})`) });
}

export function toJson(result: { rows: ListRow[]; total: number; query: ListQuery }, credits: Credit[]) {
  const { query } = result;
  return {
    total: result.total,
    page: query.page,
    page_size: query.pageSize,
    change_since: Number(query.since),
    items: result.rows.map(apiRow),
    credits: credits.map((c) => ({ credit: c.credit, licence: c.licence, stand: c.stand, source_file: c.sourceFile })),
  };
}

export function profileJson(profile: NonNullable<Awaited<ReturnType<AtlasService['profile']>>>, credits: Credit[]) {
  const { municipality: m, facts: f } = profile;
  return {
    ags: m.ags,
    ars: m.ars,
    name: m.shortName,
    official_name: m.name,
    slug: f.slug,
    land: { code: m.landCode, name: m.landName },
    kreis: { code: m.kreisCode, name: m.kreisName },
    gemeindeverband: { ars: m.municipalAssociationArs, name: m.municipalAssociationName, members: profile.members.map((x) => ({ ags: x.ags, name: x.name, population: x.population })) },
    stand: m.stand,
    population: m.population,
    area_km2: m.areaKm2,
    longitude: m.longitude,
    latitude: m.latitude,
    type: { code: f.typeCode, name: TYPE_NAMES[f.typeCode], rule_code: f.typeRuleCode, upgrade_2015_kept: f.upgradeKept, official_2015_code: f.typeOfficial2015, largest_member_population: f.largestMemberPopulation },
    lage: { value: f.lage, source: f.lageSource, approximation: f.lageSource !== 'bbsr' },
    population_change_percent: { since_1990: f.change1990, since_2002: f.change2002, since_2013: f.change2013 },
    population_series: profile.series.map((p) => ({ year: p.year, date: p.stichtag, population: p.population, area_km2: p.areaKm2, source_ags: p.sourceAgs, match: p.matchMethod, comparable: p.sameTerritory, basis: p.basis })),
    zensus_break_year: profile.zensusBreakYear,
    peers: profile.peers,
    inkar_2018: Object.fromEntries(profile.indicators.map((i) => [i.indicator, { values: Object.fromEntries(i.own.map((p) => [p.year, p.value])), median_same_type_2015: Object.fromEntries(i.peer.map((p) => [p.year, p.value])) }])),
    employees_place_of_work: profile.employment
      ? {
          values: Object.fromEntries(profile.employment.years.map((y) => [y.year, y.value])),
          converted_to_today: profile.employment.converted,
          per_1000_inhabitants: profile.employment.density,
          median_same_type_lage_per_1000: profile.employment.peerDensity,
          year_per_1000: profile.employment.densityYear,
        }
      : null,
    similar: profile.similar.map((x) => ({ ags: x.ags, name: x.name, distance: x.distance })),
    credits: credits.map((c) => ({ credit: c.credit, licence: c.licence, stand: c.stand, source_file: c.sourceFile })),
  };
}
