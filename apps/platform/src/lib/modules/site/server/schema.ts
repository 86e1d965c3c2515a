import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Installation-specific pages (Impressum, Datenschutz, Barrierefreiheit), Markdown per locale, edited by admins. */
export const sitePages = pgTable(
  'site_pages',
  {
    key: text('key', { enum: ['impressum', 'datenschutz', 'barrierefreiheit'] }).notNull(),
    locale: text('locale', { enum: ['de', 'en'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.key, t.locale] })],
);
