import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { renderMarkdown } from '../../../server/content/markdown.ts';
import { users } from '../../accounts/server/schema.ts';
import { memberships, towns } from '../../towns/server/schema.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { academyMails, asNotification } from './mails.ts';
import { uniqueSlug } from './slug.ts';
import { fieldsOfAction } from '../taxonomy.ts';
import { academyEntries } from './schema.ts';
import { academyAnswers, academyQuestions } from './events-schema.ts';
import { EntryNotFoundError } from './service.ts';
import { recordAudit } from '../../audit/server/record.ts';

export const questionSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(10, 'error_question_too_short').max(300, 'error_too_long'),
  body: z.string().trim().max(10_000, 'error_too_long').default(''),
  fieldsOfAction: z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).max(8).default([]),
});
export const answerSchema = z.object({ body: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(10_000, 'error_too_long') });

/**
 * Questions and answers between towns. A town asks (any member, in the town's name); other towns answer. Towns with
 * matching experience — published knowledge-base entries in the same fields of action — are told by mail (their
 * town admins). Everything is public to read.
 */
export function createQuestionService(deps: { db: Db; notifications: NotificationService; origin: string; towns: TownDirectory }) {
  const { db, notifications, origin, towns: townDirectory } = deps;

  const requireTown = (slug: string) => townDirectory.ref(slug);

  /** Towns (other than `exceptTownId`) with published entries in any of the fields, most matching entries first. */
  function townsWithExperience(fields: string[], exceptTownId: string, limit = 10) {
    if (!fields.length) return Promise.resolve([]);
    return db
      .select({ id: towns.id, slug: towns.slug, name: towns.name, entries: sql<number>`count(*)::int` })
      .from(academyEntries)
      .innerJoin(towns, eq(towns.id, academyEntries.townId))
      .where(and(eq(academyEntries.status, 'published'), ne(towns.id, exceptTownId), sql`${academyEntries.fieldsOfAction} && array[${sql.join(fields.map((f) => sql`${f}`), sql`, `)}]::text[]`))
      .groupBy(towns.id, towns.slug, towns.name)
      .orderBy(desc(sql`count(*)`), asc(towns.name))
      .limit(limit);
  }

  return {
    townsWithExperience,

    /** Questions, newest first, optionally by field of action, with their answer counts. */
    async list(field?: string | null) {
      const where = field && (fieldsOfAction as readonly string[]).includes(field) ? sql`${academyQuestions.fieldsOfAction} @> array[${field}]::text[]` : undefined;
      return db
        .select({
          slug: academyQuestions.slug,
          title: academyQuestions.title,
          fieldsOfAction: academyQuestions.fieldsOfAction,
          createdAt: academyQuestions.createdAt,
          townName: towns.name,
          answers: sql<number>`(select count(*)::int from academy_answers a where a.question_id = ${academyQuestions.id})`,
        })
        .from(academyQuestions)
        .innerJoin(towns, eq(towns.id, academyQuestions.townId))
        .where(where)
        .orderBy(desc(academyQuestions.createdAt))
        .limit(100);
    },

    async get(slug: string) {
      const [row] = await db
        .select({ question: academyQuestions, townName: towns.name, townSlug: towns.slug })
        .from(academyQuestions)
        .innerJoin(towns, eq(towns.id, academyQuestions.townId))
        .where(eq(academyQuestions.slug, slug));
      if (!row) throw new EntryNotFoundError(slug);
      const answers = await db
        .select({ id: academyAnswers.id, body: academyAnswers.body, createdAt: academyAnswers.createdAt, townName: towns.name, townSlug: towns.slug, author: users.displayName })
        .from(academyAnswers)
        .innerJoin(towns, eq(towns.id, academyAnswers.townId))
        .leftJoin(users, eq(users.id, academyAnswers.answeredBy))
        .where(eq(academyAnswers.questionId, row.question.id))
        .orderBy(asc(academyAnswers.createdAt));
      return {
        question: row.question,
        bodyHtml: renderMarkdown(row.question.body),
        town: { name: row.townName, slug: row.townSlug },
        answers: answers.map((a) => ({ ...a, bodyHtml: renderMarkdown(a.body) })),
      };
    },

    /** A member asks in the name of their town; towns with matching experience are notified. */
    async ask(actor: Actor | null, townSlug: string, input: unknown) {
      const town = await requireTown(townSlug);
      authorize(actor, 'academy.ask', town.id);
      const data = parseOrThrow(questionSchema, input);
      const experienced = await townsWithExperience(data.fieldsOfAction, town.id);
      return db.transaction(async (tx) => {
        const slug = uniqueSlug(data.title, 'frage');
        const [question] = await tx.insert(academyQuestions).values({ ...data, slug, townId: town.id, askedBy: actor!.userId }).returning();
        for (const other of experienced) {
          const admins = await tx
            .select({ id: users.id })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.townId, other.id), eq(memberships.role, 'town_admin')));
          // Notifications of kind "academy": the admins' settings decide (now, digest, or off).
          for (const admin of admins) {
            await notifications.notify(admin.id, 'academy', ({ locale, displayName }) => asNotification(academyMails.questionMatch({ email: '', displayName, locale }, origin, { asking: town.name, experienced: other.name, title: data.title, slug })), tx);
          }
        }
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'academy.question_asked', details: { slug, notified: experienced.map((t) => t.slug) } });
        return { question: question!, notified: experienced.map((t) => ({ slug: t.slug, name: t.name })) };
      });
    },

    /** A member answers in the name of their town; the asking town's admins get a mail. */
    async answer(actor: Actor | null, questionSlug: string, townSlug: string, input: unknown) {
      const town = await requireTown(townSlug);
      authorize(actor, 'academy.answer', town.id);
      const data = parseOrThrow(answerSchema, input);
      const [question] = await db.select().from(academyQuestions).where(eq(academyQuestions.slug, questionSlug));
      if (!question) throw new EntryNotFoundError(questionSlug);
      return db.transaction(async (tx) => {
        const [answer] = await tx.insert(academyAnswers).values({ questionId: question.id, townId: town.id, answeredBy: actor!.userId, body: data.body }).returning();
        const askers = await tx
          .select({ id: users.id })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.townId, question.townId), eq(memberships.role, 'town_admin')));
        for (const a of askers) {
          await notifications.notify(a.id, 'academy', ({ locale, displayName }) => asNotification(academyMails.questionAnswered({ email: '', displayName, locale }, origin, { answering: town.name, title: question.title, slug: question.slug })), tx);
        }
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'academy.question_answered', details: { question: question.slug } });
        return answer!;
      });
    },
  };
}

export type QuestionService = ReturnType<typeof createQuestionService>;
