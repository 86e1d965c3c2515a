import { NotFoundError } from '../../../server/errors.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { authorize, can, ForbiddenError, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { renderMarkdown } from '../../../server/content/markdown.ts';
import { platformRoles, users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { uniqueSlug } from './slug.ts';
import { academyEntries } from './schema.ts';
import { searchEntries, similarEntries } from './search.ts';
import { emailSchema, entrySchema, reviewNoteSchema, searchSchema, type EntryInput } from './validation.ts';
import { recordAudit } from '../../audit/server/record.ts';

export type Entry = typeof academyEntries.$inferSelect;

/** Raised when an entry does not exist or the actor may not see it (both look the same from outside: 404). */
export class EntryNotFoundError extends NotFoundError {
  constructor(slug: string) {
    super(`No academy entry "${slug}"`);
    this.name = 'EntryNotFoundError';
  }
}

/** Form input with list fields (checkbox groups) as arrays. */
export type EntryForm = Record<string, string | string[]>;

function isEditor(actor: Actor | null): boolean {
  return can(actor, 'academy.review');
}

/** May the actor see this entry? Published: everyone. Otherwise its author, editors and the town's admins/moderators. */
function canSee(actor: Actor | null, entry: Entry): boolean {
  if (entry.status === 'published') return true;
  if (!actor) return false;
  if (entry.createdBy === actor.userId || isEditor(actor)) return true;
  return entry.townId !== null && can(actor, 'academy.viewTownDrafts', entry.townId);
}

/** May the actor change this entry? Editors always; the author while it is a draft. */
function canEdit(actor: Actor | null, entry: Entry): boolean {
  if (!actor) return false;
  if (isEditor(actor)) return true;
  return entry.createdBy === actor.userId && entry.status === 'draft';
}

export function createAcademyService(deps: { db: Db }) {
  const { db } = deps;

  async function requireEntry(slug: string): Promise<Entry> {
    const [entry] = await db.select().from(academyEntries).where(eq(academyEntries.slug, slug));
    if (!entry) throw new EntryNotFoundError(slug);
    return entry;
  }

  function parseEntry(input: unknown): EntryInput {
    return parseOrThrow(entrySchema, input);
  }

  async function setStatus(actor: Actor, entry: Entry, status: Entry['status'], action: string, note?: string) {
    return db.transaction(async (tx) => {
      const [updated] = await tx
        .update(academyEntries)
        .set({ status, updatedAt: new Date(), ...(status === 'published' ? { publishedAt: entry.publishedAt ?? new Date() } : {}), ...(note !== undefined ? { reviewNote: note } : {}) })
        .where(eq(academyEntries.id, entry.id))
        .returning();
      await recordAudit(tx, { actorId: actor.userId, townId: entry.townId, action, details: { slug: entry.slug } });
      return updated!;
    });
  }

  return {
    /** Full-text search with facets over published entries (anyone). */
    search(input: unknown) {
      return searchEntries(db, parseOrThrow(searchSchema, input));
    },

    /** One entry with its rendered body, its town and similar entries; drafts only for those who may see them. */
    async get(actor: Actor | null, slug: string) {
      const entry = await requireEntry(slug);
      if (!canSee(actor, entry)) throw new EntryNotFoundError(slug);
      const [town] = entry.townId ? await db.select({ slug: towns.slug, name: towns.name }).from(towns).where(eq(towns.id, entry.townId)) : [];
      const [author] = entry.createdBy ? await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, entry.createdBy)) : [];
      return {
        entry,
        bodyHtml: renderMarkdown(entry.body),
        town: town ?? null,
        contributor: author?.displayName ?? null,
        similar: entry.status === 'published' ? await similarEntries(db, entry.id) : [],
        mayEdit: canEdit(actor, entry),
        maySubmit: entry.status === 'draft' && canEdit(actor, entry),
        mayReview: entry.status !== 'published' && isEditor(actor),
        mayUnpublish: entry.status === 'published' && isEditor(actor),
      };
    },

    /** Creates a draft (any user). */
    async create(actor: Actor | null, input: unknown): Promise<Entry> {
      authorize(actor, 'academy.contribute');
      const data = parseEntry(input);
      return db.transaction(async (tx) => {
        const [entry] = await tx
          .insert(academyEntries)
          .values({ ...data, slug: uniqueSlug(data.title, 'eintrag'), createdBy: actor!.userId, status: 'draft' })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.entry_created', details: { slug: entry!.slug } });
        return entry!;
      });
    },

    /** Changes an entry (the author while it is a draft; editors always). */
    async update(actor: Actor | null, slug: string, input: unknown): Promise<Entry> {
      const entry = await requireEntry(slug);
      if (!canSee(actor, entry)) throw new EntryNotFoundError(slug);
      if (!canEdit(actor, entry)) throw new ForbiddenError('academy.contribute');
      const data = parseEntry(input);
      return db.transaction(async (tx) => {
        const [updated] = await tx.update(academyEntries).set({ ...data, updatedAt: new Date() }).where(eq(academyEntries.id, entry.id)).returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: entry.townId, action: 'academy.entry_edited', details: { slug } });
        return updated!;
      });
    },

    /** The author (or an editor) hands a draft to the editors. */
    async submit(actor: Actor | null, slug: string): Promise<Entry> {
      const entry = await requireEntry(slug);
      if (!canSee(actor, entry)) throw new EntryNotFoundError(slug);
      if (entry.status !== 'draft' || !canEdit(actor, entry)) throw new ForbiddenError('academy.contribute');
      return setStatus(actor!, entry, 'review', 'academy.entry_submitted');
    },

    /** An editor publishes an entry. */
    async publish(actor: Actor | null, slug: string): Promise<Entry> {
      authorize(actor, 'academy.review');
      const entry = await requireEntry(slug);
      return setStatus(actor!, entry, 'published', 'academy.entry_published', '');
    },

    /** An editor sends an entry back to its author as a draft, with a note. */
    async returnToDraft(actor: Actor | null, slug: string, input: unknown): Promise<Entry> {
      authorize(actor, 'academy.review');
      const { note } = parseOrThrow(reviewNoteSchema, input);
      const entry = await requireEntry(slug);
      return setStatus(actor!, entry, 'draft', 'academy.entry_returned', note);
    },

    /** Entries waiting for review (editors). */
    async reviewQueue(actor: Actor | null) {
      authorize(actor, 'academy.review');
      return db
        .select({ slug: academyEntries.slug, title: academyEntries.title, kind: academyEntries.kind, updatedAt: academyEntries.updatedAt, author: users.displayName, townName: towns.name })
        .from(academyEntries)
        .leftJoin(users, eq(users.id, academyEntries.createdBy))
        .leftJoin(towns, eq(towns.id, academyEntries.townId))
        .where(eq(academyEntries.status, 'review'))
        .orderBy(asc(academyEntries.updatedAt));
    },

    /** The actor's own entries that are not published yet. */
    async mine(actor: Actor | null) {
      if (!actor) return [];
      return db
        .select({ slug: academyEntries.slug, title: academyEntries.title, kind: academyEntries.kind, status: academyEntries.status, reviewNote: academyEntries.reviewNote })
        .from(academyEntries)
        .where(and(eq(academyEntries.createdBy, actor.userId), inArray(academyEntries.status, ['draft', 'review'])))
        .orderBy(desc(academyEntries.updatedAt));
    },

    /**
     * A town shares its own work (a project, scenario or example from its process) with one action. Only the town's
     * admin may do this: the action is the town's consent. The entry keeps the link back and goes straight to review.
     */
    async shareFromTown(actor: Actor | null, townSlug: string, input: unknown, sourcePath?: string): Promise<Entry> {
      const [town] = await db.select().from(towns).where(eq(towns.slug, townSlug));
      if (!town) throw new EntryNotFoundError(townSlug);
      authorize(actor, 'academy.shareFromTown', town.id);
      const data = parseEntry(input);
      if (!['projekt', 'szenario', 'praxisbeispiel'].includes(data.kind)) throw new ValidationError({ kind: 'error_invalid_choice' });
      if (sourcePath !== undefined && !/^\/t\/[a-z0-9-]+(\/[\w\-/]*)?$/.test(sourcePath)) throw new ValidationError({ sourcePath: 'error_invalid' });
      return db.transaction(async (tx) => {
        const [entry] = await tx
          .insert(academyEntries)
          .values({ ...data, land: data.land ?? town.landName, slug: uniqueSlug(data.title, 'eintrag'), townId: town.id, sourcePath: sourcePath ?? `/t/${town.slug}`, createdBy: actor!.userId, status: 'review' })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'academy.entry_shared', details: { slug: entry!.slug, consent: 'town_admin' } });
        return entry!;
      });
    },

    /** Published entries contributed by a town (for its town page). */
    async ofTown(townId: string, limit = 20) {
      return db
        .select({ slug: academyEntries.slug, title: academyEntries.title, kind: academyEntries.kind })
        .from(academyEntries)
        .where(and(eq(academyEntries.townId, townId), eq(academyEntries.status, 'published')))
        .orderBy(desc(academyEntries.publishedAt))
        .limit(limit);
    },

    /** Academy editors (platform admins). */
    async editors(actor: Actor | null) {
      authorize(actor, 'academy.grantEditor');
      return db
        .select({ userId: users.id, email: users.email, displayName: users.displayName })
        .from(platformRoles)
        .innerJoin(users, eq(users.id, platformRoles.userId))
        .where(eq(platformRoles.role, 'academy_editor'))
        .orderBy(asc(users.displayName));
    },

    /** Makes an existing account an academy editor (platform admins). */
    async grantEditor(actor: Actor | null, input: unknown): Promise<void> {
      authorize(actor, 'academy.grantEditor');
      const { email } = parseOrThrow(emailSchema, input);
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!user) throw new ValidationError({ email: 'error_account_unknown' });
      await db.transaction(async (tx) => {
        await tx.insert(platformRoles).values({ userId: user.id, role: 'academy_editor' }).onConflictDoNothing();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.editor_granted', details: { userId: user.id } });
      });
    },

    /** Removes the editor role (platform admins). */
    async revokeEditor(actor: Actor | null, userId: string): Promise<void> {
      authorize(actor, 'academy.grantEditor');
      await db.transaction(async (tx) => {
        await tx.delete(platformRoles).where(and(eq(platformRoles.userId, userId), eq(platformRoles.role, 'academy_editor')));
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.editor_revoked', details: { userId } });
      });
    },

    /** Counts for the academy's start page. */
    async stats() {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(academyEntries).where(eq(academyEntries.status, 'published'));
      return { published: row?.count ?? 0 };
    },
  };
}

export type AcademyService = ReturnType<typeof createAcademyService>;
