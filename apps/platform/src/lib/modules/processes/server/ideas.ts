import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/db/client.ts';
import type { Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { auditLog } from '../../audit/server/schema.ts';
import type { Mailer } from '../../mail/server/outbox.ts';
import { ProcessNotFoundError } from './errors.ts';
import { fieldsOfAction, ideaComments, ideaReports, ideas, ideaStatuses, ideaSupports } from './schema.ts';
import type { Component, ProcessContext, ProcessService } from './service.ts';

export type Idea = typeof ideas.$inferSelect;

const optionalCoordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: 'error_coordinate_invalid' });
        return z.NEVER;
      }
      return n;
    });

export const ideaSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
  body: z.string({ error: 'error_required' }).trim().min(10, 'error_idea_body_short').max(5000, 'error_too_long'),
  field: z.enum(fieldsOfAction, { error: 'error_field_required' }),
  latitude: optionalCoordinate(47, 55.1),
  longitude: optionalCoordinate(5.8, 15.1),
});

const commentSchema = z.object({ body: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(3000, 'error_too_long') });
const reasonSchema = z.object({ reason: z.string({ error: 'error_reason_required' }).trim().min(3, 'error_reason_required').max(500, 'error_too_long') });
const statusSchema = z
  .object({ status: z.enum(ideaStatuses, { error: 'error_invalid' }), statusReason: z.string().trim().max(1000, 'error_too_long').default('') })
  .refine((s) => s.status !== 'nicht_umsetzbar' || s.statusReason.length >= 3, { path: ['statusReason'], message: 'error_reason_required' });

/** A stable pseudonym per person and process: the same person is recognisable within one process only. */
export function pseudonymFor(key: string, processId: string): string {
  return `Teilnehmende·r ${createHash('sha256').update(`${processId}:${key}`).digest('hex').slice(0, 6).toUpperCase()}`;
}

export function createIdeaService(deps: { db: Db; processes: ProcessService; mailer: Mailer }) {
  const { db, processes: processService, mailer } = deps;

  async function requireIdea(ctx: ProcessContext, component: Component, ideaId: string): Promise<Idea> {
    if (!/^[0-9a-f-]{36}$/i.test(ideaId)) throw new ProcessNotFoundError(`idea ${ideaId}`);
    const [idea] = await db.select().from(ideas).where(and(eq(ideas.id, ideaId), eq(ideas.componentId, component.id), eq(ideas.townId, ctx.town.id)));
    if (!idea) throw new ProcessNotFoundError(`idea ${ideaId}`);
    return idea;
  }

  const audit = (tx: Db, actor: Actor | null, ctx: ProcessContext, action: string, details: Record<string, unknown>) =>
    tx.insert(auditLog).values({ actorId: actor?.userId ?? null, townId: ctx.town.id, action, details });

  return {
    requireIdea,

    /** Ideas of a component, newest or most supported first; hidden ones keep their place with the reason. */
    async list(actor: Actor | null, ctx: ProcessContext, component: Component, options: { field?: string | null; sort?: 'new' | 'support'; limit?: number } = {}) {
      processService.authorize(actor, ctx, component, 'ideas:view');
      const field = options.field && (fieldsOfAction as readonly string[]).includes(options.field) ? (options.field as (typeof fieldsOfAction)[number]) : null;
      const rows = await db
        .select({
          id: ideas.id,
          title: ideas.title,
          body: ideas.body,
          field: ideas.field,
          status: ideas.status,
          statusReason: ideas.statusReason,
          hiddenReason: ideas.hiddenReason,
          supportCount: ideas.supportCount,
          createdAt: ideas.createdAt,
          pseudonym: ideas.pseudonym,
          authorName: users.displayName,
          supportedByMe: actor ? sql<boolean>`exists (select 1 from ${ideaSupports} s where s.idea_id = ${ideas.id} and s.user_id = ${actor.userId})` : sql<boolean>`false`,
          comments: sql<number>`(select count(*)::int from ${ideaComments} c where c.idea_id = ${ideas.id})`,
        })
        .from(ideas)
        .leftJoin(users, eq(users.id, ideas.authorId))
        .where(and(eq(ideas.componentId, component.id), field ? eq(ideas.field, field) : undefined))
        .orderBy(options.sort === 'support' ? desc(ideas.supportCount) : desc(ideas.createdAt), desc(ideas.id))
        .limit(options.limit ?? 200);
      return rows.map((r) => ({ ...r, author: r.pseudonym ?? r.authorName ?? null }));
    },

    /** One idea with its comments. */
    async get(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string) {
      processService.authorize(actor, ctx, component, 'ideas:view');
      const idea = await requireIdea(ctx, component, ideaId);
      const [author] = idea.authorId && !idea.pseudonym ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, idea.authorId)) : [];
      const comments = await db
        .select({ id: ideaComments.id, body: ideaComments.body, hiddenReason: ideaComments.hiddenReason, createdAt: ideaComments.createdAt, authorName: users.displayName })
        .from(ideaComments)
        .leftJoin(users, eq(users.id, ideaComments.authorId))
        .where(eq(ideaComments.ideaId, idea.id))
        .orderBy(asc(ideaComments.createdAt));
      const [mine] = actor ? await db.select().from(ideaSupports).where(and(eq(ideaSupports.ideaId, idea.id), eq(ideaSupports.userId, actor.userId))) : [];
      const [{ open }] = (await db.select({ open: count() }).from(ideaReports).where(and(eq(ideaReports.ideaId, idea.id), isNull(ideaReports.resolvedAt)))) as [{ open: number }];
      return { idea: { ...idea, author: idea.pseudonym ?? author?.name ?? null }, comments, supportedByMe: Boolean(mine), openReports: open };
    },

    /**
     * Submits an idea. The data-collection mode of the current phase decides what is stored: the author (named),
     * the author with a pseudonym shown (pseudonymous), or nobody (anonymous; also for anonymous link visitors).
     */
    async submit(actor: Actor | null, ctx: ProcessContext, component: Component, input: unknown, participant: { viaLink?: boolean; key?: string | null } = {}): Promise<Idea> {
      processService.authorize(actor, ctx, component, 'ideas:submit', participant.viaLink);
      const data = parseOrThrow(ideaSchema, input);
      const mode = processService.dataMode(ctx, component, 'ideas:submit');
      let authorId: string | null = null;
      let pseudonym: string | null = null;
      if (actor && mode !== 'anonymous') {
        authorId = actor.userId;
        if (mode === 'pseudonymous') pseudonym = pseudonymFor(actor.userId, ctx.process.id);
      } else if (!actor && mode !== 'anonymous') {
        // A link visitor without an account: pseudonymous by their link session, never named.
        pseudonym = pseudonymFor(participant.key ?? 'anonymous', ctx.process.id);
      }
      return db.transaction(async (tx) => {
        const [idea] = await tx.insert(ideas).values({ ...data, townId: ctx.town.id, processId: ctx.process.id, componentId: component.id, authorId, pseudonym }).returning();
        await audit(tx as unknown as Db, actor, ctx, 'idea.submitted', { ideaId: idea!.id, mode });
        return idea!;
      });
    },

    /**
     * Supports an idea once per person. The primary key makes a repeated or concurrent second support a no-op, and
     * the counter only moves when a row was really inserted, so the count stays exact.
     */
    async support(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string): Promise<boolean> {
      processService.authorize(actor, ctx, component, 'ideas:support');
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      const idea = await requireIdea(ctx, component, ideaId);
      if (idea.hiddenReason) throw new ValidationError({ _form: 'error_idea_hidden' });
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(ideaSupports).values({ ideaId, userId: actor.userId }).onConflictDoNothing({ target: [ideaSupports.ideaId, ideaSupports.userId] }).returning();
        if (!inserted.length) return false;
        await tx.update(ideas).set({ supportCount: sql`${ideas.supportCount} + 1` }).where(eq(ideas.id, ideaId));
        await audit(tx as unknown as Db, actor, ctx, 'idea.supported', { ideaId });
        return true;
      });
    },

    async unsupport(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string): Promise<boolean> {
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      await requireIdea(ctx, component, ideaId);
      return db.transaction(async (tx) => {
        const removed = await tx.delete(ideaSupports).where(and(eq(ideaSupports.ideaId, ideaId), eq(ideaSupports.userId, actor.userId))).returning();
        if (!removed.length) return false;
        await tx.update(ideas).set({ supportCount: sql`${ideas.supportCount} - 1` }).where(eq(ideas.id, ideaId));
        await audit(tx as unknown as Db, actor, ctx, 'idea.unsupported', { ideaId });
        return true;
      });
    },

    async comment(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: unknown): Promise<void> {
      processService.authorize(actor, ctx, component, 'ideas:comment');
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      const idea = await requireIdea(ctx, component, ideaId);
      const { body } = parseOrThrow(commentSchema, input);
      await db.transaction(async (tx) => {
        const [comment] = await tx.insert(ideaComments).values({ ideaId: idea.id, authorId: actor.userId, body }).returning();
        await audit(tx as unknown as Db, actor, ctx, 'idea.commented', { ideaId, commentId: comment!.id });
      });
    },

    /** Reports an idea (or one of its comments) to the moderators. */
    async report(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: unknown, commentId?: string): Promise<void> {
      processService.authorize(actor, ctx, component, 'ideas:report');
      const idea = await requireIdea(ctx, component, ideaId);
      const { reason } = parseOrThrow(reasonSchema, input);
      if (commentId) {
        const [comment] = await db.select().from(ideaComments).where(and(eq(ideaComments.id, commentId), eq(ideaComments.ideaId, idea.id)));
        if (!comment) throw new ProcessNotFoundError(`comment ${commentId}`);
      }
      await db.transaction(async (tx) => {
        const [report] = await tx.insert(ideaReports).values({ ideaId: idea.id, commentId: commentId ?? null, reporterId: actor?.userId ?? null, reason }).returning({ id: ideaReports.id });
        await audit(tx as unknown as Db, actor, ctx, 'idea.reported', { ideaId, commentId: commentId ?? null, reportId: report!.id });
      });
    },

    /** Hides an idea or a comment with a reason everybody sees (moderators); `reason` empty shows it again. */
    async hide(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: { reason?: string; commentId?: string; show?: string }): Promise<void> {
      processService.authorize(actor, ctx, component, 'ideas:moderate');
      const idea = await requireIdea(ctx, component, ideaId);
      const reason = input.show ? null : parseOrThrow(reasonSchema, input).reason;
      await db.transaction(async (tx) => {
        if (input.commentId) {
          const updated = await tx.update(ideaComments).set({ hiddenReason: reason }).where(and(eq(ideaComments.id, input.commentId), eq(ideaComments.ideaId, idea.id))).returning();
          if (!updated.length) throw new ProcessNotFoundError(`comment ${input.commentId}`);
        } else {
          await tx.update(ideas).set({ hiddenReason: reason }).where(eq(ideas.id, idea.id));
        }
        await tx.update(ideaReports).set({ resolvedAt: new Date() }).where(and(eq(ideaReports.ideaId, idea.id), isNull(ideaReports.resolvedAt)));
        await audit(tx as unknown as Db, actor, ctx, reason ? 'idea.hidden' : 'idea.shown', { ideaId, commentId: input.commentId ?? null, reason });
      });
    },

    /** Sets the status (moderators); "nicht umsetzbar" needs a reason. The author is told by mail. */
    async setStatus(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: unknown, origin: string): Promise<void> {
      processService.authorize(actor, ctx, component, 'ideas:moderate');
      const idea = await requireIdea(ctx, component, ideaId);
      const data = parseOrThrow(statusSchema, input);
      await db.transaction(async (tx) => {
        await tx.update(ideas).set(data).where(eq(ideas.id, idea.id));
        await audit(tx as unknown as Db, actor, ctx, 'idea.status_set', { ideaId, ...data });
        if (idea.authorId && idea.status !== data.status) {
          const [author] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, idea.authorId));
          if (author) {
            const { ideaStatusMail } = await import('./mails.ts');
            await mailer.enqueue(tx, ideaStatusMail(author, ctx, component, idea, data.status, data.statusReason, origin));
          }
        }
      });
    },
  };
}

export type IdeaService = ReturnType<typeof createIdeaService>;
