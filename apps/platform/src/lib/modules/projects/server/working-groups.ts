import type { TownDirectory } from '../../towns/server/service.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { memberships } from '../../towns/server/schema.ts';
import { componentPermissions, components, meetings, processes } from '../../processes/server/schema.ts';
import { slugify } from '../../towns/server/validation.ts';
import { audit, createProjectAccess, isUuid, type TownRef } from './access.ts';
import { ProjectNotFoundError } from './errors.ts';
import { projects, workingGroupMeetings, workingGroupMembers, workingGroups } from './schema.ts';
import { linkMeetingSchema, memberSchema, workingGroupSchema } from './validation.ts';

export type WorkingGroup = typeof workingGroups.$inferSelect;

/**
 * Working groups (Arbeitsgruppen) of a town: name, topic, meeting rhythm, members, the meetings they hold (links to
 * meetings of the town's processes) and their projects. Name, topic, rhythm, public meetings and published projects
 * are public; the member list and the internal notes are for the group's members and the town's team.
 */
export function createWorkingGroupService(deps: { db: Db; towns: TownDirectory }) {
  const { db } = deps;
  const { requireTown } = createProjectAccess(db, deps.towns);

  async function requireGroup(town: TownRef, groupSlug: string): Promise<WorkingGroup> {
    const [group] = await db.select().from(workingGroups).where(and(eq(workingGroups.townId, town.id), eq(workingGroups.slug, groupSlug)));
    if (!group) throw new ProjectNotFoundError(`working group ${groupSlug}`);
    return group;
  }

  async function isMember(actor: Actor | null, groupId: string): Promise<boolean> {
    if (!actor) return false;
    const [row] = await db.select().from(workingGroupMembers).where(and(eq(workingGroupMembers.groupId, groupId), eq(workingGroupMembers.userId, actor.userId)));
    return Boolean(row);
  }

  async function checkProcess(tx: Db | Tx, townId: string, processId: string | null) {
    if (!processId) return;
    const [p] = await tx.select({ id: processes.id }).from(processes).where(and(eq(processes.id, processId), eq(processes.townId, townId)));
    if (!p) throw new ValidationError({ processId: 'error_invalid_choice' });
  }

  return {
    async list(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      const rows = await db
        .select({
          id: workingGroups.id,
          slug: workingGroups.slug,
          name: workingGroups.name,
          topic: workingGroups.topic,
          rhythm: workingGroups.rhythm,
          members: sql<number>`(select count(*)::int from ${workingGroupMembers} m where m.group_id = working_groups.id)`,
          projects: sql<number>`(select count(*)::int from ${projects} p where p.working_group_id = working_groups.id and p.published)`,
          mine: actor ? sql<boolean>`exists (select 1 from ${workingGroupMembers} m where m.group_id = working_groups.id and m.user_id = ${actor.userId})` : sql<boolean>`false`,
        })
        .from(workingGroups)
        .where(eq(workingGroups.townId, town.id))
        .orderBy(asc(workingGroups.name));
      return { town, groups: rows, mayManage: can(actor, 'workingGroup.manage', town.id) };
    },

    /** One group: public part for everyone; members and internal notes for members and the team. */
    async get(actor: Actor | null, townSlug: string, groupSlug: string) {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      const member = await isMember(actor, group.id);
      const internal = can(actor, 'workingGroup.viewInternal', town.id, { groupMember: member });
      const drafts = can(actor, 'project.viewDrafts', town.id);
      const [process, groupProjects, linkedMeetings, members] = await Promise.all([
        group.processId ? db.select({ slug: processes.slug, title: processes.title, published: processes.published }).from(processes).where(eq(processes.id, group.processId)) : [],
        db
          .select({ slug: projects.slug, title: projects.title, type: projects.type, status: projects.status, published: projects.published })
          .from(projects)
          .where(and(eq(projects.workingGroupId, group.id), drafts ? undefined : eq(projects.published, true)))
          .orderBy(asc(projects.title)),
        db
          .select({
            id: meetings.id,
            title: meetings.title,
            startsAt: meetings.startsAt,
            place: meetings.place,
            componentId: meetings.componentId,
            processSlug: processes.slug,
            // Public: published process and everyone may view the meetings component in the current phase.
            public: sql<boolean>`(${processes.published} and exists (select 1 from ${componentPermissions} cp where cp.component_id = process_components.id and cp.phase_id = processes.current_phase_id and cp.action = 'view' and cp.grants @> '["anyone"]'::jsonb))`,
          })
          .from(workingGroupMeetings)
          .innerJoin(meetings, eq(meetings.id, workingGroupMeetings.meetingId))
          .innerJoin(components, eq(components.id, meetings.componentId))
          .innerJoin(processes, eq(processes.id, components.processId))
          .where(eq(workingGroupMeetings.groupId, group.id))
          .orderBy(asc(meetings.startsAt)),
        internal
          ? db
              .select({ userId: users.id, displayName: users.displayName, role: workingGroupMembers.role })
              .from(workingGroupMembers)
              .innerJoin(users, eq(users.id, workingGroupMembers.userId))
              .where(eq(workingGroupMembers.groupId, group.id))
              .orderBy(asc(workingGroupMembers.role), asc(users.displayName))
          : [],
      ]);
      const team = can(actor, 'process.viewUnpublished', town.id);
      const proc = process[0];
      return {
        town,
        group: { id: group.id, slug: group.slug, name: group.name, topic: group.topic, rhythm: group.rhythm, processId: group.processId },
        process: proc && (proc.published || team) ? { slug: proc.slug, title: proc.title } : null,
        projects: groupProjects,
        meetings: linkedMeetings.filter((m) => m.public || internal || team),
        internal: internal ? { notes: group.internalNotes, members } : null,
        member,
        mayManage: can(actor, 'workingGroup.manage', town.id),
      };
    },

    async create(actor: Actor | null, townSlug: string, input: unknown): Promise<WorkingGroup> {
      const town = await requireTown(townSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      const data = parseOrThrow(workingGroupSchema, input);
      const slug = data.slug ?? (slugify(data.name) || 'arbeitsgruppe');
      return db.transaction(async (tx) => {
        await checkProcess(tx, town.id, data.processId);
        const [clash] = await tx.select({ id: workingGroups.id }).from(workingGroups).where(and(eq(workingGroups.townId, town.id), eq(workingGroups.slug, slug)));
        if (clash) throw new ValidationError({ slug: 'error_slug_taken' });
        const [group] = await tx.insert(workingGroups).values({ townId: town.id, slug, name: data.name, topic: data.topic, rhythm: data.rhythm, processId: data.processId, internalNotes: data.internalNotes }).returning();
        await audit(tx, actor, town.id, 'working_group.created', { groupId: group!.id });
        return group!;
      });
    },

    async edit(actor: Actor | null, townSlug: string, groupSlug: string, input: unknown): Promise<WorkingGroup> {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      const data = parseOrThrow(workingGroupSchema, input);
      return db.transaction(async (tx) => {
        await checkProcess(tx, town.id, data.processId);
        const [updated] = await tx
          .update(workingGroups)
          .set({ name: data.name, topic: data.topic, rhythm: data.rhythm, processId: data.processId, internalNotes: data.internalNotes, updatedAt: new Date() })
          .where(eq(workingGroups.id, group.id))
          .returning();
        await audit(tx, actor, town.id, 'working_group.edited', { groupId: group.id });
        return updated!;
      });
    },

    /** Adds a person with an account to the group (by e-mail address), or changes their role. */
    async addMember(actor: Actor | null, townSlug: string, groupSlug: string, input: unknown): Promise<void> {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      const data = parseOrThrow(memberSchema, input);
      // Only people of this town space (as for a project's Kümmerer): no probing for accounts elsewhere.
      const [user] = await db
        .select({ id: users.id })
        .from(users)
        .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.townId, town.id)))
        .where(eq(users.email, data.email));
      if (!user) throw new ValidationError({ email: 'error_not_town_member' });
      await db.transaction(async (tx) => {
        await tx
          .insert(workingGroupMembers)
          .values({ groupId: group.id, userId: user.id, role: data.role })
          .onConflictDoUpdate({ target: [workingGroupMembers.groupId, workingGroupMembers.userId], set: { role: data.role } });
        await audit(tx, actor, town.id, 'working_group.member_added', { groupId: group.id, userId: user.id, role: data.role });
      });
    },

    /** Removes a member (the team), or lets a member leave (themselves). */
    async removeMember(actor: Actor | null, townSlug: string, groupSlug: string, userId: string): Promise<void> {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      if (!actor || actor.userId !== userId) authorize(actor, 'workingGroup.manage', town.id);
      if (!isUuid(userId)) throw new ValidationError({ userId: 'error_invalid_choice' });
      await db.transaction(async (tx) => {
        await tx.delete(workingGroupMembers).where(and(eq(workingGroupMembers.groupId, group.id), eq(workingGroupMembers.userId, userId)));
        await audit(tx, actor, town.id, 'working_group.member_removed', { groupId: group.id, userId });
      });
    },

    /** Meetings of the town's processes that can be linked to the group (team only). */
    async linkableMeetings(actor: Actor | null, townSlug: string, groupSlug: string) {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      return db
        .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, processTitle: processes.title })
        .from(meetings)
        .innerJoin(components, eq(components.id, meetings.componentId))
        .innerJoin(processes, eq(processes.id, components.processId))
        .where(and(eq(meetings.townId, town.id), sql`not exists (select 1 from ${workingGroupMeetings} l where l.group_id = ${group.id} and l.meeting_id = meetings.id)`))
        .orderBy(asc(meetings.startsAt))
        .limit(300);
    },

    async linkMeeting(actor: Actor | null, townSlug: string, groupSlug: string, input: unknown): Promise<void> {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      const { meetingId } = parseOrThrow(linkMeetingSchema, input);
      const [meeting] = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.townId, town.id)));
      if (!meeting) throw new ValidationError({ meetingId: 'error_invalid_choice' });
      await db.transaction(async (tx) => {
        await tx.insert(workingGroupMeetings).values({ groupId: group.id, meetingId }).onConflictDoNothing();
        await audit(tx, actor, town.id, 'working_group.meeting_linked', { groupId: group.id, meetingId });
      });
    },

    async unlinkMeeting(actor: Actor | null, townSlug: string, groupSlug: string, meetingId: string): Promise<void> {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      if (!isUuid(meetingId)) throw new ValidationError({ meetingId: 'error_invalid_choice' });
      await db.transaction(async (tx) => {
        await tx.delete(workingGroupMeetings).where(and(eq(workingGroupMeetings.groupId, group.id), eq(workingGroupMeetings.meetingId, meetingId)));
        await audit(tx, actor, town.id, 'working_group.meeting_unlinked', { groupId: group.id, meetingId });
      });
    },

    /** Processes of the town for the group form. */
    async formOptions(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      const rows = await db.select({ id: processes.id, title: processes.title }).from(processes).where(eq(processes.townId, town.id)).orderBy(asc(processes.title));
      return { town, processes: rows };
    },

    /** The group's editable fields for the edit form (team only). */
    async forEdit(actor: Actor | null, townSlug: string, groupSlug: string) {
      const town = await requireTown(townSlug);
      const group = await requireGroup(town, groupSlug);
      authorize(actor, 'workingGroup.manage', town.id);
      return group;
    },
  };
}

export type WorkingGroupService = ReturnType<typeof createWorkingGroupService>;
