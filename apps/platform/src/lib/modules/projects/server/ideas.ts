import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { ideas, processes } from '../../processes/server/schema.ts';
import { audit, isUuid, type Project, type ProjectAccess, type TownRef } from './access.ts';
import { ProjectNotFoundError } from './errors.ts';
import { goalsOf } from './goals.ts';
import { ideaAdoptedMail } from './mails.ts';
import { projectIdeas, projectPhotos, projects, projectUpdates } from './schema.ts';
import { linkIdeaSchema } from './validation.ts';

/**
 * Ideas → projects: the ideas of a town's processes a project came from (`project_ideas`), taking an idea over
 * ("wird Projekt", with a notification to its author), and "Was wurde aus unseren Ideen?".
 */

/**
 * An idea is public when its process is published, it is not hidden, and in the current phase everyone may view its
 * ideas component: the same rule the idea page applies.
 */
export const ideaIsPublic: SQL<boolean> = sql<boolean>`(processes.published and ideas.hidden_reason is null and exists (
  select 1 from component_permissions cp
  where cp.component_id = ideas.component_id and cp.phase_id = processes.current_phase_id and cp.action = 'view' and cp.grants @> '["anyone"]'::jsonb))`;

export interface IdeaAdoptionDeps {
  notifications: NotificationService;
  origin: string;
}

/**
 * Links ideas of the town to a project and sets their status to "wird Projekt" (in the caller's transaction); the
 * authors are told by mail. Ideas of another town, unknown or hidden ideas are a validation error of `field`.
 */
export async function adoptIdeas(deps: IdeaAdoptionDeps, tx: Db | Tx, actor: Actor | null, town: TownRef, project: Project, ideaIds: string[], field: string) {
  if (!ideaIds.length) return;
  const rows = await tx.select().from(ideas).where(and(inArray(ideas.id, ideaIds), eq(ideas.townId, town.id)));
  if (rows.length !== new Set(ideaIds).size || rows.some((i) => i.hiddenReason)) throw new ValidationError({ [field]: 'error_invalid_choice' });
  await tx.insert(projectIdeas).values(rows.map((i) => ({ projectId: project.id, ideaId: i.id }))).onConflictDoNothing();
  const changed = rows.filter((i) => i.status !== 'wird_projekt' && i.status !== 'umgesetzt');
  if (changed.length) await tx.update(ideas).set({ status: 'wird_projekt' }).where(inArray(ideas.id, changed.map((i) => i.id)));
  await audit(tx, actor, town.id, 'project.ideas_linked', { projectId: project.id, ideaIds });
  // A status change of one's idea: a notification of kind "idea_status" (the author's settings decide).
  for (const idea of changed) {
    if (!idea.authorId) continue;
    await deps.notifications.notify(
      idea.authorId,
      'idea_status',
      ({ locale }) => {
        const mail = ideaAdoptedMail({ email: '', locale }, town, idea, project, deps.origin);
        return { subject: mail.subject, text: mail.text, mailKind: mail.kind };
      },
      tx,
    );
  }
}

export function createProjectIdeaService(deps: IdeaAdoptionDeps & { db: Db; access: ProjectAccess }) {
  const { db, access } = deps;

  return {
    /** The idea a new project is taken over from ("Als Projekt übernehmen"), for prefilling the form. */
    async ideaForAdoption(actor: Actor | null, townSlug: string, ideaId: string) {
      const town = await access.requireTown(townSlug);
      authorize(actor, 'project.edit', town.id);
      if (!isUuid(ideaId)) throw new ProjectNotFoundError(`idea ${ideaId}`);
      const [idea] = await db.select().from(ideas).where(and(eq(ideas.id, ideaId), eq(ideas.townId, town.id)));
      if (!idea) throw new ProjectNotFoundError(`idea ${ideaId}`);
      return { id: idea.id, title: idea.title, body: idea.body, field: idea.field, processId: idea.processId };
    },

    /** Links another idea of the town to the project ("wird Projekt"). */
    async linkIdea(actor: Actor | null, townSlug: string, projectSlug: string, input: unknown): Promise<void> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.edit', town.id);
      const { ideaId } = parseOrThrow(linkIdeaSchema, input);
      await db.transaction((tx) => adoptIdeas(deps, tx, actor, town, project, [ideaId], 'ideaId'));
    },

    async unlinkIdea(actor: Actor | null, townSlug: string, projectSlug: string, ideaId: string): Promise<void> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.edit', town.id);
      if (!isUuid(ideaId)) throw new ValidationError({ ideaId: 'error_invalid_choice' });
      await db.transaction(async (tx) => {
        await tx.delete(projectIdeas).where(and(eq(projectIdeas.projectId, project.id), eq(projectIdeas.ideaId, ideaId)));
        await audit(tx, actor, town.id, 'project.idea_unlinked', { projectId: project.id, ideaId });
      });
    },

    /** Ideas of the town that could still be linked to the project (team only). */
    async linkableIdeas(actor: Actor | null, townSlug: string, projectSlug: string) {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.edit', town.id);
      return db
        .select({ id: ideas.id, title: ideas.title })
        .from(ideas)
        .where(and(eq(ideas.townId, town.id), sql`${ideas.hiddenReason} is null`, sql`not exists (select 1 from ${projectIdeas} pi where pi.idea_id = ideas.id and pi.project_id = ${project.id})`))
        .orderBy(desc(ideas.supportCount), asc(ideas.title))
        .limit(300);
    },

    /**
     * "Was wurde aus unseren Ideen?": the town's public ideas that were taken up, traced to the projects they became
     * and those projects' latest updates; and ideas that were decided without a project (done, or not feasible with
     * the reason). Drafts and non-public ideas appear only for the town's team.
     */
    async outcomes(actor: Actor | null, townSlug: string) {
      const town = await access.requireTown(townSlug);
      const team = can(actor, 'project.viewDrafts', town.id);
      const visibleIdea = team ? sql`true` : ideaIsPublic;
      const projectRows = await db
        .select({ id: projects.id, slug: projects.slug, title: projects.title, type: projects.type, status: projects.status, responsibleName: projects.responsibleName })
        .from(projects)
        .where(and(eq(projects.townId, town.id), team ? undefined : eq(projects.published, true), sql`exists (select 1 from ${projectIdeas} pi where pi.project_id = projects.id)`))
        .orderBy(sql`case ${projects.status} when 'umgesetzt' then 0 when 'umsetzung' then 1 when 'vorbereitung' then 2 when 'idee' then 3 else 4 end`, asc(projects.title));
      const ids = projectRows.map((p) => p.id);
      const [links, updates, photos] = ids.length
        ? await Promise.all([
            db
              .select({ projectId: projectIdeas.projectId, id: ideas.id, title: ideas.title, field: ideas.field, supportCount: ideas.supportCount, createdAt: ideas.createdAt, componentId: ideas.componentId, processSlug: processes.slug })
              .from(projectIdeas)
              .innerJoin(ideas, eq(ideas.id, projectIdeas.ideaId))
              .innerJoin(processes, eq(processes.id, ideas.processId))
              .where(and(inArray(projectIdeas.projectId, ids), visibleIdea))
              .orderBy(asc(ideas.createdAt)),
            db
              .select({ id: projectUpdates.id, projectId: projectUpdates.projectId, title: projectUpdates.title, createdAt: projectUpdates.createdAt })
              .from(projectUpdates)
              .where(inArray(projectUpdates.projectId, ids))
              .orderBy(desc(projectUpdates.createdAt)),
            db
              .select({ id: projectPhotos.id, updateId: projectPhotos.updateId, altText: projectPhotos.altText })
              .from(projectPhotos)
              .innerJoin(projectUpdates, eq(projectUpdates.id, projectPhotos.updateId))
              .where(inArray(projectUpdates.projectId, ids)),
          ])
        : [[], [], []];
      const goals = await goalsOf(db, ids, can(actor, 'vision.viewDraft', town.id));
      const traced = projectRows
        .map((p) => {
          const latest = updates.filter((u) => u.projectId === p.id).slice(0, 3);
          return {
            ...p,
            goals: goals.filter((g) => g.projectId === p.id).map(({ projectId: _, ...g }) => g),
            ideas: links.filter((l) => l.projectId === p.id),
            updates: latest.map((u) => ({ ...u, photo: photos.find((ph) => ph.updateId === u.id) ?? null })),
            updateCount: updates.filter((u) => u.projectId === p.id).length,
          };
        })
        .filter((p) => p.ideas.length > 0);
      const decided = await db
        .select({ id: ideas.id, title: ideas.title, field: ideas.field, status: ideas.status, statusReason: ideas.statusReason, componentId: ideas.componentId, processSlug: processes.slug })
        .from(ideas)
        .innerJoin(processes, eq(processes.id, ideas.processId))
        .where(
          and(
            eq(ideas.townId, town.id),
            inArray(ideas.status, ['umgesetzt', 'nicht_umsetzbar', 'wird_projekt']),
            visibleIdea,
            sql`not exists (select 1 from ${projectIdeas} pi inner join ${projects} p on p.id = pi.project_id where pi.idea_id = ideas.id ${team ? sql`` : sql`and p.published`})`,
          ),
        )
        .orderBy(sql`case ${ideas.status} when 'wird_projekt' then 0 when 'umgesetzt' then 1 else 2 end`, asc(ideas.title));
      const [totals] = await db
        .select({
          ideas: sql<number>`count(*)::int`,
          becameProjects: sql<number>`count(*) filter (where ${ideas.status} = 'wird_projekt' or exists (select 1 from ${projectIdeas} pi where pi.idea_id = ideas.id))::int`,
          done: sql<number>`count(*) filter (where ${ideas.status} = 'umgesetzt')::int`,
        })
        .from(ideas)
        .innerJoin(processes, eq(processes.id, ideas.processId))
        .where(and(eq(ideas.townId, town.id), visibleIdea));
      return { town, projects: traced, decided, totals: totals ?? { ideas: 0, becameProjects: 0, done: 0 } };
    },
  };
}
