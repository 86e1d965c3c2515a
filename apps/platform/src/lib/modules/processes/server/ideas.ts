import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../server/db/client.ts';
import type { Actor } from '../../../server/permissions.ts';
import { fieldCheck, isUuid, parseOrThrow, ValidationError, whenValid } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { recordAudit } from '../../audit/server/service.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { can } from '../../../server/permissions.ts';
import * as m from '../../../paraglide/messages.js';
import { ProcessNotFoundError } from './errors.ts';
import { notifyModerators, tellReporters } from './moderation.ts';
import { toCsv } from '../../../server/csv.ts';
import { ideaStatusName } from './mails.ts';
import { readImageUpload } from './photos.ts';
import { componentPermissions, components, fieldsOfAction, ideaComments, ideaImages, ideaReports, ideaRevisions, ideas, ideaStatuses, ideaSupports, processes } from './schema.ts';
import type { Component, ProcessContext, ProcessService } from './service.ts';
import { pointFields, type TownMapService } from '../../atlas/server/town-map.ts';
import type { TownDirectory } from '../../towns/server/service.ts';

export type Idea = typeof ideas.$inferSelect;

export const ideaSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
  body: z.string({ error: 'error_required' }).trim().min(10, 'error_idea_body_short').max(5000, 'error_too_long'),
  field: z.enum(fieldsOfAction, { error: 'error_field_required' }),
  ...pointFields,
  place: z.string().trim().max(200, 'error_too_long').default(''),
});

/** The fields of an idea a person writes: what `submit` stores and `edit` changes (the image comes on its own). */
const editableFields = ['title', 'body', 'field', 'place', 'latitude', 'longitude'] as const satisfies readonly (keyof z.infer<typeof ideaSchema>)[];

/**
 * The columns of an idea that both the list and the moderators' CSV export read: one list, so the two never drift
 * apart. The list adds its sort key and who supports; the export adds nothing.
 */
const ideaColumns = {
  id: ideas.id,
  title: ideas.title,
  body: ideas.body,
  field: ideas.field,
  status: ideas.status,
  statusReason: ideas.statusReason,
  hiddenReason: ideas.hiddenReason,
  supportCount: ideas.supportCount,
  comments: sql<number>`(select count(*)::int from ${ideaComments} c where c.idea_id = ${ideas.id})`,
  createdAt: ideas.createdAt,
  editedAt: ideas.editedAt,
  place: ideas.place,
  latitude: ideas.latitude,
  longitude: ideas.longitude,
  pseudonym: ideas.pseudonym,
};

const commentSchema = z.object({ body: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(3000, 'error_too_long') });
const reasonSchema = z.object({ reason: z.string({ error: 'error_reason_required' }).trim().min(3, 'error_reason_required').max(500, 'error_too_long') });
const statusSchema = z
  .object({ status: z.enum(ideaStatuses, { error: 'error_invalid' }), statusReason: z.string().trim().max(1000, 'error_too_long').default('') })
  .refine((s) => s.status !== 'nicht_umsetzbar' || s.statusReason.length >= 3, { path: ['statusReason'], message: 'error_reason_required', ...whenValid('status', 'statusReason') });

/** A stable pseudonym per person and process: the same person is recognisable within one process only. */
export function pseudonymFor(key: string, processId: string): string {
  return `Teilnehmende·r ${createHash('sha256').update(`${processId}:${key}`).digest('hex').slice(0, 6).toUpperCase()}`;
}

/** A field-of-action filter from a query parameter (unknown values: no filter). */
function ideaField(raw: string | null | undefined): (typeof fieldsOfAction)[number] | null {
  return raw && (fieldsOfAction as readonly string[]).includes(raw) ? (raw as (typeof fieldsOfAction)[number]) : null;
}

export type IdeaSort = 'new' | 'support';

/**
 * A keyset cursor of the idea list: the sort key of an idea (support count, or creation time in microseconds since
 * 1970 — PostgreSQL keeps microseconds, a JavaScript Date only milliseconds) and its id, which breaks ties. Written
 * into the URL as `<key>.<id>`.
 */
export interface IdeaCursor {
  key: string;
  id: string;
}

export function encodeCursor(c: IdeaCursor): string {
  return `${c.key}.${c.id}`;
}

/** Parses a cursor from the URL; anything malformed is no cursor (the list starts at the beginning). */
export function decodeCursor(raw: string | null | undefined): IdeaCursor | null {
  const match = /^(\d{1,18})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(raw ?? '');
  return match ? { key: match[1]!, id: match[2]!.toLowerCase() } : null;
}

/** Microseconds since 1970 as an ISO timestamp with six decimals, exact (for PostgreSQL's `timestamptz`). */
export function microsToIso(micros: string): string {
  const us = BigInt(micros);
  const iso = new Date(Number(us / 1000n)).toISOString();
  return `${iso.slice(0, 23)}${String(us % 1000n).padStart(3, '0')}Z`;
}


const message = (key: string, locale: 'de' | 'en') => (m as unknown as Record<string, (p: object, o: { locale: 'de' | 'en' }) => string>)[key]?.({}, { locale }) ?? key;

export function createIdeaService(deps: { db: Db; processes: ProcessService; notifications: NotificationService; townMaps: TownMapService; towns: TownDirectory; origin: string }) {
  const { db, processes: processService, notifications, townMaps, towns: townDirectory, origin } = deps;

  async function requireIdea(ctx: ProcessContext, component: Component, ideaId: string): Promise<Idea> {
    if (!/^[0-9a-f-]{36}$/i.test(ideaId)) throw new ProcessNotFoundError(`idea ${ideaId}`);
    const [idea] = await db.select().from(ideas).where(and(eq(ideas.id, ideaId), eq(ideas.componentId, component.id), eq(ideas.townId, ctx.town.id)));
    if (!idea) throw new ProcessNotFoundError(`idea ${ideaId}`);
    return idea;
  }

  const audit = (tx: Db | Tx, actor: Actor | null, ctx: ProcessContext, action: string, details: Record<string, unknown>) =>
    recordAudit(tx, { actorId: actor?.userId, townId: ctx.town.id, action, details });

  /** The actor submitted this idea under their account (anonymous and link ideas have no owner). */
  const isOwner = (actor: Actor | null, idea: Idea) => Boolean(actor && idea.authorId && idea.authorId === actor.userId);

  /** `ideas:edit` in the current phase, with the actor's relation to the idea (the one check for the form and the edit). */
  function authorizeEdit(actor: Actor | null, ctx: ProcessContext, component: Component, idea: Idea): void {
    processService.authorize(actor, ctx, component, 'ideas:edit', false, { owner: isOwner(actor, idea) });
  }

  return {
    requireIdea,

    /**
     * Before an account is deleted: its named ideas are marked as by a deleted person (the foreign key then sets the
     * author to null), so they stay and read "gelöschte Person" rather than looking anonymous. Comments need no mark:
     * they always have an author, so a missing one means a deleted person.
     */
    async anonymiseAuthor(tx: Db | Tx, userId: string): Promise<void> {
      await tx.update(ideas).set({ authorDeleted: true }).where(and(eq(ideas.authorId, userId), isNull(ideas.pseudonym)));
    },

    /**
     * Ideas for the open data and the participation API: of the given components only (the caller has checked that
     * visitors may view them), never hidden ones, never who wrote them. Filters and offset paging; newest first.
     */
    async publicIdeas(componentIds: readonly string[], filter: { field?: string; status?: string; since?: Date; until?: Date; offset: number; limit: number }) {
      if (componentIds.length === 0) return { total: 0, rows: [] };
      const where = and(
        inArray(ideas.componentId, [...componentIds]),
        isNull(ideas.hiddenReason),
        filter.field ? eq(ideas.field, filter.field as (typeof fieldsOfAction)[number]) : undefined,
        filter.status ? eq(ideas.status, filter.status as (typeof ideaStatuses)[number]) : undefined,
        filter.since ? gte(ideas.createdAt, filter.since) : undefined,
        filter.until ? lt(ideas.createdAt, filter.until) : undefined,
      );
      const [[counted], rows] = await Promise.all([
        db.select({ n: count() }).from(ideas).where(where),
        db
          .select({ id: ideas.id, componentId: ideas.componentId, title: ideas.title, body: ideas.body, field: ideas.field, status: ideas.status, statusReason: ideas.statusReason, supportCount: ideas.supportCount, comments: ideaColumns.comments, place: ideas.place, latitude: ideas.latitude, longitude: ideas.longitude, createdAt: ideas.createdAt })
          .from(ideas)
          .where(where)
          .orderBy(desc(ideas.createdAt), asc(ideas.id))
          .limit(filter.limit)
          .offset(filter.offset),
      ]);
      return { total: counted?.n ?? 0, rows };
    },

    /** Everything the idea collections store about a person, for the GDPR export. */
    async personalData(userId: string) {
      const [own, comments, supports, reports] = await Promise.all([
        db.select({ id: ideas.id, title: ideas.title, body: ideas.body, field: ideas.field, place: ideas.place, status: ideas.status, pseudonym: ideas.pseudonym, createdAt: ideas.createdAt }).from(ideas).where(eq(ideas.authorId, userId)),
        db.select({ ideaId: ideaComments.ideaId, body: ideaComments.body, createdAt: ideaComments.createdAt }).from(ideaComments).where(eq(ideaComments.authorId, userId)),
        db.select({ ideaId: ideaSupports.ideaId, idea: ideas.title, createdAt: ideaSupports.createdAt }).from(ideaSupports).innerJoin(ideas, eq(ideas.id, ideaSupports.ideaId)).where(eq(ideaSupports.userId, userId)),
        db.select({ ideaId: ideaReports.ideaId, commentId: ideaReports.commentId, reason: ideaReports.reason, createdAt: ideaReports.createdAt }).from(ideaReports).where(eq(ideaReports.reporterId, userId)),
      ]);
      return { ideas: own, ideaComments: comments, ideaSupports: supports, ideaReports: reports };
    },

    /**
     * One page of a component's ideas, newest or most supported first, by keyset: `after` (the next page after a
     * cursor), `before` (the page before a cursor) or `last` (the end of the list); none gives the first page. Ties in
     * the sort key are broken by id, so paging never skips or repeats an idea. Hidden ideas keep their place.
     */
    async list(
      actor: Actor | null,
      ctx: ProcessContext,
      component: Component,
      options: { field?: string | null; sort?: IdeaSort; limit?: number; after?: IdeaCursor | null; before?: IdeaCursor | null; last?: boolean } = {},
    ) {
      processService.authorize(actor, ctx, component, 'ideas:view');
      const field = ideaField(options.field);
      const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
      const bySupport = options.sort === 'support';
      const keyColumn = bySupport ? ideas.supportCount : ideas.createdAt;
      const keyText = bySupport ? sql<string>`${ideas.supportCount}::text` : sql<string>`(extract(epoch from ${ideas.createdAt}) * 1000000)::bigint::text`;
      const keyValue = (c: IdeaCursor): SQL => (bySupport ? sql`${Number(c.key)}::int` : sql`${microsToIso(c.key)}::timestamptz`);
      // Backwards (the page before a cursor, or the last page): read in reverse order, then turn the page around.
      const backwards = Boolean(options.before) || (options.last === true && !options.after);
      const cursor = options.after ?? options.before ?? null;
      const seek = cursor ? (backwards ? sql`(${keyColumn}, ${ideas.id}) > (${keyValue(cursor)}, ${cursor.id}::uuid)` : sql`(${keyColumn}, ${ideas.id}) < (${keyValue(cursor)}, ${cursor.id}::uuid)`) : undefined;
      const rows = await db
        .select({
          ...ideaColumns,
          authorName: users.displayName,
          authorDeleted: ideas.authorDeleted,
          sortKey: keyText,
          supportedByMe: actor ? sql<boolean>`exists (select 1 from ${ideaSupports} s where s.idea_id = ${ideas.id} and s.user_id = ${actor.userId})` : sql<boolean>`false`,
        })
        .from(ideas)
        .leftJoin(users, eq(users.id, ideas.authorId))
        .where(and(eq(ideas.componentId, component.id), field ? eq(ideas.field, field) : undefined, seek))
        .orderBy(...(backwards ? [asc(keyColumn), asc(ideas.id)] : [desc(keyColumn), desc(ideas.id)]))
        .limit(limit + 1);
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      if (backwards) page.reverse();
      const first = page[0];
      const last = page.at(-1);
      // Forwards: a previous page exists when we came from a cursor; backwards: a next page exists when we did.
      const hasPrev = backwards ? more : Boolean(cursor);
      const hasNext = backwards ? Boolean(cursor) : more;
      return {
        items: page.map(({ sortKey: _key, ...r }) => ({ ...r, author: r.pseudonym ?? r.authorName ?? null })),
        prev: hasPrev && first ? encodeCursor({ key: first.sortKey, id: first.id }) : null,
        next: hasNext && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
      };
    },

    /** How many ideas the list has (with the same field filter), for its pages. */
    async count(actor: Actor | null, ctx: ProcessContext, component: Component, options: { field?: string | null } = {}) {
      processService.authorize(actor, ctx, component, 'ideas:view');
      const field = ideaField(options.field);
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(ideas)
        .where(and(eq(ideas.componentId, component.id), field ? eq(ideas.field, field) : undefined));
      return row?.n ?? 0;
    },

    /** One idea with its comments. */
    async get(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string) {
      processService.authorize(actor, ctx, component, 'ideas:view');
      const idea = await requireIdea(ctx, component, ideaId);
      const [author] = idea.authorId && !idea.pseudonym ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, idea.authorId)) : [];
      const comments = await db
        .select({ id: ideaComments.id, body: ideaComments.body, hiddenReason: ideaComments.hiddenReason, createdAt: ideaComments.createdAt, authorName: users.displayName, authorDeleted: sql<boolean>`${ideaComments.authorId} is null` })
        .from(ideaComments)
        .leftJoin(users, eq(users.id, ideaComments.authorId))
        .where(eq(ideaComments.ideaId, idea.id))
        .orderBy(asc(ideaComments.createdAt));
      const [mine] = actor ? await db.select().from(ideaSupports).where(and(eq(ideaSupports.ideaId, idea.id), eq(ideaSupports.userId, actor.userId))) : [];
      const [{ open }] = (await db.select({ open: count() }).from(ideaReports).where(and(eq(ideaReports.ideaId, idea.id), isNull(ideaReports.resolvedAt)))) as [{ open: number }];
      const [image] = await db.select({ altText: ideaImages.altText, width: ideaImages.width, height: ideaImages.height, storedAt: ideaImages.createdAt }).from(ideaImages).where(eq(ideaImages.ideaId, idea.id));
      // "bearbeitet am …" says whether the last edit was the moderation's rather than the author's.
      const [lastEdit] = idea.editedAt
        ? await db.select({ byModeration: ideaRevisions.byModeration }).from(ideaRevisions).where(eq(ideaRevisions.ideaId, idea.id)).orderBy(desc(ideaRevisions.replacedAt)).limit(1)
        : [];
      return {
        idea: { ...idea, author: idea.pseudonym ?? author?.name ?? null },
        comments,
        supportedByMe: Boolean(mine),
        /** The asker wrote it (and so cannot support it). */
        ownIdea: Boolean(actor && idea.authorId === actor.userId),
        openReports: open,
        image: image ?? null,
        editedByModeration: lastEdit?.byModeration ?? false,
        mayEdit: processService.can(actor, ctx, component, 'ideas:edit', false, { owner: isOwner(actor, idea) }),
      };
    },

    /**
     * Submits an idea. The data-collection mode of the current phase decides what is stored: the author (named),
     * the author with a pseudonym shown (pseudonymous), or nobody (anonymous; also for anonymous link visitors).
     * A point (latitude and longitude, both or neither) must lie in the town's area; an image needs an alt text and
     * goes through the photo pipeline (decoded, re-encoded as WebP, metadata removed).
     */
    async submit(actor: Actor | null, ctx: ProcessContext, component: Component, input: unknown, participant: { viaLink?: boolean; key?: string | null } = {}, image?: File): Promise<Idea> {
      processService.authorize(actor, ctx, component, 'ideas:submit', participant.viaLink);
      const { data, image: processed } = await readImageUpload(ideaSchema, input, image, {
        field: 'image',
        altField: 'imageAlt',
        optional: true,
        checks: [townMaps.pointCheck(ctx.town.id)],
      });
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
      const values = data;
      return db.transaction(async (tx) => {
        const [idea] = await tx.insert(ideas).values({ ...values, townId: ctx.town.id, processId: ctx.process.id, componentId: component.id, authorId, pseudonym }).returning();
        if (processed) await tx.insert(ideaImages).values({ ideaId: idea!.id, ...processed });
        await audit(tx, actor, ctx, 'idea.submitted', { ideaId: idea!.id, mode, image: Boolean(processed) });
        return idea!;
      });
    },

    /** The idea as it is now, for the edit form (only for whom `ideas:edit` allows it). */
    async editForm(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string) {
      const idea = await requireIdea(ctx, component, ideaId);
      authorizeEdit(actor, ctx, component, idea);
      const [image] = await db.select({ altText: ideaImages.altText, width: ideaImages.width, height: ideaImages.height, storedAt: ideaImages.createdAt }).from(ideaImages).where(eq(ideaImages.ideaId, idea.id));
      return { idea, image: image ?? null };
    },

    /**
     * Edits an idea: title, text, field, place and point (set, changed or removed) and the image (kept, replaced by a
     * new file, or removed with `removeImage`; its alt text required while there is one) — through the same schema,
     * point check and upload path as submitting. Who may is `ideas:edit` of the current phase: by default the author
     * while the phase collects ideas, the town's moderators always. The version until now is copied to
     * `idea_revisions` first, in the same transaction as the change and its audit entry; supports, comments and status
     * stay with the idea. An edit that changes nothing stores nothing.
     */
    async edit(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: Record<string, string | undefined>, file?: File): Promise<Idea> {
      const idea = await requireIdea(ctx, component, ideaId);
      authorizeEdit(actor, ctx, component, idea);
      const owner = isOwner(actor, idea);
      const [stored] = await db.select({ altText: ideaImages.altText }).from(ideaImages).where(eq(ideaImages.ideaId, idea.id));
      const removeImage = input.removeImage === 'on';
      // A new file and "remove the image" contradict each other: say so rather than guess.
      const conflict: Record<string, string> = removeImage && file && file.size > 0 ? { removeImage: 'error_image_remove_or_replace' } : {};
      const { data, image: processed, altText } = await readImageUpload(ideaSchema, input, file, {
        field: 'image',
        altField: 'imageAlt',
        optional: true,
        keepsStoredImage: Boolean(stored) && !removeImage,
        checks: [townMaps.pointCheck(ctx.town.id), fieldCheck(z.object({}), () => conflict)],
      });
      const imageChange = processed ? (stored ? 'replaced' : 'added') : stored && removeImage ? 'removed' : stored && altText !== stored.altText ? 'alt_changed' : null;
      const changed = editableFields.filter((key) => data[key] !== idea[key]);
      if (!changed.length && !imageChange) return idea;
      return db.transaction(async (tx) => {
        // The row lock orders concurrent edits, so each revision holds exactly the version its edit replaced.
        const [current] = await tx.select().from(ideas).where(eq(ideas.id, idea.id)).for('update');
        const [oldImage] = await tx.select().from(ideaImages).where(eq(ideaImages.ideaId, idea.id));
        const [revision] = await tx
          .insert(ideaRevisions)
          .values({
            ideaId: idea.id,
            editedBy: actor?.userId ?? null,
            byModeration: !owner,
            title: current!.title,
            body: current!.body,
            field: current!.field,
            place: current!.place,
            latitude: current!.latitude,
            longitude: current!.longitude,
            imageAltText: oldImage?.altText ?? null,
            imageWidth: oldImage?.width ?? null,
            imageHeight: oldImage?.height ?? null,
            image: oldImage?.image ?? null,
            thumbnail: oldImage?.thumbnail ?? null,
          })
          .returning({ id: ideaRevisions.id });
        const [updated] = await tx
          .update(ideas)
          .set({ ...data, editedAt: new Date() })
          .where(eq(ideas.id, idea.id))
          .returning();
        if (processed) {
          await tx
            .insert(ideaImages)
            .values({ ideaId: idea.id, ...processed })
            .onConflictDoUpdate({ target: ideaImages.ideaId, set: { ...processed, createdAt: new Date() } });
        } else if (removeImage) {
          await tx.delete(ideaImages).where(eq(ideaImages.ideaId, idea.id));
        } else if (oldImage && altText !== null && altText !== oldImage.altText) {
          await tx.update(ideaImages).set({ altText }).where(eq(ideaImages.ideaId, idea.id));
        }
        await audit(tx, actor, ctx, 'idea.edited', { ideaId: idea.id, revisionId: revision!.id, changed, image: imageChange, byModeration: !owner });
        return updated!;
      });
    },

    /** The earlier versions of an idea, newest first, for the moderators (text only; old images stay stored). */
    async revisions(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string) {
      processService.authorize(actor, ctx, component, 'ideas:moderate');
      const idea = await requireIdea(ctx, component, ideaId);
      return db
        .select({
          id: ideaRevisions.id,
          replacedAt: ideaRevisions.replacedAt,
          byModeration: ideaRevisions.byModeration,
          title: ideaRevisions.title,
          body: ideaRevisions.body,
          field: ideaRevisions.field,
          place: ideaRevisions.place,
          latitude: ideaRevisions.latitude,
          longitude: ideaRevisions.longitude,
          imageAltText: ideaRevisions.imageAltText,
        })
        .from(ideaRevisions)
        .where(eq(ideaRevisions.ideaId, idea.id))
        .orderBy(desc(ideaRevisions.replacedAt));
    },

    /**
     * The points of the ideas with a location (newest first, at most `limit`), for the town map. Hidden ideas are
     * left out: their title and place are not shown to everybody.
     */
    async mapPoints(actor: Actor | null, ctx: ProcessContext, component: Component, options: { field?: string | null; limit?: number } = {}) {
      processService.authorize(actor, ctx, component, 'ideas:view');
      const field = ideaField(options.field);
      const rows = await db
        .select({ id: ideas.id, title: ideas.title, field: ideas.field, place: ideas.place, latitude: ideas.latitude, longitude: ideas.longitude })
        .from(ideas)
        .where(and(eq(ideas.componentId, component.id), isNotNull(ideas.latitude), isNotNull(ideas.longitude), isNull(ideas.hiddenReason), field ? eq(ideas.field, field) : undefined))
        .orderBy(desc(ideas.createdAt), desc(ideas.id))
        .limit(options.limit ?? 500);
      return rows as (Omit<(typeof rows)[number], 'latitude' | 'longitude'> & { latitude: number; longitude: number })[];
    },

    /** The town's area for the map and the location check (see town-map.ts). */
    area(ctx: ProcessContext) {
      return townMaps.area(ctx.town.id);
    },

    /**
     * All ideas of a component as CSV for the moderators (semicolon-separated, UTF-8 with BOM for German Excel,
     * formulas defused). Personal data kept minimal: a pseudonym where one was shown, never a name or an account.
     */
    async exportCsv(actor: Actor | null, ctx: ProcessContext, component: Component, locale: 'de' | 'en'): Promise<string> {
      processService.authorize(actor, ctx, component, 'ideas:moderate');
      const rows = await db
        .select(ideaColumns)
        .from(ideas)
        .where(eq(ideas.componentId, component.id))
        .orderBy(asc(ideas.createdAt), asc(ideas.id));
      const time = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' });
      const header = ['id', 'title', 'text', 'field', 'status', 'status_reason', 'supports', 'comments', 'created', 'edited', 'location', 'author', 'hidden', 'hidden_reason'].map((c) => message(`idea_csv_${c}`, locale));
      const yes = message('idea_csv_yes', locale);
      const no = message('idea_csv_no', locale);
      const lines = rows.map((r) => [
        r.id,
        r.title,
        r.body,
        message(`field_of_action_${r.field}`, locale),
        ideaStatusName(r.status, locale),
        r.statusReason,
        r.supportCount,
        r.comments,
        time.format(r.createdAt),
        r.editedAt ? time.format(r.editedAt) : '',
        [r.place, r.latitude !== null && r.longitude !== null ? `${r.latitude.toFixed(5)}, ${r.longitude.toFixed(5)}` : ''].filter(Boolean).join(' · '),
        r.pseudonym ?? '',
        r.hiddenReason ? yes : no,
        r.hiddenReason ?? '',
      ]);
      await audit(db, actor, ctx, 'ideas.exported', { componentId: component.id, rows: rows.length });
      return toCsv([header, ...lines]);
    },

    /**
     * An idea's image for the media route: only when the idea is visible to the asker (published process, or the
     * town's team; view granted in the current phase) and not hidden, unless the asker moderates.
     */
    async imageFile(actor: Actor | null, ideaId: string, variant: 'image' | 'thumbnail') {
      if (!/^[0-9a-f-]{36}$/i.test(ideaId)) return null;
      const [row] = await db
        .select({ data: variant === 'image' ? ideaImages.image : ideaImages.thumbnail, townId: ideas.townId, hiddenReason: ideas.hiddenReason, componentId: components.id, process: processes })
        .from(ideaImages)
        .innerJoin(ideas, eq(ideas.id, ideaImages.ideaId))
        .innerJoin(components, eq(components.id, ideas.componentId))
        .innerJoin(processes, eq(processes.id, components.processId))
        .where(eq(ideaImages.ideaId, ideaId));
      if (!row || !row.process.currentPhaseId) return null;
      const rules = await db
        .select()
        .from(componentPermissions)
        .where(and(eq(componentPermissions.componentId, row.componentId), eq(componentPermissions.phaseId, row.process.currentPhaseId)));
      const rule = (action: string) => rules.find((r) => r.action === action);
      const visible = (row.process.published || can(actor, 'process.viewUnpublished', row.townId)) && can(actor, 'ideas:view', row.townId, { rule: rule('view') });
      if (!visible) return null;
      if (row.hiddenReason && !can(actor, 'ideas:moderate', row.townId, { rule: rule('moderate') })) return null;
      return { data: row.data, public: row.process.published && !row.hiddenReason && (rule('view')?.grants.includes('anyone') ?? false) };
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
      // Support counts other people's agreement: an author's own vote would inflate every idea by one.
      if (idea.authorId === actor.userId) throw new ValidationError({ _form: 'error_support_own_idea' });
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(ideaSupports).values({ ideaId, userId: actor.userId }).onConflictDoNothing({ target: [ideaSupports.ideaId, ideaSupports.userId] }).returning();
        if (!inserted.length) return false;
        await tx.update(ideas).set({ supportCount: sql`${ideas.supportCount} + 1` }).where(eq(ideas.id, ideaId));
        await audit(tx, actor, ctx, 'idea.supported', { ideaId });
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
        await audit(tx, actor, ctx, 'idea.unsupported', { ideaId });
        return true;
      });
    },

    async comment(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: unknown): Promise<void> {
      processService.authorize(actor, ctx, component, 'ideas:comment');
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      const idea = await requireIdea(ctx, component, ideaId);
      if (idea.hiddenReason) throw new ValidationError({ _form: 'error_idea_hidden' });
      const { body } = parseOrThrow(commentSchema, input);
      await db.transaction(async (tx) => {
        const [comment] = await tx.insert(ideaComments).values({ ideaId: idea.id, authorId: actor.userId, body }).returning();
        await audit(tx, actor, ctx, 'idea.commented', { ideaId, commentId: comment!.id });
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
      const moderators = await townDirectory.staffOf(ctx.town.id);
      await db.transaction(async (tx) => {
        const [report] = await tx.insert(ideaReports).values({ ideaId: idea.id, commentId: commentId ?? null, reporterId: actor?.userId ?? null, reason }).returning({ id: ideaReports.id });
        await audit(tx, actor, ctx, 'idea.reported', { ideaId, commentId: commentId ?? null, reportId: report!.id });
        await notifyModerators({ notifications, origin }, tx, moderators, ctx, idea.title, reason);
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
        const resolved = await tx
          .update(ideaReports)
          .set({ resolvedAt: new Date(), outcome: 'hidden' })
          .where(and(eq(ideaReports.ideaId, idea.id), isNull(ideaReports.resolvedAt)))
          .returning({ reporterId: ideaReports.reporterId });
        await audit(tx, actor, ctx, reason ? 'idea.hidden' : 'idea.shown', { ideaId, commentId: input.commentId ?? null, reason });
        if (reason) await tellReporters(notifications, tx, ctx, resolved, 'hidden', idea.title);
      });
    },

    /** Sets the status (moderators); "nicht umsetzbar" needs a reason. The author is told by mail. */
    async setStatus(actor: Actor | null, ctx: ProcessContext, component: Component, ideaId: string, input: unknown): Promise<void> {
      processService.authorize(actor, ctx, component, 'ideas:moderate');
      const idea = await requireIdea(ctx, component, ideaId);
      const data = parseOrThrow(statusSchema, input);
      await db.transaction(async (tx) => {
        await tx.update(ideas).set(data).where(eq(ideas.id, idea.id));
        await audit(tx, actor, ctx, 'idea.status_set', { ideaId, ...data });
        if (idea.authorId && idea.status !== data.status) {
          // Through the author's notification settings (off, now, or in a digest).
          const { ideaStatusMessage } = await import('./mails.ts');
          await notifications.notify(idea.authorId, 'idea_status', ({ locale }) => ideaStatusMessage(locale, ctx, component, idea, data.status, data.statusReason, origin), tx);
        }
      });
    },
  };
}

export type IdeaService = ReturnType<typeof createIdeaService>;
