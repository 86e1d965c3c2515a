import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../accounts/server/schema.ts';
import { towns } from '../../../towns/server/schema.ts';
import { orgKinds, orgStatuses, researchQuestionStatuses } from '../../taxonomy.ts';

/**
 * An actor or institution of the network directory (planning office, research institute, association of
 * municipalities, foundation, …). Organisations apply (status `pending`); academy editors approve, then the entry is
 * public. `isPartner` marks partners of the academy (the seed's "partnerschaftliche" form of the academy), with what
 * they contribute.
 */
export const academyOrgs = pgTable(
  'academy_orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: orgKinds }).notNull(),
    status: text('status', { enum: orgStatuses }).notNull().default('pending'),
    description: text('description').notNull().default(''),
    /** Expertise as fields of action (the eight Handlungsfelder). */
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    /** Region: a Land (null = nationwide) and optionally a Kreis. */
    land: text('land'),
    kreis: text('kreis').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    website: text('website'),
    isPartner: boolean('is_partner').notNull().default(false),
    partnerSince: integer('partner_since'),
    /** What a partner contributes to the academy (Markdown-free plain text). */
    partnerContribution: text('partner_contribution').notNull().default(''),
    appliedBy: uuid('applied_by').references(() => users.id, { onDelete: 'set null' }),
    reviewNote: text('review_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('academy_orgs_slug_idx').on(t.slug), index('academy_orgs_status_idx').on(t.status, t.name)],
);

/**
 * A researcher's profile in the Kleinstadtforschung network: linked to a user (who keeps it) or standalone (kept by
 * editors), with institution (optionally a directory entry) and topics.
 */
export const academyResearchers = pgTable(
  'academy_researchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    institution: text('institution').notNull().default(''),
    orgId: uuid('org_id').references(() => academyOrgs.id, { onDelete: 'set null' }),
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    /** Free research topics (keywords). */
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    bio: text('bio').notNull().default(''),
    website: text('website'),
    /** A public contact address, only if the researcher wants one shown. */
    publicEmail: text('public_email').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('academy_researchers_slug_idx').on(t.slug), uniqueIndex('academy_researchers_user_idx').on(t.userId)],
);

/** An open research question, posted by a researcher (profile) or in the name of a town. */
export const academyResearchQuestions = pgTable(
  'academy_research_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    fieldsOfAction: text('fields_of_action').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: researchQuestionStatuses }).notNull().default('offen'),
    researcherId: uuid('researcher_id').references(() => academyResearchers.id, { onDelete: 'set null' }),
    townId: uuid('town_id').references(() => towns.id, { onDelete: 'set null' }),
    postedBy: uuid('posted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('academy_research_questions_slug_idx').on(t.slug), index('academy_research_questions_status_idx').on(t.status, t.createdAt)],
);

/** A contribution to a research question: text and optionally a link (a study, a dataset, a project). */
export const academyResearchAnswers = pgTable(
  'academy_research_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => academyResearchQuestions.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    url: text('url'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Shown as the author: the researcher profile or the town the answer is given for (else the user's name). */
    researcherId: uuid('researcher_id').references(() => academyResearchers.id, { onDelete: 'set null' }),
    townId: uuid('town_id').references(() => towns.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('academy_research_answers_question_idx').on(t.questionId, t.createdAt)],
);
