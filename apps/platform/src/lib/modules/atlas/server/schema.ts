import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every politically independent German municipality (Gemeinde) as in the Destatis GV-ISys "Auszug GV".
 * The full atlas (time series, BBSR types, INKAR indicators) extends this table in its own issue.
 */
export const municipalities = pgTable(
  'municipalities',
  {
    ags: text('ags').primaryKey(),
    ars: text('ars').notNull(),
    name: text('name').notNull(),
    /** Name without the suffix Destatis appends (", Stadt"), for display and search. */
    shortName: text('short_name').notNull(),
    typeCode: text('type_code').notNull(),
    isTown: integer('is_town').notNull(),
    landCode: text('land_code').notNull(),
    landName: text('land_name').notNull(),
    kreisCode: text('kreis_code').notNull(),
    kreisName: text('kreis_name').notNull(),
    municipalAssociationArs: text('municipal_association_ars').notNull(),
    municipalAssociationName: text('municipal_association_name').notNull(),
    areaKm2: doublePrecision('area_km2'),
    population: integer('population'),
    populationMale: integer('population_male'),
    populationFemale: integer('population_female'),
    postcode: text('postcode'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    /** Reference date (Gebietsstand) of the row, ISO date. */
    stand: text('stand').notNull(),
  },
  (t) => [index('municipalities_name_idx').on(t.shortName), index('municipalities_land_idx').on(t.landCode)],
);

/** Provenance of every imported official file: what, which Stand, under which licence, credited how. */
export const dataImports = pgTable('data_imports', {
  id: serial('id').primaryKey(),
  dataset: text('dataset').notNull(),
  sourceFile: text('source_file').notNull(),
  stand: text('stand').notNull(),
  licence: text('licence').notNull(),
  credit: text('credit').notNull(),
  rows: integer('rows').notNull(),
  details: jsonb('details'),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Population of each municipality of today's territory in the yearly GV-ISys files (1990 … today), AGS changes
 * followed. Only rows with `sameTerritory` are comparable; `basis` marks the Zensus-2011 statistical break.
 */
export const atlasPopulation = pgTable(
  'atlas_population',
  {
    ags: text('ags').notNull(),
    year: integer('year').notNull(),
    stichtag: text('stichtag').notNull(),
    population: integer('population').notNull(),
    areaKm2: doublePrecision('area_km2'),
    sourceAgs: text('source_ags').notNull(),
    matchMethod: text('match_method').notNull(),
    sameTerritory: boolean('same_territory').notNull(),
    basis: text('basis').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ags, t.year] })],
);

/**
 * What the atlas computes per municipality of today's territory: BBSR type (rule with the 2015 upgrades kept),
 * Lage (official or approximated), population change against comparable earlier years, search key and slug.
 */
export const atlasFacts = pgTable(
  'atlas_facts',
  {
    ags: text('ags').primaryKey(),
    slug: text('slug').notNull().unique(),
    /** Lower-case name with umlauts transliterated both ways ("grossschoenau grossschonau"), for search. */
    searchKey: text('search_key').notNull(),
    typeCode: integer('type_code').notNull(),
    typeRuleCode: integer('type_rule_code').notNull(),
    upgradeKept: boolean('upgrade_kept').notNull(),
    typeOfficial2015: integer('type_official_2015'),
    association2015Code: text('association_2015_code'),
    largestMemberPopulation: integer('largest_member_population').notNull(),
    lage: text('lage'),
    lageSource: text('lage_source'),
    population1990: integer('population_1990'),
    population2002: integer('population_2002'),
    population2013: integer('population_2013'),
    /** Percentage change from the comparable year to the latest figure (null when not comparable). */
    change1990: doublePrecision('change_1990'),
    change2002: doublePrecision('change_2002'),
    change2013: doublePrecision('change_2013'),
  },
  (t) => [index('atlas_facts_type_idx').on(t.typeCode), index('atlas_facts_lage_idx').on(t.lage)],
);

/** INKAR 2018 indicator series per 2015 Gemeindeverband (BBSR code), one row per indicator: {year: value}. */
export const atlasIndicators = pgTable(
  'atlas_indicators',
  {
    associationCode: text('association_code').notNull(),
    indicator: text('indicator').notNull(),
    values: jsonb('values').$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.associationCode, t.indicator] })],
);

/**
 * Indicators per municipality of today's territory, one row per indicator: {year: value}. `converted` marks values
 * carried to today's territory through the BBSR Umsteigeschlüssel (the municipality was split or merged since).
 * Today: sozialversicherungspflichtig Beschäftigte am Arbeitsort 2020 and 2021 (BBSR ref-gemeinden-ab-2020.xlsx).
 */
export const atlasMunicipalIndicators = pgTable(
  'atlas_municipal_indicators',
  {
    ags: text('ags').notNull(),
    indicator: text('indicator').notNull(),
    values: jsonb('values').$type<Record<string, number>>().notNull(),
    converted: boolean('converted').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.ags, t.indicator] })],
);

/**
 * For each municipality of the map's Gebietsstand (VG5000, 01.01.2021 = territory of 31.12.2020), the municipality of
 * today that holds the largest part of its area (BBSR Umsteigeschlüssel): lets the map colour shapes whose
 * Gemeindeverband has since changed.
 */
export const atlasAgsSuccessors = pgTable('atlas_ags_successors', {
  agsFrom: text('ags_from').primaryKey(),
  agsTo: text('ags_to').notNull(),
});
