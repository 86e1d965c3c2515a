import { doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

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
