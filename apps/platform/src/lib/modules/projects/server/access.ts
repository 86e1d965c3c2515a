import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { can, type Actor } from '../../../server/permissions.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { towns } from '../../towns/server/schema.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import { ProjectNotFoundError } from './errors.ts';
import { projects } from './schema.ts';

/**
 * What every part of the projects module needs to find its town and project: the lookups that turn a slug into a
 * row (or a 404 error) and the audit entry each change writes. The services of projects, milestones, updates,
 * followers, goals, linked ideas and working groups are built on these, so the draft rule lives in one place.
 */

export type Project = typeof projects.$inferSelect;
export type TownRef = { id: string; slug: string; name: string };

export { isUuid } from '../../../server/validation.ts';

/** Lead projects first, then starter projects, then the rest (lists, the map, the town page, goals). */
export const byProjectType = sql`case ${projects.type} when 'leitprojekt' then 0 when 'starterprojekt' then 1 else 2 end`;

/** An audit entry of a change in a town, written in the change's transaction. */
export const audit = (tx: Db | Tx, actor: Actor | null, townId: string, action: string, details: Record<string, unknown>) =>
  recordAudit(tx, { actorId: actor?.userId ?? null, townId, action, details });

/** The relation for `can`: the actor is the project's Kümmerer (the account named responsible for it). */
export function kuemmerer(actor: Actor | null, project: { responsibleUserId: string | null }) {
  return { owner: Boolean(actor && project.responsibleUserId && project.responsibleUserId === actor.userId) };
}

export function createProjectAccess(db: Db, townDirectory: TownDirectory) {
  const requireTown = (slug: string) => townDirectory.ref(slug);

  /** A project of the town; drafts exist only for those who may see them. */
  async function requireProject(actor: Actor | null, town: TownRef, projectSlug: string): Promise<Project> {
    const [project] = await db.select().from(projects).where(and(eq(projects.townId, town.id), eq(projects.slug, projectSlug)));
    if (!project || (!project.published && !can(actor, 'project.viewDrafts', town.id))) throw new ProjectNotFoundError(`project ${projectSlug}`);
    return project;
  }

  /** The town and a project in it that the actor may see (the start of every action on one project). */
  async function requireTownProject(actor: Actor | null, townSlug: string, projectSlug: string) {
    const town = await requireTown(townSlug);
    return { town, project: await requireProject(actor, town, projectSlug) };
  }

  return { requireTown, requireProject, requireTownProject };
}

export type ProjectAccess = ReturnType<typeof createProjectAccess>;
