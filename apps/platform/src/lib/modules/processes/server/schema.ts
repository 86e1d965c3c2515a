import { fieldsOfAction, type FieldOfAction } from '../../../domain/fields-of-action.ts';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { bytea, photoColumns } from '../../../server/db/columns.ts';

/** A town's cooperative future process ("Zukunftsprozess Kastellaun 2030"): ordered phases and components. */
export const processes = pgTable(
  'processes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** Markdown, rendered through the sanitizer. */
    summary: text('summary').notNull().default(''),
    /** The blueprint it was created from (stable key, see blueprints.ts), if any. */
    blueprint: text('blueprint'),
    /** The phase whose permissions apply now; null = closed for participation. */
    currentPhaseId: uuid('current_phase_id'),
    published: boolean('published').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('processes_town_slug_idx').on(t.townId, t.slug)],
);

export const phases = pgTable(
  'process_phases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    processId: uuid('process_id')
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
  },
  (t) => [index('process_phases_process_idx').on(t.processId, t.position)],
);

/** An instance of a component type (see the registry) inside a process, with its settings. */
export const components = pgTable(
  'process_components',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    processId: uuid('process_id')
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    settings: jsonb('settings').notNull().default({}),
    /** Settings that differ per phase, by phase id (the type's `phaseSettings` schema; defaults where absent). */
    phaseSettings: jsonb('phase_settings').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('process_components_process_idx').on(t.processId, t.position)],
);

/** How much a participant reveals when taking an action: a name, a stable pseudonym, or nothing. */
export const dataModes = ['named', 'pseudonymous', 'anonymous'] as const;
export type DataMode = (typeof dataModes)[number];

/**
 * The process permission matrix as data: for one component, one phase and one action, who may take it. Grants are
 * `anyone`, `link` (anonymous participants who came through an access link), `user` (any logged-in person), `owner`
 * (the person who submitted the contribution, for actions such as editing one's idea) or a town role. Missing rows
 * mean nobody (except platform admins).
 */
export const componentPermissions = pgTable(
  'component_permissions',
  {
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    phaseId: uuid('phase_id')
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    grants: jsonb('grants').$type<string[]>().notNull(),
    dataMode: text('data_mode', { enum: dataModes }).notNull().default('named'),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.phaseId, t.action] })],
);

/** A meeting or workshop of a meetings component. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    address: text('address').notNull().default(''),
    onlineUrl: text('online_url'),
    /** Markdown. */
    agenda: text('agenda').notNull().default(''),
    /** Null = no limit. */
    capacity: integer('capacity'),
    /** Markdown, sanitized on output. */
    protocol: text('protocol').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_component_idx').on(t.componentId, t.startsAt), index('meetings_town_idx').on(t.townId, t.startsAt)],
);

export const registrationStatuses = ['registered', 'waiting'] as const;

export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    attended: boolean('attended').notNull().default(false),
    /** When the reminder before the meeting was sent (through the person's notification settings). */
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_registrations_user_idx').on(t.userId)],
);

/** The eight Handlungsfelder of the seed (shared with the academy). */
export { fieldsOfAction, type FieldOfAction };

export const ideaStatuses = ['neu', 'geprueft', 'wird_projekt', 'umgesetzt', 'nicht_umsetzbar'] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

export const ideas = pgTable(
  'ideas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    processId: uuid('process_id')
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    /** Null when the author deleted their account (the idea stays, anonymised) or submitted anonymously. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Shown instead of the author's name in pseudonymous mode. */
    pseudonym: text('pseudonym'),
    /** The named author deleted their account: shown as "gelöschte Person", not as anonymous. */
    authorDeleted: boolean('author_deleted').notNull().default(false),
    title: text('title').notNull(),
    body: text('body').notNull(),
    field: text('field', { enum: fieldsOfAction }).notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Optional free-text place ("Marktplatz", an address), with or without coordinates. */
    place: text('place').notNull().default(''),
    status: text('status', { enum: ideaStatuses }).notNull().default('neu'),
    statusReason: text('status_reason').notNull().default(''),
    hiddenReason: text('hidden_reason'),
    supportCount: integer('support_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the idea's content was last changed after submission ("bearbeitet am …"); null = never. */
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  // The idea list pages by component with keyset cursors, newest or most supported first (optionally one field of
  // action); each order has an index ending in the cursor's columns, so any page of 50 out of 10,000 reads 51 rows.
  (t) => [
    index('ideas_process_idx').on(t.processId, t.createdAt),
    index('ideas_town_idx').on(t.townId, t.createdAt),
    index('ideas_component_new_idx').on(t.componentId, t.createdAt, t.id),
    index('ideas_component_support_idx').on(t.componentId, t.supportCount, t.id),
    index('ideas_component_field_idx').on(t.componentId, t.field, t.createdAt, t.id),
    index('ideas_component_field_support_idx').on(t.componentId, t.field, t.supportCount, t.id),
  ],
);

/** The optional image of an idea (one per idea): re-encoded by the photo pipeline, EXIF removed, alt text required. */
export const ideaImages = pgTable('idea_images', {
  ideaId: uuid('idea_id')
    .primaryKey()
    .references(() => ideas.id, { onDelete: 'cascade' }),
  ...photoColumns(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Earlier versions of an idea: each edit first copies what the idea said until then (text, field, place, image with
 * its alt text) here, so nothing a person submitted is lost. Supports and comments stay with the idea itself.
 */
export const ideaRevisions = pgTable(
  'idea_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    /** Who made the edit that replaced this version (null once that account is deleted). */
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    /** The edit was made by the moderation, not by the author (shown on the idea). */
    byModeration: boolean('by_moderation').notNull(),
    /** When this version was replaced. */
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    field: text('field', { enum: fieldsOfAction }).notNull(),
    place: text('place').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** The image of this version, if it had one (null columns: none). */
    imageAltText: text('image_alt_text'),
    imageWidth: integer('image_width'),
    imageHeight: integer('image_height'),
    image: bytea('image'),
    thumbnail: bytea('thumbnail'),
  },
  (t) => [index('idea_revisions_idea_idx').on(t.ideaId, t.replacedAt)],
);

/**
 * One support per person and idea: the unique index makes a second support a no-op, even under concurrency. When a
 * person deletes their account the support stays, anonymised (user id null), so counts never change behind
 * anybody's back.
 */
export const ideaSupports = pgTable(
  'idea_supports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idea_supports_idea_user_idx').on(t.ideaId, t.userId)],
);

export const ideaComments = pgTable(
  'idea_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    hiddenReason: text('hidden_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idea_comments_idea_idx').on(t.ideaId, t.createdAt)],
);

export const reportOutcomes = ['hidden', 'dismissed'] as const;

/** Reports of ideas or comments to the moderators. */
export const ideaReports = pgTable(
  'idea_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id').references(() => ideaComments.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** How the moderation decided: the contribution was hidden, or the report was dismissed (no violation). */
    outcome: text('outcome', { enum: reportOutcomes }),
  },
  (t) => [index('idea_reports_idea_idx').on(t.ideaId), index('idea_reports_open_idx').on(t.resolvedAt)],
);


/**
 * Anonymous access links (and their QR codes) to a process: whoever opens one may take the actions granted to
 * `link` in the current phase. Only the token's hash is stored; links can expire and be revoked.
 */
export const accessLinks = pgTable(
  'access_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    processId: uuid('process_id')
      .notNull()
      .references(() => processes.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    redemptions: integer('redemptions').notNull().default(0),
  },
  (t) => [uniqueIndex('access_links_token_idx').on(t.tokenHash), index('access_links_process_idx').on(t.processId)],
);

/** Photos of analogue results (pinboards, flipcharts) of a meeting: re-encoded, EXIF removed, alt text required. */
export const meetingPhotos = pgTable(
  'meeting_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    ...photoColumns(),
    caption: text('caption').notNull().default(''),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_photos_meeting_idx').on(t.meetingId, t.createdAt)],
);

export const ageBands = ['u18', '18_29', '30_44', '45_64', '65plus'] as const;
export const genders = ['female', 'male', 'diverse'] as const;
export const backgrounds = ['administration', 'council', 'business', 'association', 'citizen', 'youth'] as const;

/** Members of a scenario group (invitation only); the self-description is optional, every field may stay empty. */
export const scenarioGroupMembers = pgTable(
  'scenario_group_members',
  {
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ageBand: text('age_band', { enum: ageBands }),
    gender: text('gender', { enum: genders }),
    ortsteil: text('ortsteil'),
    background: text('background', { enum: backgrounds }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.userId] })],
);

export const scenarioGroupInvitations = pgTable(
  'scenario_group_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('scenario_group_invitations_token_idx').on(t.tokenHash), index('scenario_group_invitations_component_idx').on(t.componentId)],
);
