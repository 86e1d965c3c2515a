import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../../server/permissions.ts';
import { parseOrThrow } from '../../../../server/validation.ts';
import { uniqueSlug } from '../slug.ts';
import { EntryNotFoundError } from '../service.ts';
import { academyOrgs, academyResearchers } from './schema.ts';
import { foldedPatterns, orgApplicationSchema, orgEditorSchema, orgFilterSchema } from './validation.ts';
import { recordAudit } from '../../../audit/server/record.ts';

export type Org = typeof academyOrgs.$inferSelect;

/**
 * The network directory: actors and institutions with their expertise (fields of action) and region, and the
 * partners of the academy. Organisations apply (any logged-in user, for an organisation); academy editors approve,
 * reject, add and change entries. Only approved entries are public; an application is seen by its applicant and
 * the editors.
 */
export function createNetworkService(deps: { db: Db }) {
  const { db } = deps;

  async function requireOrg(slug: string): Promise<Org> {
    const [org] = await db.select().from(academyOrgs).where(eq(academyOrgs.slug, slug));
    if (!org) throw new EntryNotFoundError(slug);
    return org;
  }

  function canSee(actor: Actor | null, org: Org): boolean {
    if (org.status === 'approved') return true;
    return Boolean(actor) && (can(actor, 'academy.manageNetwork') || org.appliedBy === actor!.userId);
  }

  return {
    /** The public directory: approved entries, filtered by text, kind, field of action, Land and partnership. */
    async list(input: unknown) {
      const filter = orgFilterSchema.parse(input ?? {});
      const where: SQL[] = [eq(academyOrgs.status, 'approved')];
      if (filter.kind) where.push(eq(academyOrgs.kind, filter.kind));
      if (filter.field) where.push(sql`${academyOrgs.fieldsOfAction} @> array[${filter.field}]::text[]`);
      // A Land filter also shows nationwide actors (no Land): they work everywhere.
      if (filter.land) where.push(sql`(${academyOrgs.land} = ${filter.land} or ${academyOrgs.land} is null)`);
      if (filter.partner) where.push(eq(academyOrgs.isPartner, true));
      if (filter.q) {
        const patterns = foldedPatterns(filter.q);
        const text = sql`unaccent(lower(${academyOrgs.name} || ' ' || ${academyOrgs.description} || ' ' || ${academyOrgs.kreis}))`;
        where.push(sql`(${sql.join(patterns.map((p) => sql`${text} like ${p}`), sql` or `)})`);
      }
      const rows = await db.select().from(academyOrgs).where(and(...where)).orderBy(asc(academyOrgs.name)).limit(500);
      return { filter, orgs: rows };
    },

    /** One entry with the researchers working there; applications only for the applicant and the editors. */
    async get(actor: Actor | null, slug: string) {
      const org = await requireOrg(slug);
      if (!canSee(actor, org)) throw new EntryNotFoundError(slug);
      const researchers = await db
        .select({ slug: academyResearchers.slug, name: academyResearchers.name })
        .from(academyResearchers)
        .where(eq(academyResearchers.orgId, org.id))
        .orderBy(asc(academyResearchers.name));
      return { org, researchers, mayManage: can(actor, 'academy.manageNetwork') };
    },

    /** An organisation applies to join the network (any logged-in user); an editor decides. */
    async apply(actor: Actor | null, input: unknown): Promise<Org> {
      authorize(actor, 'academy.applyNetwork');
      const data = parseOrThrow(orgApplicationSchema, input);
      return db.transaction(async (tx) => {
        const [org] = await tx
          .insert(academyOrgs)
          .values({ ...data, slug: uniqueSlug(data.name, 'organisation'), status: 'pending', appliedBy: actor!.userId })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.org_applied', details: { slug: org!.slug } });
        return org!;
      });
    },

    /** Editors add an entry directly (approved). */
    async create(actor: Actor | null, input: unknown): Promise<Org> {
      authorize(actor, 'academy.manageNetwork');
      const data = parseOrThrow(orgEditorSchema, input);
      return db.transaction(async (tx) => {
        const [org] = await tx
          .insert(academyOrgs)
          .values({ ...data, slug: uniqueSlug(data.name, 'organisation'), status: 'approved', approvedAt: new Date(), appliedBy: actor!.userId })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.org_created', details: { slug: org!.slug } });
        return org!;
      });
    },

    async update(actor: Actor | null, slug: string, input: unknown): Promise<Org> {
      authorize(actor, 'academy.manageNetwork');
      const org = await requireOrg(slug);
      const data = parseOrThrow(orgEditorSchema, input);
      return db.transaction(async (tx) => {
        const [updated] = await tx.update(academyOrgs).set({ ...data, updatedAt: new Date() }).where(eq(academyOrgs.id, org.id)).returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.org_updated', details: { slug } });
        return updated!;
      });
    },

    /** Editors decide on an application (or withdraw an entry from the directory). */
    async decide(actor: Actor | null, slug: string, decision: 'approved' | 'rejected', note = ''): Promise<Org> {
      authorize(actor, 'academy.manageNetwork');
      const org = await requireOrg(slug);
      return db.transaction(async (tx) => {
        const [updated] = await tx
          .update(academyOrgs)
          .set({ status: decision, reviewNote: note.trim().slice(0, 2000), updatedAt: new Date(), approvedAt: decision === 'approved' ? (org.approvedAt ?? new Date()) : null })
          .where(eq(academyOrgs.id, org.id))
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, action: `academy.org_${decision}`, details: { slug } });
        return updated!;
      });
    },

    /** Applications waiting for a decision (editors). */
    async pending(actor: Actor | null) {
      authorize(actor, 'academy.manageNetwork');
      return db.select().from(academyOrgs).where(eq(academyOrgs.status, 'pending')).orderBy(asc(academyOrgs.createdAt));
    },

    /** The actor's own applications with their status. */
    async mine(actor: Actor | null) {
      if (!actor) return [];
      return db
        .select({ slug: academyOrgs.slug, name: academyOrgs.name, status: academyOrgs.status })
        .from(academyOrgs)
        .where(eq(academyOrgs.appliedBy, actor.userId))
        .orderBy(asc(academyOrgs.name));
    },

    /** Approved entries for choosing an institution (research profiles). */
    async options() {
      return db.select({ id: academyOrgs.id, slug: academyOrgs.slug, name: academyOrgs.name }).from(academyOrgs).where(eq(academyOrgs.status, 'approved')).orderBy(asc(academyOrgs.name));
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
