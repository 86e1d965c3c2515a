import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../accounts/server/schema.ts';
import { towns } from '../../../towns/server/schema.ts';
import { seismoQuestionKinds, seismoRoundStatuses, seismoVisibilities } from '../../taxonomy.ts';

/**
 * One yearly round of the Seismograph, the recurring survey of town administrations. Editors create it (draft),
 * open it for answers and close it. Results of open and closed rounds are public, aggregated.
 */
export const seismoRounds = pgTable(
  'seismo_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    status: text('status', { enum: seismoRoundStatuses }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('seismo_rounds_slug_idx').on(t.slug), uniqueIndex('seismo_rounds_year_idx').on(t.year)],
);

/**
 * A question of a round. `key` is stable across years: the same question in each year's round has the same key, so
 * results line up over time.
 */
export const seismoQuestions = pgTable(
  'seismo_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => seismoRounds.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    key: text('key').notNull(),
    text: text('text').notNull(),
    hint: text('hint').notNull().default(''),
    kind: text('kind', { enum: seismoQuestionKinds }).notNull(),
    /** Choices (kind `choice`). */
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    /** Scale ends (kind `scale`). */
    scaleMin: integer('scale_min').notNull().default(1),
    scaleMax: integer('scale_max').notNull().default(5),
    /** Unit of a number (kind `number`), e.g. "Veranstaltungen". */
    unit: text('unit').notNull().default(''),
  },
  (t) => [uniqueIndex('seismo_questions_key_idx').on(t.roundId, t.key), index('seismo_questions_round_idx').on(t.roundId, t.position)],
);

/**
 * A town's answers to a round, given by its administration. Type and Lage are taken from the atlas for the town's AGS
 * when the town answers (so later re-classifications do not move old answers). `visibility`: `aggregated` (only in
 * groups of at least three towns) or `named` (the town may be shown by name with its answers).
 */
export const seismoResponses = pgTable(
  'seismo_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => seismoRounds.id, { onDelete: 'cascade' }),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    ags: text('ags'),
    /** BBSR Stadt- und Gemeindetyp code (10 … 50) at the time of answering. */
    typeCode: integer('type_code'),
    lage: text('lage'),
    visibility: text('visibility', { enum: seismoVisibilities }).notNull().default('aggregated'),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('seismo_responses_town_idx').on(t.roundId, t.townId)],
);

/** One answer: a number (scale or number) or a choice. */
export const seismoAnswers = pgTable(
  'seismo_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => seismoResponses.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => seismoQuestions.id, { onDelete: 'cascade' }),
    numberValue: doublePrecision('number_value'),
    choiceValue: text('choice_value'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] }), index('seismo_answers_question_idx').on(t.questionId)],
);
