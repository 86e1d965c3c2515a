import { index, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';

/** Roles a person can hold in one town space. The platform admin role is a flag on the user instead. */
export const townRoles = ['town_admin', 'moderator', 'member'] as const;
export type TownRole = (typeof townRoles)[number];

/** A town space: the tenant. Everything a town owns references it, and every query for private data filters by it. */
export const towns = pgTable('towns', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Amtlicher Gemeindeschlüssel of the municipality, when known. */
  ags: text('ags'),
  landName: text('land_name'),
  descriptionDe: text('description_de').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  /** Internal notes of the town team; private (members only). */
  internalNotes: text('internal_notes').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who holds which role in which town. */
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    role: text('role', { enum: townRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.townId] }), index('memberships_town_idx').on(t.townId)],
);

/** An invitation by mail to take a role in a town; the token is stored hashed. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: townRoles }).notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('invitations_token_idx').on(t.tokenHash), index('invitations_town_idx').on(t.townId)],
);
