import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../../server/permissions.ts';
import { collectErrors, fieldCheck, ValidationError, whenValid, type FieldErrors } from '../../../../server/validation.ts';
import { towns } from '../../../towns/server/schema.ts';
import type { TownDirectory } from '../../../towns/server/service.ts';
import { slugify } from '../../../towns/server/validation.ts';
import { atlasFacts } from '../../../atlas/server/schema.ts';
import { SEISMO_MIN_GROUP, seismoQuestionKinds, seismoRoundStatuses, seismoVisibilities } from '../../taxonomy.ts';
import { modelTownFacts } from '../demo-content.ts';
import { EntryNotFoundError } from '../service.ts';
import { seismoAnswers, seismoQuestions, seismoResponses, seismoRounds } from './schema.ts';
import { recordAudit } from '../../../audit/server/record.ts';

export type SeismoRound = typeof seismoRounds.$inferSelect;
export type SeismoQuestion = typeof seismoQuestions.$inferSelect;

/** Rows of the round form (without JavaScript the form has a fixed number of question rows). */
export const QUESTION_ROWS = 12;

const questionSchema = z
  .object({
    key: z.string().trim().max(60, 'error_too_long'),
    text: z.string().trim().min(5, 'error_question_too_short').max(500, 'error_too_long'),
    hint: z.string().trim().max(300, 'error_too_long').default(''),
    kind: z.enum(seismoQuestionKinds, { error: 'error_invalid_choice' }),
    options: z.array(z.string().trim().min(1).max(100, 'error_too_long')).max(10, 'error_too_many').default([]),
    scaleMax: z.preprocess((v) => (v === '' || v === undefined ? 5 : Number(v)), z.number({ error: 'error_scale_invalid' }).int('error_scale_invalid').min(2, 'error_scale_invalid').max(10, 'error_scale_invalid')),
    unit: z.string().trim().max(40, 'error_too_long').default(''),
  })
  .refine((q) => q.kind !== 'choice' || q.options.length >= 2, { message: 'error_options_required', path: ['options'], ...whenValid('kind', 'options') });

const roundSchema = z.object({
  year: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number({ error: 'error_year_invalid' }).int('error_year_invalid').min(2000, 'error_year_invalid').max(2100, 'error_year_invalid')),
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_title_too_short').max(200, 'error_too_long'),
  intro: z.string().trim().max(4000, 'error_too_long').default(''),
});

/** A result cell: a group of towns (a year, a town type, a Lage) with its number of towns and its value. */
export interface Cell {
  group: string;
  n: number;
  /** Mean (scale, number); null when suppressed or empty. */
  mean: number | null;
  /** Share in percent per choice (choice); null when suppressed or empty. */
  shares: Record<string, number> | null;
  suppressed: boolean;
}

/**
 * Anonymity: a cell with fewer than `min` towns (but at least one) is suppressed. If the suppressed towns of a breakdown
 * add up to fewer than `min`, their values could be computed back from the total; then the smallest shown cells are
 * suppressed too until the hidden towns are at least `min` (secondary suppression). Values of suppressed cells are
 * removed, not only hidden.
 */
export function suppress(cells: Cell[], min = SEISMO_MIN_GROUP, partition = true): Cell[] {
  const out = cells.map((c) => ({ ...c, suppressed: c.n > 0 && c.n < min }));
  let hidden = out.filter((c) => c.suppressed).reduce((s, c) => s + c.n, 0);
  // Only a breakdown of a shown total (a partition) can be computed back; cells of different years cannot.
  while (partition && hidden > 0 && hidden < min) {
    const next = out.filter((c) => !c.suppressed && c.n > 0).sort((a, b) => a.n - b.n)[0];
    if (!next) break;
    next.suppressed = true;
    hidden += next.n;
  }
  return out.map((c) => (c.suppressed ? { ...c, mean: null, shares: null } : c));
}

interface Value {
  townId: string;
  number: number | null;
  choice: string | null;
}

function cellOf(group: string, values: Value[], kind: string, options: string[]): Cell {
  const n = values.length;
  if (!n) return { group, n, mean: null, shares: null, suppressed: false };
  if (kind === 'choice') {
    const shares: Record<string, number> = {};
    for (const o of options) shares[o] = Math.round((1000 * values.filter((v) => v.choice === o).length) / n) / 10;
    return { group, n, mean: null, shares, suppressed: false };
  }
  const nums = values.map((v) => v.number!).filter((x) => x !== null && Number.isFinite(x));
  return { group, n, mean: nums.length ? Math.round((100 * nums.reduce((s, x) => s + x, 0)) / nums.length) / 100 : null, shares: null, suppressed: false };
}

/** Type and Lage of a town from the atlas for its AGS; without the atlas, the built-in facts of the model towns. */
const FALLBACK_TYPE: Record<string, number> = { mittelstadt: 20, groessere_kleinstadt: 30, kleine_kleinstadt: 40, landgemeinde: 50 };

/**
 * The Seismograph: recurring surveys of town administrations. Editors create a round per year with questions (scale,
 * number, choice; the form starts from the previous year's questions so that they stay the same); the town admin
 * answers for the town while the round is open and chooses whether the town may be shown by name. Results are
 * public: over time, by town type and by Lage (from the atlas), each cell only with at least three towns.
 */
export function createSeismographService(deps: { db: Db; towns: TownDirectory }) {
  const { db, towns: townDirectory } = deps;

  async function requireRound(slug: string): Promise<SeismoRound> {
    const [round] = await db.select().from(seismoRounds).where(eq(seismoRounds.slug, slug));
    if (!round) throw new EntryNotFoundError(slug);
    return round;
  }

  const requireTown = (slug: string) => townDirectory.ref(slug);

  function questionsOf(roundId: string) {
    return db.select().from(seismoQuestions).where(eq(seismoQuestions.roundId, roundId)).orderBy(asc(seismoQuestions.position));
  }

  async function classify(town: { slug: string; ags: string | null }) {
    const [facts] = town.ags ? await db.select({ typeCode: atlasFacts.typeCode, lage: atlasFacts.lage }).from(atlasFacts).where(eq(atlasFacts.ags, town.ags)) : [];
    if (facts) return { typeCode: facts.typeCode, lage: facts.lage };
    const fallback = modelTownFacts[town.slug];
    return { typeCode: fallback ? (FALLBACK_TYPE[fallback.townType] ?? null) : null, lage: fallback?.location ?? null };
  }

  /** Reads the round form's question rows (`q0_text`, `q0_kind`, …); empty rows are skipped. */
  function parseQuestions(input: Record<string, unknown>) {
    const questions: z.infer<typeof questionSchema>[] = [];
    const errors: Record<string, string> = {};
    for (let i = 0; i < QUESTION_ROWS; i++) {
      const get = (f: string) => (typeof input[`q${i}_${f}`] === 'string' ? (input[`q${i}_${f}`] as string) : '');
      if (!get('text').trim()) continue;
      const raw = { key: get('key'), text: get('text'), hint: get('hint'), kind: get('kind'), options: get('options').split(/\r?\n|\|/).map((o) => o.trim()).filter(Boolean), scaleMax: get('scaleMax'), unit: get('unit') };
      const result = questionSchema.safeParse(raw);
      if (!result.success) {
        for (const issue of result.error.issues) errors[`q${i}_${String(issue.path[0] ?? 'text')}`] ??= issue.message.startsWith('error_') ? issue.message : 'error_invalid';
        continue;
      }
      const q = result.data;
      q.key = slugify(q.key || q.text).replace(/-/g, '_').slice(0, 50) || `frage_${i + 1}`;
      if (questions.some((other) => other.key === q.key)) errors[`q${i}_key`] = 'error_key_taken';
      questions.push(q);
    }
    if (!questions.length && !Object.keys(errors).length) errors.q0_text = 'error_questions_required';
    return { questions, errors };
  }

  return {
    /** Rounds: public ones (open, closed) for everyone, drafts too for editors; newest first, with answer counts. */
    async rounds(actor: Actor | null) {
      const rows = await db.select().from(seismoRounds).where(can(actor, 'academy.manageSeismograph') ? undefined : ne(seismoRounds.status, 'draft')).orderBy(desc(seismoRounds.year));
      const counts = rows.length ? await db.select({ roundId: seismoResponses.roundId }).from(seismoResponses).where(inArray(seismoResponses.roundId, rows.map((r) => r.id))) : [];
      return rows.map((r) => ({ slug: r.slug, year: r.year, title: r.title, status: r.status, responses: counts.filter((c) => c.roundId === r.id).length }));
    },

    /** One round with its questions (drafts for editors only). */
    async round(actor: Actor | null, slug: string) {
      const round = await requireRound(slug);
      if (round.status === 'draft' && !can(actor, 'academy.manageSeismograph')) throw new EntryNotFoundError(slug);
      const [questions, responses] = await Promise.all([questionsOf(round.id), db.select({ townId: seismoResponses.townId }).from(seismoResponses).where(eq(seismoResponses.roundId, round.id))]);
      return { round, questions, responses: responses.length, mayManage: can(actor, 'academy.manageSeismograph') };
    },

    /** The questions to start a new round with: the latest round's, so the survey stays the same each year. */
    async template() {
      const [latest] = await db.select().from(seismoRounds).orderBy(desc(seismoRounds.year)).limit(1);
      return { year: latest ? latest.year + 1 : new Date().getFullYear(), questions: latest ? await questionsOf(latest.id) : [] };
    },

    /** Editors create a round (draft) with its questions. */
    async createRound(actor: Actor | null, input: Record<string, unknown>): Promise<SeismoRound> {
      authorize(actor, 'academy.manageSeismograph');
      // One round per year: checked whenever the year itself is valid, together with every other field.
      const yearFree = fieldCheck(roundSchema.pick({ year: true }), async ({ year }): Promise<FieldErrors> => {
        const [taken] = await db.select({ id: seismoRounds.id }).from(seismoRounds).where(eq(seismoRounds.year, year));
        return taken ? { year: 'error_round_year_taken' } : {};
      });
      const { data, errors } = await collectErrors(roundSchema, input, [yearFree]);
      const parsed = parseQuestions(input);
      Object.assign(errors, parsed.errors);
      if (Object.keys(errors).length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [round] = await tx.insert(seismoRounds).values({ ...data!, slug: `seismograph-${data!.year}`, createdBy: actor!.userId }).returning();
        await tx.insert(seismoQuestions).values(parsed.questions.map((q, position) => ({ ...q, roundId: round!.id, position, scaleMin: 1 })));
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.seismo_round_created', details: { slug: round!.slug } });
        return round!;
      });
    },

    /** Editors open, close or re-open a round. */
    async setStatus(actor: Actor | null, slug: string, status: string) {
      authorize(actor, 'academy.manageSeismograph');
      const round = await requireRound(slug);
      const parsed = z.enum(seismoRoundStatuses, { error: 'error_invalid_choice' }).safeParse(status);
      if (!parsed.success) throw new ValidationError({ status: 'error_invalid_choice' });
      await db.transaction(async (tx) => {
        await tx.update(seismoRounds).set({ status: parsed.data, updatedAt: new Date() }).where(eq(seismoRounds.id, round.id));
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.seismo_round_status', details: { slug, status: parsed.data } });
      });
      return parsed.data;
    },

    /** What a town admin sees for the town: the open rounds with the town's answers so far, and past answers. */
    async forTown(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      authorize(actor, 'academy.answerSeismograph', town.id);
      const rounds = await db.select().from(seismoRounds).where(ne(seismoRounds.status, 'draft')).orderBy(desc(seismoRounds.year));
      const result = [];
      for (const round of rounds) {
        const questions = await questionsOf(round.id);
        const [response] = await db.select().from(seismoResponses).where(and(eq(seismoResponses.roundId, round.id), eq(seismoResponses.townId, town.id)));
        const answers = response ? await db.select().from(seismoAnswers).where(eq(seismoAnswers.responseId, response.id)) : [];
        const byQuestion = Object.fromEntries(answers.map((a) => [a.questionId, a.choiceValue ?? (a.numberValue === null ? '' : String(a.numberValue))]));
        result.push({ round, questions, response: response ?? null, values: Object.fromEntries(questions.map((q) => [`q_${q.key}`, byQuestion[q.id] ?? ''])) });
      }
      return { town, rounds: result };
    },

    /**
     * The town admin answers an open round for the town (again: replaces the town's earlier answers). Every question
     * must be answered; `visibility` says whether the town may be named.
     */
    async answer(actor: Actor | null, roundSlug: string, townSlug: string, input: Record<string, unknown>) {
      const town = await requireTown(townSlug);
      authorize(actor, 'academy.answerSeismograph', town.id);
      const round = await requireRound(roundSlug);
      if (round.status !== 'open') throw new ValidationError({ _form: 'error_round_not_open' });
      const questions = await questionsOf(round.id);
      const errors: Record<string, string> = {};
      const values: { questionId: string; numberValue: number | null; choiceValue: string | null }[] = [];
      for (const q of questions) {
        const field = `q_${q.key}`;
        const raw = typeof input[field] === 'string' ? (input[field] as string).trim() : '';
        if (!raw) {
          errors[field] = 'error_required';
          continue;
        }
        if (q.kind === 'choice') {
          if (!q.options.includes(raw)) errors[field] = 'error_invalid_choice';
          else values.push({ questionId: q.id, numberValue: null, choiceValue: raw });
        } else {
          const n = Number(raw.replace(',', '.'));
          if (!Number.isFinite(n)) errors[field] = 'error_number_invalid';
          else if (q.kind === 'scale' && (!Number.isInteger(n) || n < q.scaleMin || n > q.scaleMax)) errors[field] = 'error_scale_value';
          else if (q.kind === 'number' && (n < 0 || n > 1e9)) errors[field] = 'error_number_invalid';
          else values.push({ questionId: q.id, numberValue: n, choiceValue: null });
        }
      }
      const visibility = z.enum(seismoVisibilities).safeParse(input.visibility ?? 'aggregated');
      if (!visibility.success) errors.visibility = 'error_invalid_choice';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const { typeCode, lage } = await classify(town);
      return db.transaction(async (tx) => {
        await tx.delete(seismoResponses).where(and(eq(seismoResponses.roundId, round.id), eq(seismoResponses.townId, town.id)));
        const [response] = await tx
          .insert(seismoResponses)
          .values({ roundId: round.id, townId: town.id, ags: town.ags, typeCode, lage, visibility: visibility.data!, submittedBy: actor!.userId })
          .returning();
        if (values.length) await tx.insert(seismoAnswers).values(values.map((v) => ({ ...v, responseId: response!.id })));
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'academy.seismo_answered', details: { round: round.slug } });
        return response!;
      });
    },

    /**
     * Public results per question (by stable key): over the years, and by town type and Lage in the latest year with
     * answers. Cells with fewer than three towns are suppressed (see `suppress`); towns that agreed to be named are
     * listed with their answers of that year.
     */
    async results() {
      const rounds = await db.select().from(seismoRounds).where(ne(seismoRounds.status, 'draft')).orderBy(asc(seismoRounds.year));
      if (!rounds.length) return { rounds: [], questions: [] };
      const roundIds = rounds.map((r) => r.id);
      const [questions, rows] = await Promise.all([
        db.select().from(seismoQuestions).where(inArray(seismoQuestions.roundId, roundIds)).orderBy(asc(seismoQuestions.position)),
        db
          .select({
            questionId: seismoAnswers.questionId,
            number: seismoAnswers.numberValue,
            choice: seismoAnswers.choiceValue,
            townId: seismoResponses.townId,
            townName: towns.name,
            roundId: seismoResponses.roundId,
            typeCode: seismoResponses.typeCode,
            lage: seismoResponses.lage,
            visibility: seismoResponses.visibility,
          })
          .from(seismoAnswers)
          .innerJoin(seismoResponses, eq(seismoResponses.id, seismoAnswers.responseId))
          .innerJoin(towns, eq(towns.id, seismoResponses.townId))
          .where(inArray(seismoResponses.roundId, roundIds)),
      ]);
      const yearOf = new Map(rounds.map((r) => [r.id, r.year]));
      const keys = [...new Set([...questions].sort((a, b) => (yearOf.get(b.roundId)! - yearOf.get(a.roundId)!) || a.position - b.position).map((q) => q.key))];
      const out = keys.map((key) => {
        const versions = questions.filter((q) => q.key === key);
        const latest = versions.reduce((a, b) => (yearOf.get(b.roundId)! > yearOf.get(a.roundId)! ? b : a));
        const options = [...new Set(versions.flatMap((q) => q.options))];
        const ids = new Set(versions.map((q) => q.id));
        const answers = rows.filter((r) => ids.has(r.questionId));
        const asked = rounds.filter((r) => versions.some((v) => v.roundId === r.id));
        const overTime = suppress(asked.map((r) => cellOf(String(r.year), answers.filter((a) => a.roundId === r.id), latest.kind, options)), SEISMO_MIN_GROUP, false);
        const answeredRounds = rounds.filter((r) => answers.some((a) => a.roundId === r.id));
        const lastRound = answeredRounds[answeredRounds.length - 1];
        const inLast = lastRound ? answers.filter((a) => a.roundId === lastRound.id) : [];
        const typeGroups = [...new Set(inLast.map((a) => (a.typeCode === null ? '' : String(a.typeCode))))].sort();
        const lageOrder = ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher', ''];
        const lageGroups = [...new Set(inLast.map((a) => a.lage ?? ''))].sort((a, b) => lageOrder.indexOf(a) - lageOrder.indexOf(b));
        const byType = suppress(typeGroups.map((g) => cellOf(g, inLast.filter((a) => (a.typeCode === null ? '' : String(a.typeCode)) === g), latest.kind, options)));
        const byLage = suppress(lageGroups.map((g) => cellOf(g, inLast.filter((a) => (a.lage ?? '') === g), latest.kind, options)));
        const named = inLast
          .filter((a) => a.visibility === 'named')
          .map((a) => ({ town: a.townName, value: latest.kind === 'choice' ? (a.choice ?? '') : String(a.number ?? '') }))
          .sort((a, b) => a.town.localeCompare(b.town, 'de'));
        return { key, text: latest.text, hint: latest.hint, kind: latest.kind, options, unit: latest.unit, scaleMin: latest.scaleMin, scaleMax: latest.scaleMax, latestYear: lastRound?.year ?? null, overTime, byType, byLage, named };
      });
      return { rounds: rounds.map((r) => ({ slug: r.slug, year: r.year, title: r.title, status: r.status })), questions: out };
    },
  };
}

export type SeismographService = ReturnType<typeof createSeismographService>;
