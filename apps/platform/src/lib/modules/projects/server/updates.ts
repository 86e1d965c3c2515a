import { and, eq } from 'drizzle-orm';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { kuemmerer } from './access.ts';
import { readImageUpload } from '../../processes/server/photos.ts';
import { audit, isUuid, type ProjectAccess } from './access.ts';
import { ProjectNotFoundError } from './errors.ts';
import { notifyFollowers, type FollowerDeps } from './followers.ts';
import { projectPhotos, projects, projectUpdates } from './schema.ts';
import { updateSchema } from './validation.ts';

/** Progress updates of a project (Markdown, an optional photo, an optional new status), posted by the town's team. */
export function createUpdateService(deps: FollowerDeps & { access: ProjectAccess }) {
  const { db, access } = deps;

  return {
    /**
     * Posts a progress update, optionally with a photo (re-encoded by the photo pipeline, alt text required) and a new
     * project status. Followers get a mail, in the same transaction.
     */
    async postUpdate(actor: Actor | null, townSlug: string, projectSlug: string, input: Record<string, string>, file?: File): Promise<string> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.postUpdate', town.id, kuemmerer(actor, project));
      const { data, image: processed } = await readImageUpload(updateSchema, input, file, { optional: true });
      return db.transaction(async (tx) => {
        const [update] = await tx.insert(projectUpdates).values({ projectId: project.id, title: data.title, body: data.body, authorId: actor!.userId }).returning();
        if (processed) await tx.insert(projectPhotos).values({ townId: town.id, updateId: update!.id, ...processed });
        if (data.status && data.status !== project.status) await tx.update(projects).set({ status: data.status, updatedAt: new Date() }).where(eq(projects.id, project.id));
        await audit(tx, actor, town.id, 'project.update_posted', { projectId: project.id, updateId: update!.id, status: data.status });
        await notifyFollowers(deps, tx, actor!, town, project, update!);
        return update!.id;
      });
    },

    async removeUpdate(actor: Actor | null, townSlug: string, projectSlug: string, updateId: string): Promise<void> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
      authorize(actor, 'project.postUpdate', town.id, kuemmerer(actor, project));
      if (!isUuid(updateId)) throw new ProjectNotFoundError(`update ${updateId}`);
      await db.transaction(async (tx) => {
        const rows = await tx.delete(projectUpdates).where(and(eq(projectUpdates.id, updateId), eq(projectUpdates.projectId, project.id))).returning();
        if (!rows.length) throw new ProjectNotFoundError(`update ${updateId}`);
        await audit(tx, actor, town.id, 'project.update_removed', { projectId: project.id, updateId });
      });
    },

    /** Photo bytes for the media route, only when the project is visible to the asker. */
    async photo(actor: Actor | null, photoId: string, variant: 'image' | 'thumbnail') {
      if (!isUuid(photoId)) return null;
      const [row] = await db
        .select({ data: variant === 'image' ? projectPhotos.image : projectPhotos.thumbnail, townId: projectPhotos.townId, published: projects.published })
        .from(projectPhotos)
        .innerJoin(projectUpdates, eq(projectUpdates.id, projectPhotos.updateId))
        .innerJoin(projects, eq(projects.id, projectUpdates.projectId))
        .where(eq(projectPhotos.id, photoId));
      if (!row || (!row.published && !can(actor, 'project.viewDrafts', row.townId))) return null;
      return { data: row.data, public: row.published };
    },
  };
}
