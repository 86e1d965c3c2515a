import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../accounts/server/schema.ts';
import { towns } from '../../../towns/server/schema.ts';
import { academyEntries } from '../schema.ts';
import { entryFileKinds, storyStatuses } from '../../taxonomy.ts';
import { bytea, photoColumns } from '../../../../server/db/columns.ts';

/** A showcase story ("Kleinstädte zeigen, wie es geht"): written by editors, public once published. */
export const academyStories = pgTable(
  'academy_stories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** One or two sentences: the list, the share preview (Open Graph description). */
    teaser: text('teaser').notNull().default(''),
    /** Markdown, rendered through the sanitizer. */
    body: text('body').notNull().default(''),
    townId: uuid('town_id').references(() => towns.id, { onDelete: 'set null' }),
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: storyStatuses }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('academy_stories_slug_idx').on(t.slug), index('academy_stories_status_idx').on(t.status, t.publishedAt)],
);

/** A photo of a story, re-encoded (EXIF removed) like every uploaded image; alt text is required. */
export const academyStoryPhotos = pgTable(
  'academy_story_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => academyStories.id, { onDelete: 'cascade' }),
    ...photoColumns(),
    caption: text('caption').notNull().default(''),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('academy_story_photos_story_idx').on(t.storyId, t.createdAt)],
);

/**
 * An attachment of a knowledge-base entry: an image (re-encoded as WebP, EXIF removed, alt text required) or a PDF
 * (stored as uploaded after its magic number was checked). Visible exactly when the entry is.
 */
export const academyEntryFiles = pgTable(
  'academy_entry_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => academyEntries.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: entryFileKinds }).notNull(),
    filename: text('filename').notNull(),
    /** Alt text (images) or title (PDFs). */
    altText: text('alt_text').notNull().default(''),
    caption: text('caption').notNull().default(''),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    data: bytea('data').notNull(),
    thumbnail: bytea('thumbnail'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('academy_entry_files_entry_idx').on(t.entryId, t.createdAt)],
);
