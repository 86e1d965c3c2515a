import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { users } from '../../accounts/server/schema.ts';
import { recordAudit } from '../../audit/server/service.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { memberships, towns } from '../../towns/server/schema.ts';
import { isUuid, type Project, type ProjectAccess, type TownRef } from './access.ts';
import { projectUpdateMessage, unfollowLink } from './mails.ts';
import { projectFollowers, projects } from './schema.ts';

/**
 * Following a project: any logged-in person who can see it follows it, hears of its updates through their
 * notification settings, and leaves with a signed one-click link that ends following this project only.
 */

/** Purpose of the signed one-click unfollow tokens (see notifications.signToken). */
const UNFOLLOW = 'project-unfollow';

export interface FollowerDeps {
  db: Db;
  notifications: NotificationService;
  origin: string;
}

/**
 * Tells the followers of a project about a new update, in the update's transaction. Followers hear about published
 * projects only; a draft's followers are the team. Each goes through the follower's notification settings (kind
 * "project_update": now, digest, or off), with a signed one-click link that ends following this project only.
 */
export async function notifyFollowers(deps: FollowerDeps, tx: Tx, actor: Actor, town: TownRef, project: Project, update: { title: string; body: string }) {
  const { notifications, origin } = deps;
  const followers = await tx
    .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin, nonce: projectFollowers.nonce })
    .from(projectFollowers)
    .innerJoin(users, eq(users.id, projectFollowers.userId))
    .where(eq(projectFollowers.projectId, project.id));
  for (const follower of followers) {
    if (follower.id === actor.userId) continue;
    if (!project.published && !can({ userId: follower.id, isPlatformAdmin: follower.isPlatformAdmin, townRoles: await rolesOf(tx, follower.id) }, 'project.viewDrafts', town.id)) continue;
    const token = await notifications.signToken(UNFOLLOW, [follower.id, project.id, follower.nonce], tx);
    await notifications.notify(follower.id, 'project_update', ({ locale }) => projectUpdateMessage(locale, town, project, update, origin, unfollowLink(origin, locale, token)), tx);
  }
}

/** A follower's town roles, read in the caller's transaction (PGlite has one connection). */
async function rolesOf(tx: Db | Tx, userId: string) {
  const rows = await tx.select({ townId: memberships.townId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
  return new Map(rows.map((r) => [r.townId, r.role]));
}

export function createFollowerService(deps: FollowerDeps & { access: ProjectAccess }) {
  const { db, notifications, access } = deps;

  /** The follow an unfollow link was made for; `invalid` when we did not sign it, `used` when the follow is gone. */
  async function followOfToken(tx: Db | Tx, token: string) {
    const parts = await notifications.verifyToken(UNFOLLOW, token);
    if (!parts || parts.length !== 3 || !parts.every(isUuid)) return 'invalid' as const;
    const [userId, projectId, nonce] = parts as [string, string, string];
    const [row] = await tx
      .select({ email: users.email, projectTitle: projects.title, projectSlug: projects.slug, townId: towns.id, townName: towns.name, townSlug: towns.slug })
      .from(projectFollowers)
      .innerJoin(users, eq(users.id, projectFollowers.userId))
      .innerJoin(projects, eq(projects.id, projectFollowers.projectId))
      .innerJoin(towns, eq(towns.id, projects.townId))
      .where(and(eq(projectFollowers.userId, userId), eq(projectFollowers.projectId, projectId), eq(projectFollowers.nonce, nonce)));
    return row ? { ...row, userId, projectId, nonce } : ('used' as const);
  }

  return {
    /** Follows a project (any logged-in person who can see it); idempotent. */
    async follow(actor: Actor | null, townSlug: string, projectSlug: string, follow = true): Promise<void> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.follow', town.id);
      if (follow) await db.insert(projectFollowers).values({ projectId: project.id, userId: actor!.userId }).onConflictDoNothing();
      else await db.delete(projectFollowers).where(and(eq(projectFollowers.projectId, project.id), eq(projectFollowers.userId, actor!.userId)));
    },

    /**
     * What a one-click unfollow link would do, for its confirmation page: the project and the address; `invalid` for
     * a forged or broken link, `used` for one of ours whose follow no longer exists (used, or unfollowed otherwise).
     */
    async describeUnfollow(token: string) {
      const found = await followOfToken(db, token);
      if (typeof found === 'string') return found;
      return { project: found.projectTitle, projectSlug: found.projectSlug, town: found.townName, townSlug: found.townSlug, email: found.email };
    },

    /**
     * Ends following exactly the project the link was made for; no login needed, the signed token (bound to the
     * person, the project and this follow's nonce) is the authorisation. Works once: afterwards the follow is gone,
     * and a new follow has a new nonce. `invalid` or `used` for a link that does not work (see `describeUnfollow`).
     */
    async unfollowByToken(token: string) {
      return db.transaction(async (tx) => {
        const found = await followOfToken(tx, token);
        if (typeof found === 'string') return found;
        const removed = await tx
          .delete(projectFollowers)
          .where(and(eq(projectFollowers.projectId, found.projectId), eq(projectFollowers.userId, found.userId), eq(projectFollowers.nonce, found.nonce)))
          .returning();
        if (!removed.length) return 'used' as const;
        await recordAudit(tx, { actorId: found.userId, townId: found.townId, action: 'project.unfollowed_by_link', details: { projectId: found.projectId } });
        return { project: found.projectTitle, projectSlug: found.projectSlug, townSlug: found.townSlug };
      });
    },
  };
}
