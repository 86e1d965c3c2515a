import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';

/** What a person can be notified about; each kind can be switched off in the settings. */
export const notificationKinds = ['invitation', 'meeting_reminder', 'idea_status', 'project_update', 'academy', 'moderation', 'report_outcome'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Single mails right away, or one digest a day or a week. */
export const deliveryModes = ['immediate', 'daily', 'weekly'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/** A person's notification settings; no row = every kind on, delivered immediately. */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Kinds switched off. Stored as a list of what is off, so a kind added later is on by default. */
  disabled: jsonb('disabled').$type<string[]>().notNull().default([]),
  delivery: text('delivery', { enum: deliveryModes }).notNull().default('immediate'),
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Notifications waiting for a person's next digest. */
export const notificationQueue = pgTable(
  'notification_queue',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    digestedAt: timestamp('digested_at', { withTimezone: true }),
  },
  (t) => [index('notification_queue_user_idx').on(t.userId, t.digestedAt, t.createdAt)],
);

/** Secrets the platform generates for itself (e.g. the key that signs unsubscribe links), created on first use. */
export const signingKeys = pgTable('signing_keys', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
