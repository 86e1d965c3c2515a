import { boolean, date, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { ideas, meetings, processes, type FieldOfAction } from '../../processes/server/schema.ts';
import { visionGoals } from '../../vision/server/schema.ts';
import { photoColumns } from '../../../server/db/columns.ts';

/** Leitprojekt (lead project, mid/long term), Starterprojekt (small, quick, visible), or any other project. */
export const projectTypes = ['leitprojekt', 'starterprojekt', 'projekt'] as const;
export type ProjectType = (typeof projectTypes)[number];

/** Idee, in Vorbereitung, in Umsetzung, umgesetzt, ruht. */
export const projectStatuses = ['idee', 'vorbereitung', 'umsetzung', 'umgesetzt', 'ruht'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/**
 * Funding programmes and competitions a project can name besides its free-text funding note: the Städtebauförderung
 * programmes "Kleinere Städte und Gemeinden" and "Aktive Stadt- und Ortsteilzentren", and competitions such as
 * "Ab in die Mitte!".
 */
export const fundingProgrammes = ['kleinere_staedte', 'aktive_zentren', 'ab_in_die_mitte', 'land_competition', 'leader'] as const;
export type FundingProgramme = (typeof fundingProgrammes)[number];

/** A working group (Arbeitsgruppe) of a town, optionally belonging to a process: topic, rhythm, members. */
export const workingGroups = pgTable(
  'working_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    processId: uuid('process_id').references(() => processes.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    topic: text('topic').notNull().default(''),
    /** Free text, e.g. "zweimal im Jahr". */
    rhythm: text('rhythm').notNull().default(''),
    /** Markdown for the members-only area (sanitized on output). */
    internalNotes: text('internal_notes').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('working_groups_town_slug_idx').on(t.townId, t.slug)],
);

export const workingGroupRoles = ['lead', 'member'] as const;

export const workingGroupMembers = pgTable(
  'working_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: workingGroupRoles }).notNull().default('member'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('working_group_members_user_idx').on(t.userId)],
);

/** The group's meetings: links to meetings of the town's processes (the meetings module owns them). */
export const workingGroupMeetings = pgTable(
  'working_group_meetings',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.meetingId] })],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    processId: uuid('process_id').references(() => processes.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** Markdown, sanitized on output. */
    summary: text('summary').notNull().default(''),
    type: text('type', { enum: projectTypes }).notNull(),
    status: text('status', { enum: projectStatuses }).notNull().default('idee'),
    fields: jsonb('fields').$type<FieldOfAction[]>().notNull().default([]),
    /** The Kümmerer: a person or an organisation, as free text … */
    responsibleName: text('responsible_name').notNull(),
    /** … and, optionally, their account. */
    responsibleUserId: uuid('responsible_user_id').references(() => users.id, { onDelete: 'set null' }),
    partners: text('partners').notNull().default(''),
    workingGroupId: uuid('working_group_id').references(() => workingGroups.id, { onDelete: 'set null' }),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    budget: text('budget').notNull().default(''),
    funding: text('funding').notNull().default(''),
    fundingProgrammes: jsonb('funding_programmes').$type<FundingProgramme[]>().notNull().default([]),
    /** Drafts are visible to the town's team only. */
    published: boolean('published').notNull().default(false),
    /** Optional place of the project on the town map (WGS 84 degrees); both or neither. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('projects_town_slug_idx').on(t.townId, t.slug), index('projects_town_idx').on(t.townId, t.published), index('projects_group_idx').on(t.workingGroupId)],
);

export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    done: boolean('done').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_milestones_project_idx').on(t.projectId, t.dueOn)],
);

/**
 * The goals of a Zukunftsbild (vision module) a project serves. Only goals of the project's town — and, when the
 * project belongs to a process, of that process — are accepted (checked by the service).
 */
export const projectGoals = pgTable(
  'project_goals',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => visionGoals.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.goalId] }), index('project_goals_goal_idx').on(t.goalId)],
);

/** The ideas a project came from. */
export const projectIdeas = pgTable(
  'project_ideas',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.ideaId] }), index('project_ideas_idea_idx').on(t.ideaId)],
);

export const projectUpdates = pgTable(
  'project_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** Markdown, sanitized on output. */
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_updates_project_idx').on(t.projectId, t.createdAt)],
);

/** Photos of a progress update: re-encoded by the photo pipeline of the processes module, alt text required. */
export const projectPhotos = pgTable(
  'project_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    updateId: uuid('update_id')
      .notNull()
      .references(() => projectUpdates.id, { onDelete: 'cascade' }),
    ...photoColumns(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_photos_update_idx').on(t.updateId)],
);

/**
 * People who follow a project hear of each progress update (through their notification settings). `nonce` is signed
 * into the one-click unfollow link of the mails: once the row is gone (unfollowed), its links are void, and a new
 * follow gets a new nonce.
 */
export const projectFollowers = pgTable(
  'project_followers',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    nonce: uuid('nonce').notNull().defaultRandom(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);
