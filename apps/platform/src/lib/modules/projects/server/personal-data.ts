import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { projectFollowers, projects, projectUpdates, workingGroupMembers, workingGroups } from './schema.ts';

/**
 * What the projects module stores about a person: projects they are the Kümmerer of, projects they follow, working
 * groups they belong to, progress updates they wrote. Deletion ends follows and memberships and takes their name
 * off the projects they looked after (the Kümmerer's free-text name is often the person's own); updates stay without
 * the person.
 */
export function createProjectPersonalData(db: Db) {
  return {
    name: 'projects',
    async collect(userId: string): Promise<Record<string, unknown[]>> {
      const [responsibleFor, follows, groups, updates] = await Promise.all([
        db.select({ project: projects.title, responsibleName: projects.responsibleName }).from(projects).where(eq(projects.responsibleUserId, userId)),
        db.select({ project: projects.title, since: projectFollowers.createdAt }).from(projectFollowers).innerJoin(projects, eq(projects.id, projectFollowers.projectId)).where(eq(projectFollowers.userId, userId)),
        db.select({ group: workingGroups.name, role: workingGroupMembers.role, joinedAt: workingGroupMembers.joinedAt }).from(workingGroupMembers).innerJoin(workingGroups, eq(workingGroups.id, workingGroupMembers.groupId)).where(eq(workingGroupMembers.userId, userId)),
        db.select({ project: projects.title, title: projectUpdates.title, body: projectUpdates.body, createdAt: projectUpdates.createdAt }).from(projectUpdates).innerJoin(projects, eq(projects.id, projectUpdates.projectId)).where(eq(projectUpdates.authorId, userId)),
      ]);
      return { kuemmererOf: responsibleFor, follows, workingGroups: groups, progressUpdates: updates };
    },
    async erase(tx: Tx, userId: string): Promise<void> {
      await tx.update(projects).set({ responsibleName: '', responsibleUserId: null, updatedAt: new Date() }).where(eq(projects.responsibleUserId, userId));
      await tx.delete(projectFollowers).where(eq(projectFollowers.userId, userId));
      await tx.delete(workingGroupMembers).where(eq(workingGroupMembers.userId, userId));
    },
  };
}
