import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { entryKinds, entryStatuses } from '../taxonomy.ts';

/** PostgreSQL's tsvector; written only by the database (generated column). */
const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/**
 * One entry of the knowledge base (Wissenspool). Public once published; drafts and entries in review are seen by
 * their author, the contributing town's admins and the academy editors.
 *
 * The full-text index of published entries lives in `academy_search` (below), kept in step by a trigger.
 */
export const academyEntries = pgTable(
  'academy_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: entryKinds }).notNull(),
    status: text('status', { enum: entryStatuses }).notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown, rendered through the sanitizer. */
    body: text('body').notNull().default(''),
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    goals: text('goals').array().notNull().default(sql`'{}'::text[]`),
    /** The town the entry comes from (examples, shared projects); its type, location and Land are kept with it. */
    townId: uuid('town_id').references(() => towns.id, { onDelete: 'set null' }),
    townType: text('town_type'),
    location: text('location'),
    land: text('land'),
    year: integer('year'),
    authors: text('authors').notNull().default(''),
    licence: text('licence').notNull().default('CC-BY-4.0'),
    /** Bibliographic reference (publications) or source. */
    citation: text('citation').notNull().default(''),
    url: text('url'),
    /** Link back into the town's process when the entry was shared from there. */
    sourcePath: text('source_path'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    reviewNote: text('review_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('academy_entries_slug_idx').on(t.slug),
    index('academy_entries_status_idx').on(t.status, t.publishedAt),
    index('academy_entries_town_idx').on(t.townId),
    index('academy_entries_fields_idx').using('gin', t.fieldsOfAction),
  ],
);

/**
 * The search index of the knowledge base: one narrow row per **published** entry, written only by the trigger
 * `academy_entries_search_sync` (custom migration `0014_academy_search`), never by the application. It holds what a
 * search reads for every match: the full-text vector (German, umlauts folded: text search configuration
 * `german_unaccent`; title A, summary and authors B, body C), the small ranking vector (title A, summary B) and the
 * facet columns. The `search` vector is only read through its GIN index (exact bitmap, no recheck); for long entries
 * it is moved out of line (EXTERNAL storage, tuple target 128 bytes), all other columns are PLAIN. A broad query of
 * ten thousand matches reads the narrow rows of published entries only, never the entries' text
 * (docs/performance.md, "Academy search").
 */
export const academySearch = pgTable(
  'academy_search',
  {
    entryId: uuid('entry_id')
      .primaryKey()
      .references(() => academyEntries.id, { onDelete: 'cascade' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    kind: text('kind').notNull(),
    fieldsOfAction: text('fields_of_action').array().notNull(),
    /** The fields of action sorted and comma-joined: a cheap grouping key for the facet counts. */
    fieldsKey: text('fields_key').notNull(),
    townType: text('town_type'),
    location: text('location'),
    land: text('land'),
    year: integer('year'),
    rankVector: tsvector('rank_vector').notNull(),
    search: tsvector('search').notNull(),
  },
  (t) => [index('academy_search_idx').using('gin', t.search)],
);

/** One Kleinstadt-Check: a town team's self-assessment against the seed's ten points at one moment. */
export const academyChecks = pgTable(
  'academy_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Who filled it in together (free text, e.g. "Lenkungsgruppe, 12 Personen"). */
    team: text('team').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('academy_checks_town_idx').on(t.townId, t.createdAt)],
);

/** The rating (1–4) and note for one of the ten points in one check. */
export const academyCheckAnswers = pgTable(
  'academy_check_answers',
  {
    checkId: uuid('check_id')
      .notNull()
      .references(() => academyChecks.id, { onDelete: 'cascade' }),
    point: integer('point').notNull(),
    rating: integer('rating').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.checkId, t.point] })],
);
