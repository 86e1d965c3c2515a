import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { can, type Actor } from '../../../server/permissions.ts';
import { fieldsOfAction, processes } from '../../processes/server/schema.ts';
import { visionGoals } from '../../vision/server/schema.ts';
import { byProjectType } from './access.ts';
import { projectGoals, projects, type ProjectStatus, type ProjectType } from './schema.ts';

/**
 * The goals of a Zukunftsbild that projects serve (`project_goals`). Which goals a project may name is checked with
 * its other references in `projects.ts` (`resolveReferences`); this file stores, reads and counts the links.
 */

/** A goal is public when its Zukunftsbild and its process are published (the vision page's rule). */
const goalIsPublic: SQL<boolean> = sql<boolean>`(processes.published and exists (select 1 from visions v where v.process_id = vision_goals.process_id and v.published))`;

/** Replaces the project's goals (already checked by `resolveReferences`). */
export async function setGoals(tx: Db | Tx, projectId: string, goalIds: string[]) {
  await tx.delete(projectGoals).where(eq(projectGoals.projectId, projectId));
  const unique = [...new Set(goalIds)];
  if (unique.length) await tx.insert(projectGoals).values(unique.map((goalId) => ({ projectId, goalId })));
}

/** The goals of the given projects with their process, only the public ones unless `all`. */
export async function goalsOf(db: Db, projectIds: string[], all: boolean) {
  if (!projectIds.length) return [];
  const rows = await db
    .select({
      projectId: projectGoals.projectId,
      id: visionGoals.id,
      title: visionGoals.title,
      field: visionGoals.field,
      processSlug: processes.slug,
      processTitle: processes.title,
    })
    .from(projectGoals)
    .innerJoin(visionGoals, eq(visionGoals.id, projectGoals.goalId))
    .innerJoin(processes, eq(processes.id, visionGoals.processId))
    .where(and(inArray(projectGoals.projectId, projectIds), all ? undefined : goalIsPublic))
    .orderBy(asc(processes.title), asc(visionGoals.position), asc(visionGoals.createdAt));
  // In the order of the eight fields of action, as the Zukunftsbild shows them (a stable sort keeps the rest).
  const processOrder = new Map<string, number>();
  for (const r of rows) if (!processOrder.has(r.processSlug)) processOrder.set(r.processSlug, processOrder.size);
  return rows.sort((a, b) => processOrder.get(a.processSlug)! - processOrder.get(b.processSlug)! || fieldsOfAction.indexOf(a.field) - fieldsOfAction.indexOf(b.field));
}

/** What the vision page and the town page ask about projects and goals. */
export function createProjectGoalService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /**
     * "Projekte zu diesem Ziel": for each of the given goals (of one town), the projects that serve it; drafts only
     * for the town's team. Goals of another town yield nothing.
     */
    async projectsForGoals(actor: Actor | null, townId: string, goalIds: string[]) {
      const byGoal = new Map<string, { slug: string; title: string; type: ProjectType; status: ProjectStatus; published: boolean }[]>();
      if (!goalIds.length) return byGoal;
      const drafts = can(actor, 'project.viewDrafts', townId);
      const rows = await db
        .select({ goalId: projectGoals.goalId, slug: projects.slug, title: projects.title, type: projects.type, status: projects.status, published: projects.published })
        .from(projectGoals)
        .innerJoin(projects, eq(projects.id, projectGoals.projectId))
        .where(and(inArray(projectGoals.goalId, goalIds), eq(projects.townId, townId), drafts ? undefined : eq(projects.published, true)))
        .orderBy(byProjectType, asc(projects.title));
      for (const { goalId, ...project } of rows) byGoal.set(goalId, [...(byGoal.get(goalId) ?? []), project]);
      return byGoal;
    },

    /** Per process of the town (by slug): how many of its Zukunftsbild's goals are served by at least one visible project. */
    async goalCoverage(actor: Actor | null, townId: string) {
      const drafts = can(actor, 'project.viewDrafts', townId);
      const rows = await db
        .select({
          processSlug: processes.slug,
          goals: sql<number>`count(*)::int`,
          served: sql<number>`count(*) filter (where exists (select 1 from ${projectGoals} pg inner join ${projects} p on p.id = pg.project_id where pg.goal_id = vision_goals.id ${drafts ? sql`` : sql`and p.published`}))::int`,
        })
        .from(visionGoals)
        .innerJoin(processes, eq(processes.id, visionGoals.processId))
        .where(eq(visionGoals.townId, townId))
        .groupBy(processes.slug);
      return new Map(rows.map((r) => [r.processSlug, { goals: r.goals, served: r.served }]));
    },
  };
}
