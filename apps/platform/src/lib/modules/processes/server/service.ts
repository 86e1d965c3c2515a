import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, type Actor, type ComponentAction, type ComponentScope } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { auditLog } from '../../audit/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import { slugify } from '../../towns/server/validation.ts';
import { blueprint as findBlueprint, type Blueprint } from './blueprints.ts';
import { actionKeys, componentType, grantKindsFor, parseSettings } from './components/index.ts';
import { ProcessNotFoundError } from './errors.ts';
import { componentPermissions, components, dataModes, ideas, meetings, phases, processes, type DataMode } from './schema.ts';
import { createProcessSchema, currentPhaseSchema, editProcessSchema, phaseSchema } from './validation.ts';
import { parseSettingsForm } from '../../../server/settings-form.ts';
import { recordAudit } from '../../audit/server/record.ts';

export type Process = typeof processes.$inferSelect;
export type Phase = typeof phases.$inferSelect;
export type Component = typeof components.$inferSelect;
type Town = typeof towns.$inferSelect;

/** A loaded process with everything `can` needs for its component actions. */
export interface ProcessContext {
  town: Pick<Town, 'id' | 'slug' | 'name'>;
  process: Process;
  phases: Phase[];
  components: Component[];
  currentPhase: Phase | null;
  /** Matrix rows of the current phase: `<componentId>|<type>:<action>` → grants and data mode. */
  rules: Map<string, { grants: string[]; dataMode: DataMode }>;
}

/** How the actor relates to the one contribution a component action is about (loaded by the calling service). */
export interface ContributionRelation {
  owner?: boolean;
}

/** Creates the process, its phases, components and default permission rows from a blueprint (in `tx`). */
export async function instantiateBlueprint(
  tx: Db | Tx,
  townId: string,
  bp: Blueprint,
  input: { title: string; slug: string; summary?: string; startsOn?: string | null; actorId?: string | null; currentPhaseIndex?: number },
): Promise<{ process: Process; phases: Phase[]; components: Component[] }> {
  const [process] = await tx.insert(processes).values({ townId, slug: input.slug, title: input.title, summary: input.summary ?? bp.summary.de, blueprint: bp.key }).returning();
  const createdPhases = await tx
    .insert(phases)
    .values(bp.phases.map((p, i) => ({ processId: process!.id, position: i, name: p.name, description: p.description, startsOn: i === 0 ? (input.startsOn ?? null) : null })))
    .returning();
  createdPhases.sort((a, b) => a.position - b.position);
  const createdComponents = await tx
    .insert(components)
    .values(bp.components.map((c, i) => ({ processId: process!.id, type: c.type, title: c.title, position: i, settings: parseSettings(c.type, c.settings) })))
    .returning();
  createdComponents.sort((a, b) => a.position - b.position);
  const rows: (typeof componentPermissions.$inferInsert)[] = [];
  createdComponents.forEach((component, index) => {
    const manifest = componentType(component.type)!;
    for (const [action, spec] of Object.entries(manifest.actions)) {
      bp.phases.forEach((phase, p) => {
        const override = phase.grants?.[`${index}:${action}`];
        rows.push({ componentId: component.id, phaseId: createdPhases[p]!.id, action, grants: [...(override ?? spec.defaultGrants)], dataMode: spec.dataModes[0] ?? 'named' });
      });
    }
  });
  if (rows.length) await tx.insert(componentPermissions).values(rows);
  const current = createdPhases[Math.min(input.currentPhaseIndex ?? 0, createdPhases.length - 1)];
  const [updated] = await tx.update(processes).set({ currentPhaseId: current?.id ?? null }).where(eq(processes.id, process!.id)).returning();
  if (input.actorId !== undefined) {
    await recordAudit(tx, { actorId: input.actorId, townId, action: 'process.created', details: { processId: process!.id, blueprint: bp.key } });
  }
  return { process: updated!, phases: createdPhases, components: createdComponents };
}

export function createProcessService(deps: { db: Db; towns: TownDirectory }) {
  const { db, towns: townDirectory } = deps;

  const requireTown = (slug: string) => townDirectory.ref(slug);

  /** Loads a process of a town with phases, components and the current phase's rules; hides drafts from visitors. */
  async function load(actor: Actor | null, townSlug: string, processSlug: string): Promise<ProcessContext> {
    const town = await requireTown(townSlug);
    const [process] = await db.select().from(processes).where(and(eq(processes.townId, town.id), eq(processes.slug, processSlug)));
    if (!process) throw new ProcessNotFoundError(`process ${processSlug}`);
    if (!process.published && !can(actor, 'process.viewUnpublished', town.id)) throw new ProcessNotFoundError(`process ${processSlug}`);
    const [phaseRows, componentRows] = await Promise.all([
      db.select().from(phases).where(eq(phases.processId, process.id)).orderBy(asc(phases.position)),
      db.select().from(components).where(eq(components.processId, process.id)).orderBy(asc(components.position)),
    ]);
    const currentPhase = phaseRows.find((p) => p.id === process.currentPhaseId) ?? null;
    const rules = new Map<string, { grants: string[]; dataMode: DataMode }>();
    if (currentPhase && componentRows.length) {
      const rows = await db
        .select()
        .from(componentPermissions)
        .where(and(eq(componentPermissions.phaseId, currentPhase.id), inArray(componentPermissions.componentId, componentRows.map((c) => c.id))));
      for (const row of rows) {
        const component = componentRows.find((c) => c.id === row.componentId)!;
        // Rows stored before an action's audience was narrowed may hold grants it no longer allows: never honour them.
        const spec = componentType(component.type)?.actions[row.action];
        const allowed: string[] = spec ? grantKindsFor(spec) : [];
        rules.set(`${row.componentId}|${component.type}:${row.action}`, { grants: row.grants.filter((g) => allowed.includes(g)), dataMode: row.dataMode });
      }
    }
    return { town, process, phases: phaseRows, components: componentRows, currentPhase, rules };
  }

  function scopeOf(ctx: ProcessContext, component: Component, action: ComponentAction, viaLink: boolean, relation: ContributionRelation): ComponentScope {
    return { rule: ctx.rules.get(`${component.id}|${action}`), viaLink, owner: relation.owner === true };
  }

  function audit(tx: Db | Tx, actor: Actor | null, townId: string, action: string, details: Record<string, unknown>) {
    return recordAudit(tx, { actorId: actor?.userId ?? null, townId, action, details });
  }

  return {
    load,

    /** Names of processes, components, phases, ideas and meetings by id (for the audit log in words). */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const list = [...ids];
      const rows = await Promise.all([
        db.select({ id: processes.id, name: processes.title }).from(processes).where(inArray(processes.id, list)),
        db.select({ id: components.id, name: components.title }).from(components).where(inArray(components.id, list)),
        db.select({ id: phases.id, name: phases.name }).from(phases).where(inArray(phases.id, list)),
        db.select({ id: ideas.id, name: ideas.title }).from(ideas).where(inArray(ideas.id, list)),
        db.select({ id: meetings.id, name: meetings.title }).from(meetings).where(inArray(meetings.id, list)),
      ]);
      return new Map(rows.flat().map((r) => [r.id, r.name]));
    },

    /**
     * The `can` answer for a component action in the process's current phase. `relation.owner`: the actor submitted
     * the contribution the action is about (for actions the matrix may grant to `owner`).
     */
    can(actor: Actor | null, ctx: ProcessContext, component: Component, action: ComponentAction, viaLink = false, relation: ContributionRelation = {}): boolean {
      return can(actor, action, ctx.town.id, scopeOf(ctx, component, action, viaLink, relation));
    },

    /** Throws ForbiddenError unless the current phase's matrix row grants the action. */
    authorize(actor: Actor | null, ctx: ProcessContext, component: Component, action: ComponentAction, viaLink = false, relation: ContributionRelation = {}): void {
      authorize(actor, action, ctx.town.id, scopeOf(ctx, component, action, viaLink, relation));
    },

    /** The data-collection mode of an action in the current phase. */
    dataMode(ctx: ProcessContext, component: Component, action: ComponentAction): DataMode {
      return ctx.rules.get(`${component.id}|${action}`)?.dataMode ?? 'named';
    },

    component(ctx: ProcessContext, componentId: string): Component {
      const component = ctx.components.find((c) => c.id === componentId);
      if (!component) throw new ProcessNotFoundError(`component ${componentId}`);
      return component;
    },

    /** Processes of a town: published ones for everybody, drafts too for its team. */
    async listForTown(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      const rows = await db.select().from(processes).where(eq(processes.townId, town.id)).orderBy(desc(processes.createdAt));
      const visible = can(actor, 'process.viewUnpublished', town.id) ? rows : rows.filter((p) => p.published);
      const currentIds = visible.map((p) => p.currentPhaseId).filter((id): id is string => Boolean(id));
      const current = currentIds.length ? await db.select().from(phases).where(inArray(phases.id, currentIds)) : [];
      return { town, processes: visible.map((p) => ({ ...p, currentPhase: current.find((ph) => ph.id === p.currentPhaseId) ?? null })) };
    },

    /** Creates a process from a blueprint (town admins). */
    async create(actor: Actor | null, townSlug: string, input: unknown): Promise<Process> {
      const town = await requireTown(townSlug);
      authorize(actor, 'process.create', town.id);
      const data = parseOrThrow(createProcessSchema, input);
      const slug = data.slug ?? (slugify(data.title) || 'prozess');
      const bp = findBlueprint(data.blueprint)!;
      return db.transaction(async (tx) => {
        const [clash] = await tx.select({ id: processes.id }).from(processes).where(and(eq(processes.townId, town.id), eq(processes.slug, slug)));
        if (clash) throw new ValidationError({ slug: 'error_slug_taken' });
        const { process } = await instantiateBlueprint(tx, town.id, bp, { title: data.title, slug, startsOn: data.startsOn, actorId: actor!.userId });
        return process;
      });
    },

    /** Edits title, summary and visibility (town admins and moderators). */
    async edit(actor: Actor | null, townSlug: string, processSlug: string, input: unknown): Promise<Process> {
      const ctx = await load(actor, townSlug, processSlug);
      authorize(actor, 'process.edit', ctx.town.id);
      const data = parseOrThrow(editProcessSchema, input);
      return db.transaction(async (tx) => {
        const [updated] = await tx.update(processes).set({ ...data, updatedAt: new Date() }).where(eq(processes.id, ctx.process.id)).returning();
        await audit(tx, actor, ctx.town.id, 'process.edited', { processId: ctx.process.id });
        return updated!;
      });
    },

    /** Moves the process to another phase; from then on that phase's permissions apply. */
    async setCurrentPhase(actor: Actor | null, townSlug: string, processSlug: string, input: unknown): Promise<void> {
      const ctx = await load(actor, townSlug, processSlug);
      authorize(actor, 'process.edit', ctx.town.id);
      const { phaseId } = parseOrThrow(currentPhaseSchema, input);
      if (!ctx.phases.some((p) => p.id === phaseId)) throw new ValidationError({ phaseId: 'error_invalid' });
      await db.transaction(async (tx) => {
        await tx.update(processes).set({ currentPhaseId: phaseId, updatedAt: new Date() }).where(eq(processes.id, ctx.process.id));
        await audit(tx, actor, ctx.town.id, 'process.phase_changed', { processId: ctx.process.id, phaseId });
      });
    },

    /** Edits a phase's name, description and dates. */
    async editPhase(actor: Actor | null, townSlug: string, processSlug: string, phaseId: string, input: unknown): Promise<void> {
      const ctx = await load(actor, townSlug, processSlug);
      authorize(actor, 'process.edit', ctx.town.id);
      const phase = ctx.phases.find((p) => p.id === phaseId);
      if (!phase) throw new ProcessNotFoundError(`phase ${phaseId}`);
      const data = parseOrThrow(phaseSchema, input);
      await db.transaction(async (tx) => {
        await tx.update(phases).set(data).where(eq(phases.id, phase.id));
        await audit(tx, actor, ctx.town.id, 'process.phase_edited', { processId: ctx.process.id, phaseId });
      });
    },

    /**
     * A component's settings for the generated settings form: the global values and each phase's, parsed with the
     * type's schemas (defaults filled in). Town admins and moderators (`process.edit`).
     */
    async componentSettings(actor: Actor | null, townSlug: string, processSlug: string, componentId: string) {
      const ctx = await load(actor, townSlug, processSlug);
      authorize(actor, 'process.edit', ctx.town.id);
      const component = ctx.components.find((c) => c.id === componentId);
      const definition = component && componentType(component.type);
      if (!component || !definition) throw new ProcessNotFoundError(`component ${componentId}`);
      return {
        ctx,
        component,
        definition,
        settings: definition.settings.parse(component.settings ?? {}) as Record<string, unknown>,
        phases: ctx.phases.map((phase) => ({ phase, settings: definition.phaseSettings.parse(component.phaseSettings[phase.id] ?? {}) as Record<string, unknown> })),
      };
    },

    /**
     * Saves the settings form: global fields `g.<name>`, per-phase fields `p.<phaseId>.<name>`. Every invalid field
     * is named at once and nothing is stored then.
     */
    async saveComponentSettings(actor: Actor | null, townSlug: string, processSlug: string, componentId: string, form: Record<string, string>): Promise<void> {
      const { ctx, component, definition } = await this.componentSettings(actor, townSlug, processSlug, componentId);
      const errors: Record<string, string> = {};
      const attempt = <T>(run: () => T): T | undefined => {
        try {
          return run();
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          Object.assign(errors, e.fields);
          return undefined;
        }
      };
      const settings = attempt(() => parseSettingsForm(definition.settings, form, 'g.'));
      const phaseSettings: Record<string, unknown> = {};
      for (const phase of ctx.phases) phaseSettings[phase.id] = attempt(() => parseSettingsForm(definition.phaseSettings, form, `p.${phase.id}.`));
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await db.transaction(async (tx) => {
        await tx.update(components).set({ settings, phaseSettings }).where(eq(components.id, component.id));
        await audit(tx, actor, ctx.town.id, 'process.component_settings_changed', { processId: ctx.process.id, componentId: component.id });
      });
    },

    /** The whole permission matrix of a process for the editor: component × action × phase. */
    async matrix(actor: Actor | null, townSlug: string, processSlug: string) {
      const ctx = await load(actor, townSlug, processSlug);
      authorize(actor, 'process.editPermissions', ctx.town.id);
      const rows = ctx.components.length
        ? await db.select().from(componentPermissions).where(inArray(componentPermissions.componentId, ctx.components.map((c) => c.id)))
        : [];
      const cells = new Map(rows.map((r) => [`${r.componentId}|${r.phaseId}|${r.action}`, r]));
      return {
        ctx,
        components: ctx.components.map((component) => {
          const manifest = componentType(component.type);
          return {
            component,
            manifest,
            actions: manifest
              ? Object.entries(manifest.actions).map(([action, spec]) => ({
                  action,
                  spec,
                  grantKinds: grantKindsFor(spec),
                  phases: ctx.phases.map((phase) => {
                    const row = cells.get(`${component.id}|${phase.id}|${action}`);
                    return { phaseId: phase.id, grants: row?.grants ?? [], dataMode: row?.dataMode ?? spec.dataModes[0] ?? 'named' };
                  }),
                }))
              : [],
          };
        }),
      };
    },

    /**
     * Replaces the permission matrix from the editor's form. Fields: `g|<componentId>|<phaseId>|<action>|<grant>`
     * (checkbox) and `m|<componentId>|<phaseId>|<action>` (data mode). Unknown components, phases, actions, grants
     * or modes are a validation error and nothing changes.
     */
    async setMatrix(actor: Actor | null, townSlug: string, processSlug: string, form: Record<string, string>): Promise<void> {
      const ctx = await load(actor, townSlug, processSlug);
      authorize(actor, 'process.editPermissions', ctx.town.id);
      const phaseIds = new Set(ctx.phases.map((p) => p.id));
      const byId = new Map(ctx.components.map((c) => [c.id, c]));
      const cells = new Map<string, { componentId: string; phaseId: string; action: string; grants: string[]; dataMode: DataMode }>();
      const cell = (componentId: string, phaseId: string, action: string) => {
        const component = byId.get(componentId);
        const spec = component && componentType(component.type)?.actions[action];
        if (!spec || !phaseIds.has(phaseId)) throw new ValidationError({ _form: 'error_invalid' });
        const key = `${componentId}|${phaseId}|${action}`;
        let c = cells.get(key);
        if (!c) cells.set(key, (c = { componentId, phaseId, action, grants: [], dataMode: spec.dataModes[0] ?? 'named' }));
        return { c, spec };
      };
      // Every cell of the matrix is rewritten, so an unchecked box means "not granted".
      for (const component of ctx.components) {
        const manifest = componentType(component.type);
        if (!manifest) continue;
        for (const action of Object.keys(manifest.actions)) for (const phase of ctx.phases) cell(component.id, phase.id, action);
      }
      for (const [key, value] of Object.entries(form)) {
        const parts = key.split('|');
        if (parts[0] === 'g' && parts.length === 5) {
          const { c, spec } = cell(parts[1]!, parts[2]!, parts[3]!);
          if (!(grantKindsFor(spec) as string[]).includes(parts[4]!)) throw new ValidationError({ _form: 'error_invalid' });
          if (value) c.grants.push(parts[4]!);
        } else if (parts[0] === 'm' && parts.length === 4) {
          const { c, spec } = cell(parts[1]!, parts[2]!, parts[3]!);
          if (!(dataModes as readonly string[]).includes(value) || !spec.dataModes.includes(value as DataMode)) throw new ValidationError({ _form: 'error_data_mode' });
          c.dataMode = value as DataMode;
        }
      }
      await db.transaction(async (tx) => {
        await tx.delete(componentPermissions).where(inArray(componentPermissions.componentId, [...byId.keys()]));
        if (cells.size) await tx.insert(componentPermissions).values([...cells.values()]);
        await audit(tx, actor, ctx.town.id, 'process.permissions_changed', { processId: ctx.process.id });
      });
    },

    /** All `<type>:<action>` keys of a component (for tests and the editor). */
    actionsOf(component: Component) {
      const manifest = componentType(component.type);
      return manifest ? actionKeys(manifest) : [];
    },

    /** The town's audit log (town admins). */
    async auditLog(actor: Actor | null, townSlug: string, limit = 200) {
      const town = await requireTown(townSlug);
      authorize(actor, 'process.viewAudit', town.id);
      return db.select().from(auditLog).where(eq(auditLog.townId, town.id)).orderBy(desc(auditLog.at)).limit(limit);
    },
  };
}

export type ProcessService = ReturnType<typeof createProcessService>;
