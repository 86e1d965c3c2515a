import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every mail the platform sends goes through this outbox first. With SMTP configured a dispatcher delivers it;
 * without SMTP the mail stays here and platform admins read it on /admin/outbox (so local use works).
 */
export const outbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    kind: text('kind').notNull(),
    /** Extra mail headers, e.g. RFC 8058 List-Unsubscribe and List-Unsubscribe-Post for notifications. */
    headers: jsonb('headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('mail_outbox_recipient_idx').on(t.recipient), index('mail_outbox_created_idx').on(t.createdAt)],
);
