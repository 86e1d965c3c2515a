import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../server/permissions.ts';
import { fieldCheck, parseChecked, ValidationError, type FieldErrors } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { memberships } from '../../towns/server/schema.ts';
import { projectPoint, type TownMapService } from '../../atlas/server/town-map.ts';
import { fieldsOfAction, ideas, processes } from '../../processes/server/schema.ts';
import { slugify } from '../../towns/server/validation.ts';
import { visionGoals } from '../../vision/server/schema.ts';
import { audit, byProjectType, isUuid, kuemmerer, type Project, type ProjectAccess } from './access.ts';
import { goalsOf, setGoals } from './goals.ts';
import { adoptIdeas, ideaIsPublic, type IdeaAdoptionDeps } from './ideas.ts';
import { projectFollowers, projectIdeas, projectMilestones, projectPhotos, projects, projectStatuses, projectTypes, projectUpdates, workingGroups } from './schema.ts';
import { projectReferenceFields, projectSchema, toProjectInput, type ProjectInput, type ProjectReferences } from './validation.ts';

/**
 * Projects themselves: the list with filters, the project page, the map, the town page's projects, and creating and
 * editing a project with its references (Kümmerer account, working group, process, goals, place).
 */

export interface ProjectFilters {
  type?: string | null;
  status?: string | null;
  field?: string | null;
}

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | null {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null;
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

/** Looks up the references of the form (Kümmerer account, working group, process, goals) inside the town. */
async function checkReferences(tx: Db | Tx, townId: string, data: ProjectReferences): Promise<{ errors: FieldErrors; responsibleUserId: string | null }> {
  const errors: FieldErrors = {};
  let responsibleUserId: string | null = null;
  if (data.responsibleEmail) {
    // Only people of this town space can be named: the answer then tells the town's team nothing it cannot see on
    // its members page (a platform-wide lookup would reveal who has an account anywhere).
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.townId, townId)))
      .where(eq(users.email, data.responsibleEmail));
    if (user) responsibleUserId = user.id;
    else errors.responsibleEmail = 'error_not_town_member';
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

export function createProjectCoreService(deps: IdeaAdoptionDeps & { db: Db; townMaps: TownMapService; access: ProjectAccess }) {
  const { db, townMaps, access } = deps;
  const { requireTown } = access;

  /**
   * The checks of the project form beyond its schema, run before the transaction (the town's area is read with the
   * app's connection, which a PGlite transaction holds) and whenever their own fields are valid: the point must lie in
   * the town's area (see town-map.ts), the references must exist in the town.
   */
  const projectChecks = (townId: string) => [townMaps.pointCheck(townId), fieldCheck(projectReferenceFields, async (refs) => (await checkReferences(db, townId, refs)).errors)];

  return {
    requireTown,

    /** Names of projects, milestones and working groups by id (for the audit log in words). */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const list = [...ids];
      const rows = await Promise.all([
        db.select({ id: projects.id, name: projects.title }).from(projects).where(inArray(projects.id, list)),
        db.select({ id: projectMilestones.id, name: projectMilestones.title }).from(projectMilestones).where(inArray(projectMilestones.id, list)),
        db.select({ id: workingGroups.id, name: workingGroups.name }).from(workingGroups).where(inArray(workingGroups.id, list)),
      ]);
      return new Map(rows.flat().map((r) => [r.id, r.name]));
    },

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
        .orderBy(byProjectType, asc(projects.title));
      return { town, projects: rows, filters: { type, status, field }, mayEdit: can(actor, 'project.edit', town.id) };
    },

    /**
     * Published projects of some towns with their milestones, for the open data and the participation API (no
     * names of people: the Kümmerer is a role, not a datum to publish).
     */
    async publicProjects(townIds: readonly string[], filter: { field?: string; offset: number; limit: number }) {
      if (townIds.length === 0) return { total: 0, rows: [] };
      const where = and(inArray(projects.townId, [...townIds]), eq(projects.published, true), filter.field ? sql`${projects.fields} @> ${JSON.stringify([filter.field])}::jsonb` : undefined);
      const [[counted], rows] = await Promise.all([
        db.select({ n: sql<number>`count(*)::int` }).from(projects).where(where),
        db
          .select({ id: projects.id, townId: projects.townId, slug: projects.slug, title: projects.title, summary: projects.summary, type: projects.type, status: projects.status, fields: projects.fields, startsOn: projects.startsOn, endsOn: projects.endsOn, updatedAt: projects.updatedAt })
          .from(projects)
          .where(where)
          .orderBy(asc(projects.title), asc(projects.id))
          .limit(filter.limit)
          .offset(filter.offset),
      ]);
      const milestones = rows.length
        ? await db
            .select({ projectId: projectMilestones.projectId, title: projectMilestones.title, dueOn: projectMilestones.dueOn, done: projectMilestones.done })
            .from(projectMilestones)
            .where(inArray(projectMilestones.projectId, rows.map((r) => r.id)))
            .orderBy(sql`${projectMilestones.dueOn} asc nulls last`, asc(projectMilestones.createdAt))
        : [];
      return { total: counted?.n ?? 0, rows: rows.map((r) => ({ ...r, milestones: milestones.filter((m) => m.projectId === r.id).map(({ projectId: _, ...m }) => m) })) };
    },

    /** One project with milestones, the ideas it came from, its updates with photos, and whether the actor follows it. */
    async get(actor: Actor | null, townSlug: string, projectSlug: string) {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
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
      const goals = await goalsOf(db, [project.id], can(actor, 'vision.viewDraft', town.id));
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
          postUpdate: can(actor, 'project.postUpdate', town.id, kuemmerer(actor, project)),
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
        if (ideaId) await adoptIdeas(deps, tx, actor, town, project!, [ideaId], 'ideaId');
        return project!;
      });
    },

    async edit(actor: Actor | null, townSlug: string, projectSlug: string, input: Record<string, unknown>): Promise<Project> {
      const { town, project } = await access.requireTownProject(actor, townSlug, projectSlug);
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
          .orderBy(byProjectType, asc(projects.title)),
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

    /** Published projects of a town for its public page: lead projects first, then the newest. */
    async forTownPage(actor: Actor | null, townId: string, limit = 6) {
      const drafts = can(actor, 'project.viewDrafts', townId);
      const rows = await db
        .select({ slug: projects.slug, title: projects.title, type: projects.type, status: projects.status, responsibleName: projects.responsibleName, published: projects.published })
        .from(projects)
        .where(and(eq(projects.townId, townId), drafts ? undefined : eq(projects.published, true)))
        .orderBy(byProjectType, desc(projects.updatedAt))
        .limit(limit);
      const [{ n }] = (await db
        .select({ n: sql<number>`count(*)::int` })
        .from(projects)
        .where(and(eq(projects.townId, townId), drafts ? undefined : eq(projects.published, true)))) as [{ n: number }];
      return { projects: rows, total: n };
    },
  };
}
