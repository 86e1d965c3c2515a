import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';
import { fieldsOfAction, processes } from '../../processes/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { bytea } from '../../../server/db/columns.ts';

/**
 * A process's Zukunftsbild (picture of the future): an introduction, an image (re-encoded by the photo pipeline, alt
 * text required) and its goals (`vision_goals`). One row per process, created on first save. `published` makes the
 * Zukunftsbild public; `storyPublishedVersionId` points at the version of the Zukunftsgeschichte that is public.
 */
export const visions = pgTable('visions', {
  processId: uuid('process_id')
    .primaryKey()
    .references(() => processes.id, { onDelete: 'cascade' }),
  townId: uuid('town_id')
    .notNull()
    .references(() => towns.id, { onDelete: 'cascade' }),
  /** Markdown, sanitized on output. */
  intro: text('intro').notNull().default(''),
  published: boolean('published').notNull().default(false),
  imageAlt: text('image_alt'),
  imageWidth: integer('image_width'),
  imageHeight: integer('image_height'),
  /** WebP, at most 1600 px on the long side. */
  image: bytea('image'),
  /** WebP, at most 400 px on the long side. */
  thumbnail: bytea('thumbnail'),
  storyPublishedVersionId: uuid('story_published_version_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A goal of the Zukunftsbild, in one of the eight Handlungsfelder. */
export const visionGoals = pgTable(
  'vision_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    processId: uuid('process_id')
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    field: text('field', { enum: fieldsOfAction }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vision_goals_process_idx').on(t.processId, t.field, t.position)],
);

/**
 * The Zukunftsgeschichte 2030 is append-only: every save is a new numbered version with its author and time. When
 * the author deletes their account the version stays (author null, shown as "gelöschte Person").
 */
export const storyVersions = pgTable(
  'story_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    processId: uuid('process_id')
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** Markdown, sanitized on output. */
    body: text('body').notNull(),
    /** What changed, in the author's words (optional). */
    note: text('note').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('story_versions_process_number_idx').on(t.processId, t.number)],
);

/** A comment on a passage of one story version: the paragraph's index (0-based) and the quoted text. */
export const storyComments = pgTable(
  'story_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => storyVersions.id, { onDelete: 'cascade' }),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    paragraph: integer('paragraph').notNull(),
    quote: text('quote').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('story_comments_version_idx').on(t.versionId, t.paragraph)],
);
