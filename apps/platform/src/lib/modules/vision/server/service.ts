import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { ProcessNotFoundError } from '../../processes/server/errors.ts';
import { altTextRule, readImageUpload } from '../../processes/server/photos.ts';
import { fieldsOfAction, processes, type FieldOfAction } from '../../processes/server/schema.ts';
import type { ProcessContext, ProcessService } from '../../processes/server/service.ts';
import { towns } from '../../towns/server/schema.ts';
import { storyComments, storyVersions, visionGoals, visions } from './schema.ts';
import { collapse, diffStory, splitParagraphs } from './story.ts';

const goalSchema = z.object({
  field: z.enum(fieldsOfAction, { error: 'error_field_required' }),
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(200, 'error_too_long'),
  description: z.string().trim().max(2000, 'error_too_long').default(''),
});
const introSchema = z.object({ intro: z.string().max(20_000, 'error_too_long').default('') });
const imageSchema = z.object({ altText: altTextRule });
const storySchema = z.object({
  body: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(200_000, 'error_too_long'),
  note: z.string().trim().max(300, 'error_too_long').default(''),
});
const commentSchema = z.object({
  paragraph: z.string({ error: 'error_invalid' }).regex(/^\d{1,5}$/, 'error_invalid').transform(Number),
  quote: z.string().trim().max(500, 'error_too_long').default(''),
  body: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(3000, 'error_too_long'),
});
const versionNumber = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n < 1_000_000 ? n : null;
};

type Vision = typeof visions.$inferSelect;
export type StoryVersion = typeof storyVersions.$inferSelect;

/** What the pages may know about who wrote something: a name, or that the person deleted their account. */
export interface Author {
  name: string | null;
  deleted: boolean;
}
const authorOf = (authorId: string | null, name: string | null): Author => ({ name: authorId ? name : null, deleted: authorId === null });

/**
 * Zukunftsbild and Zukunftsgeschichte 2030 of a process (module `vision`). The process team (`vision.edit`) writes
 * them; the town's members (`vision.viewDraft`, `vision.comment`) read drafts and comment on passages; everybody
 * sees what is published, on the process page and the town page. Every change is audited in its transaction.
 */
export function createVisionService(deps: { db: Db; processes: ProcessService }) {
  const { db, processes: processService } = deps;

  async function context(actor: Actor | null, townSlug: string, processSlug: string) {
    const ctx = await processService.load(actor, townSlug, processSlug);
    return {
      ctx,
      mayEdit: can(actor, 'vision.edit', ctx.town.id),
      mayViewDraft: can(actor, 'vision.viewDraft', ctx.town.id),
      mayComment: can(actor, 'vision.comment', ctx.town.id),
    };
  }

  async function visionRow(processId: string): Promise<Omit<Vision, 'image' | 'thumbnail'> | undefined> {
    const [row] = await db
      .select({
        processId: visions.processId,
        townId: visions.townId,
        intro: visions.intro,
        published: visions.published,
        imageAlt: visions.imageAlt,
        imageWidth: visions.imageWidth,
        imageHeight: visions.imageHeight,
        storyPublishedVersionId: visions.storyPublishedVersionId,
        updatedAt: visions.updatedAt,
      })
      .from(visions)
      .where(eq(visions.processId, processId));
    return row;
  }

  /** Creates the vision row if missing and locks it (serialises version numbers and publishing). */
  async function lockVision(tx: Db | Tx, ctx: ProcessContext) {
    await tx.insert(visions).values({ processId: ctx.process.id, townId: ctx.town.id }).onConflictDoNothing();
    const [row] = await tx.select({ processId: visions.processId, storyPublishedVersionId: visions.storyPublishedVersionId }).from(visions).where(eq(visions.processId, ctx.process.id)).for('update');
    return row!;
  }

  const audit = (tx: Db | Tx, actor: Actor | null, ctx: ProcessContext, action: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, { actorId: actor?.userId, townId: ctx.town.id, action, details: { processId: ctx.process.id, ...details } });

  async function versionsOf(processId: string) {
    const rows = await db
      .select({ id: storyVersions.id, number: storyVersions.number, note: storyVersions.note, createdAt: storyVersions.createdAt, authorId: storyVersions.authorId, authorName: users.displayName, length: sql<number>`length(${storyVersions.body})::int` })
      .from(storyVersions)
      .leftJoin(users, eq(users.id, storyVersions.authorId))
      .where(eq(storyVersions.processId, processId))
      .orderBy(desc(storyVersions.number));
    return rows.map(({ authorId, authorName, ...r }) => ({ ...r, author: authorOf(authorId, authorName) }));
  }

  async function requireVersion(ctx: ProcessContext, number: number): Promise<StoryVersion> {
    const [row] = await db.select().from(storyVersions).where(and(eq(storyVersions.processId, ctx.process.id), eq(storyVersions.number, number)));
    if (!row) throw new ProcessNotFoundError(`story version ${number}`);
    return row;
  }

  return {
    /**
     * The Zukunftsbild with goals grouped by field of action, and the story's state. Visitors without
     * `vision.viewDraft` get only what is published (an unpublished Zukunftsbild is null for them).
     */
    async overview(actor: Actor | null, townSlug: string, processSlug: string) {
      const { ctx, mayEdit, mayViewDraft, mayComment } = await context(actor, townSlug, processSlug);
      const vision = await visionRow(ctx.process.id);
      const showVision = Boolean(vision && (vision.published || mayViewDraft));
      const goals = showVision
        ? await db.select().from(visionGoals).where(eq(visionGoals.processId, ctx.process.id)).orderBy(asc(visionGoals.position), asc(visionGoals.createdAt))
        : [];
      const byField = fieldsOfAction
        .map((field) => ({ field, goals: goals.filter((g) => g.field === field).map((g) => ({ id: g.id, title: g.title, description: g.description })) }))
        .filter((f) => f.goals.length > 0);
      const versions = mayViewDraft ? await versionsOf(ctx.process.id) : [];
      const published = vision?.storyPublishedVersionId
        ? (await db.select().from(storyVersions).where(eq(storyVersions.id, vision.storyPublishedVersionId)))[0]
        : undefined;
      return {
        ctx,
        mayEdit,
        mayViewDraft,
        mayComment,
        vision: showVision ? { intro: vision!.intro, published: vision!.published, image: vision!.imageAlt ? { alt: vision!.imageAlt, width: vision!.imageWidth!, height: vision!.imageHeight! } : null, updatedAt: vision!.updatedAt } : null,
        goals: byField,
        /** Drafts (every version) for the team; nothing for others. */
        versions,
        publishedStory: published ? { number: published.number, body: published.body, createdAt: published.createdAt } : null,
      };
    },

    /** Saves the introduction text of the Zukunftsbild. */
    async saveIntro(actor: Actor | null, townSlug: string, processSlug: string, input: unknown): Promise<void> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      const { intro } = parseOrThrow(introSchema, input);
      await db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        await tx.update(visions).set({ intro, updatedAt: new Date() }).where(eq(visions.processId, ctx.process.id));
        await audit(tx, actor, ctx, 'vision.intro_saved');
      });
    },

    async addGoal(actor: Actor | null, townSlug: string, processSlug: string, input: unknown): Promise<string> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      const data = parseOrThrow(goalSchema, input);
      return db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        const [{ next }] = (await tx
          .select({ next: sql<number>`coalesce(max(${visionGoals.position}), -1)::int + 1` })
          .from(visionGoals)
          .where(and(eq(visionGoals.processId, ctx.process.id), eq(visionGoals.field, data.field)))) as [{ next: number }];
        const [goal] = await tx.insert(visionGoals).values({ ...data, processId: ctx.process.id, townId: ctx.town.id, position: next }).returning({ id: visionGoals.id });
        await audit(tx, actor, ctx, 'vision.goal_added', { goalId: goal!.id, field: data.field, title: data.title });
        return goal!.id;
      });
    },

    async removeGoal(actor: Actor | null, townSlug: string, processSlug: string, goalId: string): Promise<void> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      if (!/^[0-9a-f-]{36}$/i.test(goalId)) throw new ProcessNotFoundError(`goal ${goalId}`);
      await db.transaction(async (tx) => {
        const removed = await tx.delete(visionGoals).where(and(eq(visionGoals.id, goalId), eq(visionGoals.processId, ctx.process.id))).returning({ title: visionGoals.title });
        if (!removed.length) throw new ProcessNotFoundError(`goal ${goalId}`);
        await audit(tx, actor, ctx, 'vision.goal_removed', { goalId, title: removed[0]!.title });
      });
    },

    /** Sets the Zukunftsbild's image: decoded, re-encoded without metadata (the meeting photo pipeline), alt text required. */
    async uploadImage(actor: Actor | null, townSlug: string, processSlug: string, input: Record<string, string>, file: File | undefined): Promise<void> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      const {
        data: { altText },
        image: processed,
      } = await readImageUpload(imageSchema, input, file);
      await db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        await tx
          .update(visions)
          .set({ imageAlt: altText, imageWidth: processed.width, imageHeight: processed.height, image: processed.image, thumbnail: processed.thumbnail, updatedAt: new Date() })
          .where(eq(visions.processId, ctx.process.id));
        await audit(tx, actor, ctx, 'vision.image_set', { altText });
      });
    },

    async removeImage(actor: Actor | null, townSlug: string, processSlug: string): Promise<void> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      await db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        await tx.update(visions).set({ imageAlt: null, imageWidth: null, imageHeight: null, image: null, thumbnail: null, updatedAt: new Date() }).where(eq(visions.processId, ctx.process.id));
        await audit(tx, actor, ctx, 'vision.image_removed');
      });
    },

    /** The image bytes, when the Zukunftsbild is visible to the asker. */
    async image(actor: Actor | null, townSlug: string, processSlug: string, variant: 'image' | 'thumbnail') {
      const { ctx, mayViewDraft } = await context(actor, townSlug, processSlug);
      const [row] = await db
        .select({ data: variant === 'image' ? visions.image : visions.thumbnail, published: visions.published })
        .from(visions)
        .where(eq(visions.processId, ctx.process.id));
      if (!row?.data || !(row.published || mayViewDraft)) return null;
      return { data: row.data, public: row.published && ctx.process.published };
    },

    /** Publishes or withdraws the Zukunftsbild. */
    async setVisionPublished(actor: Actor | null, townSlug: string, processSlug: string, published: boolean): Promise<void> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      await db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        await tx.update(visions).set({ published, updatedAt: new Date() }).where(eq(visions.processId, ctx.process.id));
        await audit(tx, actor, ctx, published ? 'vision.published' : 'vision.unpublished');
      });
    },

    /**
     * Saves the story as a new version (number = previous + 1, under the vision row's lock, so concurrent saves get
     * distinct numbers). Saving the newest text unchanged creates no version and returns the newest one.
     */
    async saveStory(actor: Actor | null, townSlug: string, processSlug: string, input: unknown): Promise<{ version: StoryVersion; created: boolean }> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      const data = parseOrThrow(storySchema, input);
      const body = data.body.replace(/\r\n?/g, '\n');
      return db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        const [latest] = await tx.select().from(storyVersions).where(eq(storyVersions.processId, ctx.process.id)).orderBy(desc(storyVersions.number)).limit(1);
        if (latest && latest.body === body) return { version: latest, created: false };
        const [version] = await tx
          .insert(storyVersions)
          .values({ processId: ctx.process.id, townId: ctx.town.id, number: (latest?.number ?? 0) + 1, body, note: data.note, authorId: actor!.userId })
          .returning();
        await audit(tx, actor, ctx, 'story.version_saved', { number: version!.number });
        return { version: version!, created: true };
      });
    },

    /** Publishes one version (shown on the public pages) or, with null, withdraws the story. */
    async publishStory(actor: Actor | null, townSlug: string, processSlug: string, number: number | null): Promise<void> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.edit', ctx.town.id);
      const version = number === null ? null : await requireVersion(ctx, number);
      await db.transaction(async (tx) => {
        await lockVision(tx, ctx);
        await tx.update(visions).set({ storyPublishedVersionId: version?.id ?? null, updatedAt: new Date() }).where(eq(visions.processId, ctx.process.id));
        await audit(tx, actor, ctx, version ? 'story.published' : 'story.unpublished', version ? { number: version.number } : {});
      });
    },

    /**
     * One version of the story split into paragraphs, each with its comments. Without `number`: the newest version
     * for the team, the published one for everybody else. Other versions are for the team only.
     */
    async version(actor: Actor | null, townSlug: string, processSlug: string, requested?: unknown) {
      const { ctx, mayEdit, mayViewDraft, mayComment } = await context(actor, townSlug, processSlug);
      const vision = await visionRow(ctx.process.id);
      let version: StoryVersion | undefined;
      const wanted = requested === undefined || requested === null || requested === '' ? null : versionNumber(requested);
      if (requested && wanted === null) throw new ProcessNotFoundError('story version');
      if (mayViewDraft) {
        if (wanted !== null) version = await requireVersion(ctx, wanted);
        else [version] = await db.select().from(storyVersions).where(eq(storyVersions.processId, ctx.process.id)).orderBy(desc(storyVersions.number)).limit(1);
      } else {
        const publishedId = vision?.storyPublishedVersionId;
        if (publishedId) [version] = await db.select().from(storyVersions).where(eq(storyVersions.id, publishedId));
        if (wanted !== null && version?.number !== wanted) throw new ProcessNotFoundError('story version');
      }
      const [author] = version?.authorId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, version.authorId)) : [];
      const comments =
        version && mayViewDraft
          ? await db
              .select({ id: storyComments.id, paragraph: storyComments.paragraph, quote: storyComments.quote, body: storyComments.body, createdAt: storyComments.createdAt, authorId: storyComments.authorId, authorName: users.displayName })
              .from(storyComments)
              .leftJoin(users, eq(users.id, storyComments.authorId))
              .where(eq(storyComments.versionId, version.id))
              .orderBy(asc(storyComments.paragraph), asc(storyComments.createdAt))
          : [];
      const paragraphs = version
        ? splitParagraphs(version.body).map((text, index) => ({
            index,
            text,
            comments: comments.filter((c) => c.paragraph === index).map(({ authorId, authorName, ...c }) => ({ ...c, author: authorOf(authorId, authorName) })),
          }))
        : [];
      const latest = mayViewDraft ? (await db.select({ number: storyVersions.number }).from(storyVersions).where(eq(storyVersions.processId, ctx.process.id)).orderBy(desc(storyVersions.number)).limit(1))[0] : undefined;
      const publishedNumber = vision?.storyPublishedVersionId
        ? (await db.select({ number: storyVersions.number }).from(storyVersions).where(eq(storyVersions.id, vision.storyPublishedVersionId)))[0]?.number ?? null
        : null;
      return {
        ctx,
        mayEdit,
        mayViewDraft,
        mayComment,
        version: version ? { id: version.id, number: version.number, body: version.body, note: version.note, createdAt: version.createdAt, author: authorOf(version.authorId, author?.name ?? null) } : null,
        paragraphs,
        latestNumber: latest?.number ?? null,
        publishedNumber,
        versions: mayViewDraft ? await versionsOf(ctx.process.id) : [],
      };
    },

    /** The word-level difference between two versions (team only). */
    async diff(actor: Actor | null, townSlug: string, processSlug: string, fromInput: unknown, toInput: unknown) {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.viewDraft', ctx.town.id);
      const from = versionNumber(fromInput);
      const to = versionNumber(toInput);
      const errors: Record<string, string> = {};
      if (from === null) errors.from = 'error_invalid';
      if (to === null) errors.to = 'error_invalid';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const [a, b] = await Promise.all([requireVersion(ctx, from!), requireVersion(ctx, to!)]);
      return { ctx, from: { number: a.number, createdAt: a.createdAt }, to: { number: b.number, createdAt: b.createdAt }, ...diffStory(a.body, b.body), versions: await versionsOf(ctx.process.id) };
    },

    /**
     * Comments on a passage of a version: the paragraph's index and a quote from it (empty = the paragraph's start).
     * The quote must be text of that paragraph, so the anchor stays meaningful.
     */
    async comment(actor: Actor | null, townSlug: string, processSlug: string, number: unknown, input: unknown): Promise<string> {
      const { ctx } = await context(actor, townSlug, processSlug);
      authorize(actor, 'vision.comment', ctx.town.id);
      const n = versionNumber(number);
      if (n === null) throw new ProcessNotFoundError('story version');
      const version = await requireVersion(ctx, n);
      const data = parseOrThrow(commentSchema, input);
      const paragraphs = splitParagraphs(version.body);
      const paragraph = paragraphs[data.paragraph];
      if (paragraph === undefined) throw new ValidationError({ paragraph: 'error_paragraph_invalid' });
      const text = collapse(paragraph);
      const quote = data.quote ? collapse(data.quote) : text.length > 120 ? `${text.slice(0, 117)}…` : text;
      if (data.quote && !text.includes(quote)) throw new ValidationError({ quote: 'error_quote_not_found' });
      return db.transaction(async (tx) => {
        const [comment] = await tx.insert(storyComments).values({ versionId: version.id, townId: ctx.town.id, paragraph: data.paragraph, quote, body: data.body, authorId: actor!.userId }).returning({ id: storyComments.id });
        await audit(tx, actor, ctx, 'story.commented', { number: version.number, paragraph: data.paragraph, commentId: comment!.id });
        return comment!.id;
      });
    },

    /** Published visions and stories of a town's published processes, for the public town page. */
    async publishedForTown(townSlug: string) {
      const rows = await db
        .select({ processSlug: processes.slug, processTitle: processes.title, intro: visions.intro, visionPublished: visions.published, imageAlt: visions.imageAlt, storyVersionId: visions.storyPublishedVersionId, processId: processes.id })
        .from(visions)
        .innerJoin(processes, eq(processes.id, visions.processId))
        .innerJoin(towns, eq(towns.id, processes.townId))
        .where(and(eq(towns.slug, townSlug), eq(processes.published, true), sql`(${visions.published} or ${visions.storyPublishedVersionId} is not null)`))
        .orderBy(asc(processes.title));
      const goalCounts = rows.length
        ? await db
            .select({ processId: visionGoals.processId, field: visionGoals.field, n: sql<number>`count(*)::int` })
            .from(visionGoals)
            .where(inArray(visionGoals.processId, rows.filter((r) => r.visionPublished).map((r) => r.processId).concat(['00000000-0000-0000-0000-000000000000'])))
            .groupBy(visionGoals.processId, visionGoals.field)
        : [];
      const stories = rows.some((r) => r.storyVersionId)
        ? await db.select({ id: storyVersions.id, body: storyVersions.body }).from(storyVersions).where(inArray(storyVersions.id, rows.map((r) => r.storyVersionId).filter((id): id is string => Boolean(id))))
        : [];
      return rows.map((r) => ({
        processSlug: r.processSlug,
        processTitle: r.processTitle,
        vision: r.visionPublished ? { intro: r.intro, image: r.imageAlt ? { alt: r.imageAlt } : null, fields: goalCounts.filter((g) => g.processId === r.processId).map((g) => ({ field: g.field as FieldOfAction, goals: g.n })) } : null,
        storyOpening: r.storyVersionId ? (splitParagraphs(stories.find((s) => s.id === r.storyVersionId)?.body ?? '')[0] ?? '') : null,
      }));
    },
  };
}

export type VisionService = ReturnType<typeof createVisionService>;
