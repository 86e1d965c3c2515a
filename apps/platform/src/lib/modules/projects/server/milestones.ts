import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { kuemmerer } from './access.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { audit, isUuid, type ProjectAccess } from './access.ts';
import { ProjectNotFoundError } from './errors.ts';
import { projectMilestones } from './schema.ts';
import { milestoneSchema } from './validation.ts';

/** A project's milestones (title, due date, done): kept by the town's team and the project's Kümmerer (`project.postUpdate`). */
export function createMilestoneService(deps: { db: Db; access: ProjectAccess }) {
  const { db, access } = deps;

  return {
    async addMilestone(actor: Actor | null, townSlug: string, projectSlug: string, input: unknown): Promise<void> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.postUpdate', town.id, kuemmerer(actor, project));
      const data = parseOrThrow(milestoneSchema, input);
      await db.transaction(async (tx) => {
        const [row] = await tx.insert(projectMilestones).values({ projectId: project.id, ...data }).returning();
        await audit(tx, actor, town.id, 'project.milestone_added', { projectId: project.id, milestoneId: row!.id });
      });
    },

    /** Marks a milestone done or open again, or removes it. */
    async changeMilestone(actor: Actor | null, townSlug: string, projectSlug: string, milestoneId: string, change: 'done' | 'open' | 'remove'): Promise<void> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.postUpdate', town.id, kuemmerer(actor, project));
      if (!isUuid(milestoneId)) throw new ProjectNotFoundError(`milestone ${milestoneId}`);
      await db.transaction(async (tx) => {
        const where = and(eq(projectMilestones.id, milestoneId), eq(projectMilestones.projectId, project.id));
        const rows = change === 'remove' ? await tx.delete(projectMilestones).where(where).returning() : await tx.update(projectMilestones).set({ done: change === 'done' }).where(where).returning();
        if (!rows.length) throw new ProjectNotFoundError(`milestone ${milestoneId}`);
        await audit(tx, actor, town.id, `project.milestone_${change}`, { projectId: project.id, milestoneId });
      });
    },
  };
}
