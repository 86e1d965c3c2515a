import { NotFoundError } from '../../../server/errors.ts';
import { and, asc, eq, gt, isNull, sql, inArray } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { authorize, inviteActionFor, type Actor } from '../../../server/permissions.ts';
import { hashToken, newToken } from '../../../server/tokens.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import type { MunicipalityDirectory } from '../../atlas/server/municipalities.ts';
import { invitationMail } from './mails.ts';
import { createCache } from '../../../server/cache.ts';
import { invitations, memberships, towns, type TownRole } from './schema.ts';
import { municipalities as municipalityTable } from '../../atlas/server/schema.ts';
import { createTownSchema, editTownSchema, inviteSchema, removeMemberSchema, slugify } from './validation.ts';
import { recordAudit } from '../../audit/server/record.ts';

export type Town = typeof towns.$inferSelect;
/** What anyone may see of a town: everything but its private fields. */
export type PublicTown = Omit<Town, 'internalNotes'>;

const INVITATION_DAYS = 14;

function publicView(town: Town): PublicTown {
  const { internalNotes: _private, ...rest } = town;
  return rest;
}

export function createTownService(deps: { db: Db; notifications: NotificationService; municipalities: MunicipalityDirectory; origin: string }) {
  const { db, notifications, municipalities, origin } = deps;

  // The list of town spaces is on the start page; it changes only when a platform admin creates or edits a town.
  const townList = createCache(30_000, async () => (await db.select().from(towns).orderBy(asc(towns.name))).map(publicView));

  // The public town page is the most visited page: one prepared query for the town and its official key figures.
  const profileQuery = db
    .select({
      town: towns,
      population: municipalityTable.population,
      areaKm2: municipalityTable.areaKm2,
      kreisName: municipalityTable.kreisName,
      stand: municipalityTable.stand,
    })
    .from(towns)
    .leftJoin(municipalityTable, eq(municipalityTable.ags, towns.ags))
    .where(eq(towns.slug, sql.placeholder('slug')))
    .prepare('town_profile');

  async function requireTown(slug: string): Promise<Town> {
    const [town] = await db.select().from(towns).where(eq(towns.slug, slug));
    if (!town) throw new TownNotFoundError(slug);
    return town;
  }

  return {
    /**
     * A town's id, slug, name and AGS by its slug: the one lookup every module uses (from the cached list; a town
     * created by another server process moments ago is read from the database).
     */
    async ref(slug: string): Promise<TownRef> {
      const town = (await townList.get()).find((t) => t.slug === slug) ?? (await db.select().from(towns).where(eq(towns.slug, slug)))[0];
      if (!town) throw new TownNotFoundError(slug);
      return { id: town.id, slug: town.slug, name: town.name, ags: town.ags };
    },

    /** The accounts that moderate a town (moderators and town admins), e.g. to tell them about a new report. */
    async staffOf(townId: string): Promise<string[]> {
      const rows = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.townId, townId), inArray(memberships.role, ['moderator', 'town_admin'])));
      return rows.map((r) => r.userId);
    },

    /** All town spaces, public fields only. */
    list(): Promise<PublicTown[]> {
      return townList.get();
    },

    /** One town by slug, public fields only. */
    async getPublic(slug: string): Promise<PublicTown> {
      return publicView(await requireTown(slug));
    },

    /** One town's public fields with the official key figures of its municipality (when imported). */
    async profile(slug: string) {
      const [row] = await profileQuery.execute({ slug });
      if (!row) throw new TownNotFoundError(slug);
      const { town, ...facts } = row;
      return { town: publicView(town), facts: facts.stand === null ? null : facts };
    },

    /** One town with its private fields; requires `town.viewPrivate` in that town. */
    async getPrivate(actor: Actor | null, slug: string): Promise<Town> {
      const town = await requireTown(slug);
      authorize(actor, 'town.viewPrivate', town.id);
      return town;
    },

    /** Creates a town space for a municipality given by name or AGS (platform admins only). */
    async create(actor: Actor | null, input: unknown): Promise<Town> {
      authorize(actor, 'town.create');
      const data = parseOrThrow(createTownSchema, input);
      const matches = await municipalities.find(data.municipality, 5);
      const exact = matches.find((c) => c.ags === data.municipality || c.shortName.toLowerCase() === data.municipality.toLowerCase());
      const municipality = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (!municipality) {
        throw new ValidationError({ municipality: matches.length ? 'error_municipality_ambiguous' : 'error_municipality_unknown' });
      }
      const slug = data.slug ?? slugify(municipality.shortName);
      const created = await db.transaction(async (tx) => {
        const [clash] = await tx.select({ id: towns.id, ags: towns.ags }).from(towns).where(sql`${towns.slug} = ${slug} or ${towns.ags} = ${municipality.ags}`);
        if (clash) throw new ValidationError(clash.ags === municipality.ags ? { municipality: 'error_town_exists' } : { slug: 'error_slug_taken' });
        const [town] = await tx
          .insert(towns)
          .values({ slug, name: municipality.shortName, ags: municipality.ags, landName: municipality.landName })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: town!.id, action: 'town.created', details: { slug, ags: municipality.ags } });
        return town!;
      });
      townList.invalidate();
      return created;
    },

    /** Edits descriptions and internal notes (town admins of that town). */
    async edit(actor: Actor | null, slug: string, input: unknown): Promise<Town> {
      const town = await requireTown(slug);
      authorize(actor, 'town.edit', town.id);
      const data = parseOrThrow(editTownSchema, input);
      const edited = await db.transaction(async (tx) => {
        const [updated] = await tx.update(towns).set({ ...data, updatedAt: new Date() }).where(eq(towns.id, town.id)).returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'town.edited' });
        return updated!;
      });
      townList.invalidate();
      return edited;
    },

    /** Members and open invitations of a town (town admins and moderators of that town). */
    async members(actor: Actor | null, slug: string) {
      const town = await requireTown(slug);
      authorize(actor, 'town.viewMembers', town.id);
      const [people, open] = await Promise.all([
        db
          .select({ userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role, since: memberships.createdAt })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(eq(memberships.townId, town.id))
          .orderBy(asc(users.displayName)),
        db
          .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
          .from(invitations)
          .where(and(eq(invitations.townId, town.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
          .orderBy(asc(invitations.createdAt)),
      ]);
      return { town, people, invitations: open };
    },

    /** Invites a person by mail to take a role in the town; who may invite depends on the role (see permissions). */
    async invite(actor: Actor | null, slug: string, input: unknown): Promise<void> {
      const town = await requireTown(slug);
      const data = parseOrThrow(inviteSchema, input);
      authorize(actor, inviteActionFor[data.role], town.id);
      const token = newToken();
      await db.transaction(async (tx) => {
        const [inviter] = await tx.select().from(users).where(eq(users.id, actor!.userId));
        const [invitee] = await tx.select({ locale: users.locale }).from(users).where(eq(users.email, data.email));
        await tx.insert(invitations).values({
          tokenHash: hashToken(token),
          townId: town.id,
          email: data.email,
          role: data.role,
          invitedBy: actor!.userId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        });
        // Through the invitee's notification settings when the address has an account (kind `invitation`).
        const mail = invitationMail({ email: data.email, locale: invitee?.locale ?? 'de' }, town.name, data.role, inviter?.displayName ?? '', origin, token);
        await notifications.notifyAddress(data.email, 'invitation', { subject: mail.subject, text: mail.text }, tx);
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'town.invited', details: { email: data.email, role: data.role } });
      });
    },

    /** Looks up an open invitation by its token (for the acceptance page). */
    async invitation(token: string) {
      const [row] = await db
        .select({ id: invitations.id, email: invitations.email, role: invitations.role, townName: towns.name, townSlug: towns.slug, acceptedAt: invitations.acceptedAt, expiresAt: invitations.expiresAt })
        .from(invitations)
        .innerJoin(towns, eq(towns.id, invitations.townId))
        .where(eq(invitations.tokenHash, hashToken(token)));
      if (!row || row.acceptedAt || row.expiresAt.getTime() < Date.now()) return null;
      return row;
    },

    /**
     * Accepts an invitation for the logged-in user. The role is granted to whoever holds the link and is logged in
     * (the link went to the invited address); an existing higher role is kept.
     */
    async acceptInvitation(userId: string, token: string): Promise<{ townSlug: string; role: TownRole } | null> {
      return db.transaction(async (tx) => {
        const [invitation] = await tx
          .update(invitations)
          .set({ acceptedAt: new Date(), acceptedBy: userId })
          .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())))
          .returning();
        if (!invitation) return null;
        const [current] = await tx.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.townId, invitation.townId)));
        const rank: Record<TownRole, number> = { member: 1, moderator: 2, town_admin: 3 };
        if (!current) {
          await tx.insert(memberships).values({ userId, townId: invitation.townId, role: invitation.role });
        } else if (rank[invitation.role] > rank[current.role]) {
          await tx.update(memberships).set({ role: invitation.role }).where(and(eq(memberships.userId, userId), eq(memberships.townId, invitation.townId)));
        }
        await recordAudit(tx, { actorId: userId, townId: invitation.townId, action: 'town.invitation_accepted', details: { role: invitation.role } });
        const [town] = await tx.select({ slug: towns.slug }).from(towns).where(eq(towns.id, invitation.townId));
        return { townSlug: town!.slug, role: invitation.role };
      });
    },

    /** Removes a person's role in a town (town admins of that town). */
    async removeMember(actor: Actor | null, slug: string, input: unknown): Promise<void> {
      const town = await requireTown(slug);
      authorize(actor, 'town.removeMember', town.id);
      const { userId } = parseOrThrow(removeMemberSchema, input);
      await db.transaction(async (tx) => {
        // A town without a town admin cannot be managed any more. The admins' rows are locked, so two admins removing
        // each other at the same time cannot both succeed.
        const admins = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.townId, town.id), eq(memberships.role, 'town_admin'))).for('update');
        if (admins.some((a) => a.userId === userId) && admins.length <= 1) throw new ValidationError({ _form: 'error_last_town_admin' });
        await tx.delete(memberships).where(and(eq(memberships.townId, town.id), eq(memberships.userId, userId)));
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'town.member_removed', details: { userId } });
      });
    },

    /** The roles of a user in all towns, for building the request's Actor. */
    async rolesOf(userId: string): Promise<Map<string, TownRole>> {
      const rows = await db.select({ townId: memberships.townId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
      return new Map(rows.map((r) => [r.townId, r.role]));
    },

    /** Town spaces the user belongs to, with the role. */
    async townsOf(userId: string) {
      return db
        .select({ slug: towns.slug, name: towns.name, role: memberships.role })
        .from(memberships)
        .innerJoin(towns, eq(towns.id, memberships.townId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(towns.name));
    },
  };
}

export type TownService = ReturnType<typeof createTownService>;

/** What other modules know of a town by its slug (`TownService.ref`). */
export interface TownRef {
  id: string;
  slug: string;
  name: string;
  ags: string | null;
}

/** The part of the towns service other modules use to find a town. */
export type TownDirectory = Pick<TownService, 'ref' | 'staffOf'>;

export class TownNotFoundError extends NotFoundError {
  constructor(slug: string) {
    super(`No town space "${slug}"`);
    this.name = 'TownNotFoundError';
  }
}
