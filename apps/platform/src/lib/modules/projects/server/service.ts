import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { fieldCheck, parseChecked, parseOrThrow, ValidationError, type FieldErrors } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { auditLog } from '../../audit/server/schema.ts';
import { fieldsOfAction, ideas, processes, type FieldOfAction } from '../../processes/server/schema.ts';
import { readImageUpload } from '../../processes/server/photos.ts';
import { memberships, towns } from '../../towns/server/schema.ts';
import { TownNotFoundError } from '../../towns/server/service.ts';
import { slugify } from '../../towns/server/validation.ts';
import { visionGoals } from '../../vision/server/schema.ts';
import { ProjectNotFoundError } from './errors.ts';
import { ideaAdoptedMail, projectUpdateMessage, unfollowLink } from './mails.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { projectPoint, type TownMapService } from '../../atlas/server/town-map.ts';
import {
  projectFollowers,
  projectGoals,
  projectIdeas,
  projectMilestones,
  projectPhotos,
  projects,
  projectStatuses,
  projectTypes,
  projectUpdates,
  workingGroups,
  type ProjectStatus,
  type ProjectType,
} from './schema.ts';
import { linkIdeaSchema, milestoneSchema, projectReferenceFields, projectSchema, toProjectInput, updateSchema, type ProjectInput, type ProjectReferences } from './validation.ts';

export type Project = typeof projects.$inferSelect;
type TownRef = { id: string; slug: string; name: string };

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * An idea is public when its process is published, it is not hidden, and in the current phase everyone may view its
 * ideas component: the same rule the idea page applies.
 */
export const ideaIsPublic: SQL<boolean> = sql<boolean>`(processes.published and ideas.hidden_reason is null and exists (
  select 1 from component_permissions cp
  where cp.component_id = ideas.component_id and cp.phase_id = processes.current_phase_id and cp.action = 'view' and cp.grants @> '["anyone"]'::jsonb))`;

/** A goal is public when its Zukunftsbild and its process are published (the vision page's rule). */
const goalIsPublic: SQL<boolean> = sql<boolean>`(processes.published and exists (select 1 from visions v where v.process_id = vision_goals.process_id and v.published))`;

/** Purpose of the signed one-click unfollow tokens (see notifications.signToken). */
const UNFOLLOW = 'project-unfollow';

export interface ProjectFilters {
  type?: string | null;
  status?: string | null;
  field?: string | null;
}

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | null {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function createProjectService(deps: { db: Db; notifications: NotificationService; townMaps: TownMapService; origin: string }) {
  const { db, notifications, townMaps, origin } = deps;

  /**
   * The checks of the project form beyond its schema, run before the transaction (the town's area is read with the
   * app's connection, which a PGlite transaction holds) and whenever their own fields are valid: the point must lie in
   * the town's area (see town-map.ts), the references must exist in the town.
   */
  const projectChecks = (townId: string) => [townMaps.pointCheck(townId), fieldCheck(projectReferenceFields, async (refs) => (await checkReferences(db, townId, refs)).errors)];

  async function requireTown(slug: string): Promise<TownRef> {
    const [town] = await db.select({ id: towns.id, slug: towns.slug, name: towns.name }).from(towns).where(eq(towns.slug, slug));
    if (!town) throw new TownNotFoundError(slug);
    return town;
  }

  /** A project of the town; drafts exist only for those who may see them. */
  async function requireProject(actor: Actor | null, town: TownRef, projectSlug: string): Promise<Project> {
    const [project] = await db.select().from(projects).where(and(eq(projects.townId, town.id), eq(projects.slug, projectSlug)));
    if (!project || (!project.published && !can(actor, 'project.viewDrafts', town.id))) throw new ProjectNotFoundError(`project ${projectSlug}`);
    return project;
  }

  const audit = (tx: Db | Tx, actor: Actor | null, townId: string, action: string, details: Record<string, unknown>) =>
    tx.insert(auditLog).values({ actorId: actor?.userId ?? null, townId, action, details });

  /** Looks up the references of the form (Kümmerer account, working group, process, goals) inside the town. */
  async function checkReferences(tx: Db | Tx, townId: string, data: ProjectReferences): Promise<{ errors: FieldErrors; responsibleUserId: string | null }> {
    const errors: FieldErrors = {};
    let responsibleUserId: string | null = null;
    if (data.responsibleEmail) {
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.responsibleEmail));
      if (user) responsibleUserId = user.id;
      else errors.responsibleEmail = 'error_account_unknown';
    }
    if (data.workingGroupId) {
      const [group] = await tx.select({ id: workingGroups.id }).from(workingGroups).where(and(eq(workingGroups.id, data.workingGroupId), eq(workingGroups.townId, townId)));
      if (!group) errors.workingGroupId = 'error_invalid_choice';
    }
    if (data.processId) {
      const [process] = await tx.select({ id: processes.id }).from(processes).where(and(eq(processes.id, data.processId), eq(processes.townId, townId)));
      if (!process) errors.processId = 'error_invalid_choice';
    }
    // Goals: of this town's Zukunftsbilder, and of the project's own process when it names one.
    const goalIds = [...new Set(data.goals)];
    if (goalIds.length) {
      const found = await tx
        .select({ id: visionGoals.id, processId: visionGoals.processId })
        .from(visionGoals)
        .where(and(inArray(visionGoals.id, goalIds), eq(visionGoals.townId, townId)));
      if (found.length !== goalIds.length || (data.processId && found.some((g) => g.processId !== data.processId))) errors.goals = 'error_project_goals_invalid';
    }
    return { errors, responsibleUserId };
  }

  /**
   * The Kümmerer's account, inside the transaction that stores the project: the references were checked with the
   * form, this checks them again against what the transaction sees (a group may have been deleted meanwhile).
   */
  async function resolveReferences(tx: Db | Tx, townId: string, data: ProjectReferences) {
    const { errors, responsibleUserId } = await checkReferences(tx, townId, data);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return responsibleUserId;
  }

  /** Replaces the project's goals (already checked by `resolveReferences`). */
  async function setGoals(tx: Db | Tx, projectId: string, goalIds: string[]) {
    await tx.delete(projectGoals).where(eq(projectGoals.projectId, projectId));
    const unique = [...new Set(goalIds)];
    if (unique.length) await tx.insert(projectGoals).values(unique.map((goalId) => ({ projectId, goalId })));
  }

  /** The goals of the given projects with their process, only the public ones unless `all`. */
  async function goalsOf(projectIds: string[], all: boolean) {
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

  /**
   * Links ideas of the town to a project and sets their status to "wird Projekt" (in the caller's transaction); the
   * authors are told by mail. Ideas of another town, unknown or hidden ideas are a validation error of `field`.
   */
  async function adoptIdeas(tx: Db | Tx, actor: Actor | null, town: TownRef, project: Project, ideaIds: string[], field: string) {
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
      await notifications.notify(
        idea.authorId,
        'idea_status',
        ({ locale }) => {
          const mail = ideaAdoptedMail({ email: '', locale }, town, idea, project, origin);
          return { subject: mail.subject, text: mail.text, mailKind: mail.kind };
        },
        tx,
      );
    }
  }

  async function uniqueSlug(tx: Db | Tx, townId: string, wanted: string | undefined, title: string): Promise<string> {
    if (wanted) {
      const [clash] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.townId, townId), eq(projects.slug, wanted)));
      if (clash) throw new ValidationError({ slug: 'error_slug_taken' });
      return wanted;
    }
    const base = slugify(title) || 'projekt';
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      const [clash] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.townId, townId), eq(projects.slug, candidate)));
      if (!clash) return candidate;
    }
  }

  const projectValues = (data: ProjectInput, responsibleUserId: string | null) => ({
    title: data.title,
    summary: data.summary,
    type: data.type,
    status: data.status,
    fields: data.fields,
    responsibleName: data.responsibleName,
    responsibleUserId,
    partners: data.partners,
    workingGroupId: data.workingGroupId,
    processId: data.processId,
    startsOn: data.startsOn,
    endsOn: data.endsOn,
    budget: data.budget,
    funding: data.funding,
    fundingProgrammes: data.fundingProgrammes,
    published: data.published,
    latitude: data.latitude,
    longitude: data.longitude,
  });

  return {
    requireTown,

    /** Projects of a town, filtered by type, status and field of action; drafts only for the town's team. */
    async list(actor: Actor | null, townSlug: string, filters: ProjectFilters = {}) {
      const town = await requireTown(townSlug);
      const type = pick(filters.type, projectTypes);
      const status = pick(filters.status, projectStatuses);
      const field = pick(filters.field, fieldsOfAction);
      const drafts = can(actor, 'project.viewDrafts', town.id);
      const rows = await db
        .select({
          id: projects.id,
          slug: projects.slug,
          title: projects.title,
          type: projects.type,
          status: projects.status,
          fields: projects.fields,
          responsibleName: projects.responsibleName,
          startsOn: projects.startsOn,
          endsOn: projects.endsOn,
          published: projects.published,
          updates: sql<number>`(select count(*)::int from ${projectUpdates} u where u.project_id = projects.id)`,
          ideas: sql<number>`(select count(*)::int from ${projectIdeas} pi where pi.project_id = projects.id)`,
        })
        .from(projects)
        .where(
          and(
            eq(projects.townId, town.id),
            drafts ? undefined : eq(projects.published, true),
            type ? eq(projects.type, type) : undefined,
            status ? eq(projects.status, status) : undefined,
            field ? sql`${projects.fields} @> ${JSON.stringify([field])}::jsonb` : undefined,
          ),
        )
        .orderBy(sql`case ${projects.type} when 'leitprojekt' then 0 when 'starterprojekt' then 1 else 2 end`, asc(projects.title));
      return { town, projects: rows, filters: { type, status, field }, mayEdit: can(actor, 'project.edit', town.id) };
    },

    /** One project with milestones, the ideas it came from, its updates with photos, and whether the actor follows it. */
    async get(actor: Actor | null, townSlug: string, projectSlug: string) {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      const team = can(actor, 'project.viewDrafts', town.id);
      const [milestones, linked, updates, group, process, responsible, followers, mine] = await Promise.all([
        db.select().from(projectMilestones).where(eq(projectMilestones.projectId, project.id)).orderBy(sql`${projectMilestones.dueOn} asc nulls last`, asc(projectMilestones.createdAt)),
        db
          .select({ id: ideas.id, title: ideas.title, status: ideas.status, supportCount: ideas.supportCount, componentId: ideas.componentId, processSlug: processes.slug, public: ideaIsPublic })
          .from(projectIdeas)
          .innerJoin(ideas, eq(ideas.id, projectIdeas.ideaId))
          .innerJoin(processes, eq(processes.id, ideas.processId))
          .where(eq(projectIdeas.projectId, project.id))
          .orderBy(asc(ideas.title)),
        db
          .select({ id: projectUpdates.id, title: projectUpdates.title, body: projectUpdates.body, createdAt: projectUpdates.createdAt, authorName: users.displayName })
          .from(projectUpdates)
          .leftJoin(users, eq(users.id, projectUpdates.authorId))
          .where(eq(projectUpdates.projectId, project.id))
          .orderBy(desc(projectUpdates.createdAt)),
        project.workingGroupId ? db.select({ slug: workingGroups.slug, name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.id, project.workingGroupId)) : [],
        project.processId
          ? db.select({ slug: processes.slug, title: processes.title, published: processes.published }).from(processes).where(eq(processes.id, project.processId))
          : [],
        project.responsibleUserId ? db.select({ email: users.email }).from(users).where(eq(users.id, project.responsibleUserId)) : [],
        db.select({ n: sql<number>`count(*)::int` }).from(projectFollowers).where(eq(projectFollowers.projectId, project.id)),
        actor ? db.select().from(projectFollowers).where(and(eq(projectFollowers.projectId, project.id), eq(projectFollowers.userId, actor.userId))) : [],
      ]);
      const photos = updates.length
        ? await db
            .select({ id: projectPhotos.id, updateId: projectPhotos.updateId, altText: projectPhotos.altText, width: projectPhotos.width, height: projectPhotos.height })
            .from(projectPhotos)
            .where(inArray(projectPhotos.updateId, updates.map((u) => u.id)))
            .orderBy(asc(projectPhotos.createdAt))
        : [];
      const proc = process[0];
      const goals = await goalsOf([project.id], can(actor, 'vision.viewDraft', town.id));
      const outline = project.latitude !== null && project.longitude !== null ? ((await townMaps.area(town.id))?.outline ?? null) : null;
      return {
        /** The town's outline with the project's point, when it has one and the outline is known. */
        location: outline ? { map: outline, point: projectPoint(outline.projection, project.longitude!, project.latitude!) } : null,
        town,
        project,
        milestones,
        /** The Zukunftsbild goals the project serves (public ones only for visitors). */
        goals: goals.map(({ projectId: _, ...g }) => g),
        ideas: linked.filter((i) => team || i.public),
        updates: updates.map((u) => ({ ...u, photos: photos.filter((p) => p.updateId === u.id) })),
        workingGroup: group[0] ?? null,
        process: proc && (proc.published || can(actor, 'process.viewUnpublished', town.id)) ? { slug: proc.slug, title: proc.title } : null,
        /** The Kümmerer's account address, for the team's edit form only. */
        responsibleEmail: can(actor, 'project.edit', town.id) ? (responsible[0]?.email ?? '') : '',
        followers: followers[0]?.n ?? 0,
        following: mine.length > 0,
        may: {
          edit: can(actor, 'project.edit', town.id),
          postUpdate: can(actor, 'project.postUpdate', town.id),
          follow: can(actor, 'project.follow', town.id),
        },
      };
    },

    /** Processes, working groups and ideas of the town for the project form (team only). */
    async formOptions(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      authorize(actor, 'project.edit', town.id);
      const [processRows, groupRows, goalRows] = await Promise.all([
        db.select({ id: processes.id, title: processes.title }).from(processes).where(eq(processes.townId, town.id)).orderBy(asc(processes.title)),
        db.select({ id: workingGroups.id, name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.townId, town.id)).orderBy(asc(workingGroups.name)),
        db
          .select({ id: visionGoals.id, title: visionGoals.title, field: visionGoals.field, processId: visionGoals.processId })
          .from(visionGoals)
          .where(eq(visionGoals.townId, town.id))
          .orderBy(asc(visionGoals.position), asc(visionGoals.createdAt)),
      ]);
      // The goals of each process's Zukunftsbild, grouped by field of action in the order of the eight fields.
      const goals = processRows
        .map((p) => ({
          processId: p.id,
          processTitle: p.title,
          fields: fieldsOfAction
            .map((field) => ({ field, goals: goalRows.filter((g) => g.processId === p.id && g.field === field).map((g) => ({ id: g.id, title: g.title })) }))
            .filter((f) => f.goals.length > 0),
        }))
        .filter((p) => p.fields.length > 0);
      const area = await townMaps.area(town.id);
      return { town, processes: processRows, workingGroups: groupRows, goals, map: area?.outline ?? null };
    },

    /** The idea a new project is taken over from ("Als Projekt übernehmen"), for prefilling the form. */
    async ideaForAdoption(actor: Actor | null, townSlug: string, ideaId: string) {
      const town = await requireTown(townSlug);
      authorize(actor, 'project.edit', town.id);
      if (!isUuid(ideaId)) throw new ProjectNotFoundError(`idea ${ideaId}`);
      const [idea] = await db.select().from(ideas).where(and(eq(ideas.id, ideaId), eq(ideas.townId, town.id)));
      if (!idea) throw new ProjectNotFoundError(`idea ${ideaId}`);
      return { id: idea.id, title: idea.title, body: idea.body, field: idea.field, processId: idea.processId };
    },

    /**
     * Creates a project (town admins and moderators). With `ideaId` the project is taken over from that idea: in the
     * same transaction the idea is linked and its status becomes "wird Projekt".
     */
    async create(actor: Actor | null, townSlug: string, input: Record<string, unknown>): Promise<Project> {
      const town = await requireTown(townSlug);
      authorize(actor, 'project.edit', town.id);
      const data = await parseChecked(projectSchema, toProjectInput(input), projectChecks(town.id));
      const ideaId = typeof input.ideaId === 'string' && input.ideaId ? input.ideaId : null;
      if (ideaId && !isUuid(ideaId)) throw new ValidationError({ ideaId: 'error_invalid_choice' });
      return db.transaction(async (tx) => {
        const responsibleUserId = await resolveReferences(tx, town.id, data);
        const slug = await uniqueSlug(tx, town.id, data.slug, data.title);
        const [project] = await tx
          .insert(projects)
          .values({ townId: town.id, slug, ...projectValues(data, responsibleUserId) })
          .returning();
        await setGoals(tx, project!.id, data.goals);
        await audit(tx, actor, town.id, 'project.created', { projectId: project!.id, ideaId, goalIds: data.goals });
        if (ideaId) await adoptIdeas(tx, actor, town, project!, [ideaId], 'ideaId');
        return project!;
      });
    },

    async edit(actor: Actor | null, townSlug: string, projectSlug: string, input: Record<string, unknown>): Promise<Project> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.edit', town.id);
      const data = await parseChecked(projectSchema, toProjectInput(input), projectChecks(town.id));
      return db.transaction(async (tx) => {
        const responsibleUserId = await resolveReferences(tx, town.id, data);
        const slug = data.slug && data.slug !== project.slug ? await uniqueSlug(tx, town.id, data.slug, data.title) : project.slug;
        const [updated] = await tx
          .update(projects)
          .set({ slug, ...projectValues(data, responsibleUserId), updatedAt: new Date() })
          .where(eq(projects.id, project.id))
          .returning();
        await setGoals(tx, project.id, data.goals);
        await audit(tx, actor, town.id, 'project.edited', { projectId: project.id, goalIds: data.goals });
        return updated!;
      });
    },

    /** Links another idea of the town to the project ("wird Projekt"). */
    async linkIdea(actor: Actor | null, townSlug: string, projectSlug: string, input: unknown): Promise<void> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.edit', town.id);
      const { ideaId } = parseOrThrow(linkIdeaSchema, input);
      await db.transaction((tx) => adoptIdeas(tx, actor, town, project, [ideaId], 'ideaId'));
    },

    async unlinkIdea(actor: Actor | null, townSlug: string, projectSlug: string, ideaId: string): Promise<void> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.edit', town.id);
      if (!isUuid(ideaId)) throw new ValidationError({ ideaId: 'error_invalid_choice' });
      await db.transaction(async (tx) => {
        await tx.delete(projectIdeas).where(and(eq(projectIdeas.projectId, project.id), eq(projectIdeas.ideaId, ideaId)));
        await audit(tx, actor, town.id, 'project.idea_unlinked', { projectId: project.id, ideaId });
      });
    },

    /**
     * The public project map of a town: its outline (BKG VG5000 as SVG, no tiles) with the visible projects that have
     * a place as points, and the text list of the same projects; drafts only for the town's team. `map` is null when
     * the town has no outline (no AGS or no boundary file); the list is there regardless.
     */
    async map(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      const drafts = can(actor, 'project.viewDrafts', town.id);
      const [area, rows, counted] = await Promise.all([
        townMaps.area(town.id),
        db
          .select({ slug: projects.slug, title: projects.title, type: projects.type, status: projects.status, fields: projects.fields, published: projects.published, latitude: projects.latitude, longitude: projects.longitude })
          .from(projects)
          .where(and(eq(projects.townId, town.id), drafts ? undefined : eq(projects.published, true), sql`${projects.latitude} is not null and ${projects.longitude} is not null`))
          .orderBy(sql`case ${projects.type} when 'leitprojekt' then 0 when 'starterprojekt' then 1 else 2 end`, asc(projects.title)),
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(projects)
          .where(and(eq(projects.townId, town.id), drafts ? undefined : eq(projects.published, true), sql`(${projects.latitude} is null or ${projects.longitude} is null)`)),
      ]);
      const n = counted[0]?.n ?? 0;
      const outline = area?.outline ?? null;
      return {
        town,
        map: outline,
        projects: rows.map(({ latitude, longitude, ...p }) => ({ ...p, latitude: latitude!, longitude: longitude!, point: outline ? projectPoint(outline.projection, longitude!, latitude!) : null })),
        withoutPlace: n,
      };
    },

    /** Ideas of the town that could still be linked to the project (team only). */
    async linkableIdeas(actor: Actor | null, townSlug: string, projectSlug: string) {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.edit', town.id);
      return db
        .select({ id: ideas.id, title: ideas.title })
        .from(ideas)
        .where(and(eq(ideas.townId, town.id), sql`${ideas.hiddenReason} is null`, sql`not exists (select 1 from ${projectIdeas} pi where pi.idea_id = ideas.id and pi.project_id = ${project.id})`))
        .orderBy(desc(ideas.supportCount), asc(ideas.title))
        .limit(300);
    },

    async addMilestone(actor: Actor | null, townSlug: string, projectSlug: string, input: unknown): Promise<void> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.edit', town.id);
      const data = parseOrThrow(milestoneSchema, input);
      await db.transaction(async (tx) => {
        const [row] = await tx.insert(projectMilestones).values({ projectId: project.id, ...data }).returning();
        await audit(tx, actor, town.id, 'project.milestone_added', { projectId: project.id, milestoneId: row!.id });
      });
    },

    /** Marks a milestone done or open again, or removes it. */
    async changeMilestone(actor: Actor | null, townSlug: string, projectSlug: string, milestoneId: string, change: 'done' | 'open' | 'remove'): Promise<void> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.edit', town.id);
      if (!isUuid(milestoneId)) throw new ProjectNotFoundError(`milestone ${milestoneId}`);
      await db.transaction(async (tx) => {
        const where = and(eq(projectMilestones.id, milestoneId), eq(projectMilestones.projectId, project.id));
        const rows = change === 'remove' ? await tx.delete(projectMilestones).where(where).returning() : await tx.update(projectMilestones).set({ done: change === 'done' }).where(where).returning();
        if (!rows.length) throw new ProjectNotFoundError(`milestone ${milestoneId}`);
        await audit(tx, actor, town.id, `project.milestone_${change}`, { projectId: project.id, milestoneId });
      });
    },

    /**
     * Posts a progress update, optionally with a photo (re-encoded by the photo pipeline, alt text required) and a new
     * project status. Followers get a mail, in the same transaction.
     */
    async postUpdate(actor: Actor | null, townSlug: string, projectSlug: string, input: Record<string, string>, file?: File): Promise<string> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.postUpdate', town.id);
      const { data, image: processed } = await readImageUpload(updateSchema, input, file, { optional: true });
      return db.transaction(async (tx) => {
        const [update] = await tx.insert(projectUpdates).values({ projectId: project.id, title: data.title, body: data.body, authorId: actor!.userId }).returning();
        if (processed) await tx.insert(projectPhotos).values({ townId: town.id, updateId: update!.id, ...processed });
        if (data.status && data.status !== project.status) await tx.update(projects).set({ status: data.status, updatedAt: new Date() }).where(eq(projects.id, project.id));
        await audit(tx, actor, town.id, 'project.update_posted', { projectId: project.id, updateId: update!.id, status: data.status });
        // Followers hear about published projects only; a draft's followers are the team.
        // Each goes through the follower's notification settings (kind "project_update": now, digest, or off), with
        // a signed one-click link that ends following this project only.
        const followers = await tx
          .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin, nonce: projectFollowers.nonce })
          .from(projectFollowers)
          .innerJoin(users, eq(users.id, projectFollowers.userId))
          .where(eq(projectFollowers.projectId, project.id));
        for (const follower of followers) {
          if (follower.id === actor!.userId) continue;
          if (!project.published && !can({ userId: follower.id, isPlatformAdmin: follower.isPlatformAdmin, townRoles: await rolesOf(tx, follower.id) }, 'project.viewDrafts', town.id)) continue;
          const token = await notifications.signToken(UNFOLLOW, [follower.id, project.id, follower.nonce], tx);
          await notifications.notify(follower.id, 'project_update', ({ locale }) => projectUpdateMessage(locale, town, project, update!, origin, unfollowLink(origin, locale, token)), tx);
        }
        return update!.id;
      });
    },

    async removeUpdate(actor: Actor | null, townSlug: string, projectSlug: string, updateId: string): Promise<void> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
      authorize(actor, 'project.postUpdate', town.id);
      if (!isUuid(updateId)) throw new ProjectNotFoundError(`update ${updateId}`);
      await db.transaction(async (tx) => {
        const rows = await tx.delete(projectUpdates).where(and(eq(projectUpdates.id, updateId), eq(projectUpdates.projectId, project.id))).returning();
        if (!rows.length) throw new ProjectNotFoundError(`update ${updateId}`);
        await audit(tx, actor, town.id, 'project.update_removed', { projectId: project.id, updateId });
      });
    },

    /** Follows a project (any logged-in person who can see it); idempotent. */
    async follow(actor: Actor | null, townSlug: string, projectSlug: string, follow = true): Promise<void> {
      const town = await requireTown(townSlug);
      const project = await requireProject(actor, town, projectSlug);
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
        await tx.insert(auditLog).values({ actorId: found.userId, townId: found.townId, action: 'project.unfollowed_by_link', details: { projectId: found.projectId } });
        return { project: found.projectTitle, projectSlug: found.projectSlug, townSlug: found.townSlug };
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
        .orderBy(sql`case ${projects.type} when 'leitprojekt' then 0 when 'starterprojekt' then 1 else 2 end`, asc(projects.title));
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

    /** Published projects of a town for its public page: lead projects first, then the newest. */
    async forTownPage(actor: Actor | null, townId: string, limit = 6) {
      const drafts = can(actor, 'project.viewDrafts', townId);
      const rows = await db
        .select({ slug: projects.slug, title: projects.title, type: projects.type, status: projects.status, responsibleName: projects.responsibleName, published: projects.published })
        .from(projects)
        .where(and(eq(projects.townId, townId), drafts ? undefined : eq(projects.published, true)))
        .orderBy(sql`case ${projects.type} when 'leitprojekt' then 0 when 'starterprojekt' then 1 else 2 end`, desc(projects.updatedAt))
        .limit(limit);
      const [{ n }] = (await db
        .select({ n: sql<number>`count(*)::int` })
        .from(projects)
        .where(and(eq(projects.townId, townId), drafts ? undefined : eq(projects.published, true)))) as [{ n: number }];
      return { projects: rows, total: n };
    },

    /**
     * "Was wurde aus unseren Ideen?": the town's public ideas that were taken up, traced to the projects they became
     * and those projects' latest updates; and ideas that were decided without a project (done, or not feasible with
     * the reason). Drafts and non-public ideas appear only for the town's team.
     */
    async outcomes(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
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
      const goals = await goalsOf(ids, can(actor, 'vision.viewDraft', town.id));
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

  /** The follow a signed unfollow token names, if it still exists. */
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

  async function rolesOf(tx: Db | Tx, userId: string) {
    const rows = await tx.select({ townId: memberships.townId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
    return new Map(rows.map((r) => [r.townId, r.role]));
  }
}

export type ProjectService = ReturnType<typeof createProjectService>;
export type { FieldOfAction, ProjectStatus, ProjectType };
