import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { eventForms, registrationStatuses, visitStatuses } from '../taxonomy.ts';

/**
 * An academy event in one of the forms of the seed (Erfahrungswerkstatt, regionale/mobile/digitale Akademie,
 * Kongress, Kleinstadt-Forum). Public; managed by academy editors.
 */
export const academyEvents = pgTable(
  'academy_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    form: text('form', { enum: eventForms }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Programme, Markdown. */
    programme: text('programme').notNull().default(''),
    speakers: text('speakers').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    /** Region: a Land (or empty for nationwide/online). */
    land: text('land'),
    onlineUrl: text('online_url'),
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    /** Places; null = unlimited. */
    capacity: integer('capacity'),
    hostTownId: uuid('host_town_id').references(() => towns.id, { onDelete: 'set null' }),
    /** Documentation afterwards (protocol, slides, photos as links), Markdown; also published as a knowledge entry. */
    documentation: text('documentation').notNull().default(''),
    documentationEntryId: uuid('documentation_entry_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('academy_events_slug_idx').on(t.slug), index('academy_events_starts_idx').on(t.startsAt)],
);

/** A registration for an event: a place, or a place on the waiting list (first come, first served). */
export const academyEventRegistrations = pgTable(
  'academy_event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => academyEvents.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('academy_event_registrations_unique_idx').on(t.eventId, t.userId), index('academy_event_registrations_event_idx').on(t.eventId, t.status, t.createdAt)],
);

/** A town asks the mobile academy to come: topics, possible dates, status handled by academy editors. */
export const academyVisitRequests = pgTable(
  'academy_visit_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    topicText: text('topic_text').notNull().default(''),
    preferredDates: text('preferred_dates').notNull().default(''),
    participants: integer('participants'),
    message: text('message').notNull().default(''),
    status: text('status', { enum: visitStatuses }).notNull().default('requested'),
    editorNote: text('editor_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('academy_visit_requests_town_idx').on(t.townId, t.createdAt)],
);

/** A question from a town to the other towns. */
export const academyQuestions = pgTable(
  'academy_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    askedBy: uuid('asked_by').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('academy_questions_slug_idx').on(t.slug), index('academy_questions_created_idx').on(t.createdAt)],
);

/** An answer, given in the name of a town. */
export const academyAnswers = pgTable(
  'academy_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => academyQuestions.id, { onDelete: 'cascade' }),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('academy_answers_question_idx').on(t.questionId, t.createdAt)],
);
