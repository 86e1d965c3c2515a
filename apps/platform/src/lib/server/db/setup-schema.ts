import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Which setup steps have run on this database (e.g. `demo` for the demo content). Seeding asks this marker, never the
 * content: a town that renamed or deleted demo data must not get it again, nor fail on it.
 */
export const setupMarkers = pgTable('setup_markers', {
  name: text('name').primaryKey(),
  doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow(),
});
