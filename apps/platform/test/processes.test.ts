import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { can, ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { seedDemoProcesses } from '../src/lib/modules/processes/server/demo-seed.ts';
import { blueprintKeys, blueprints } from '../src/lib/modules/processes/server/blueprints.ts';
import { componentType, componentTypes } from '../src/lib/modules/processes/server/components/index.ts';
import { auditLog } from '../src/lib/modules/audit/server/schema.ts';
import { eq } from 'drizzle-orm';

describe('component registry and blueprints', () => {
  it('declares every component type with typed settings and actions', () => {
    expect(componentTypes().map((t) => t.type)).toEqual(expect.arrayContaining(['info', 'meetings', 'ideas']));
    for (const t of componentTypes()) {
      for (const spec of Object.values(t.actions)) expect(spec.dataModes.length).toBeGreaterThan(0);
      expect(() => t.settings.parse({})).not.toThrow();
    }
  });

  it('has the eight stable blueprint keys, each with a German guide and only registered component types', () => {
    expect(blueprintKeys).toEqual(['szenariowerkstatt', 'jugendbarcamp', 'stadtspaziergang', 'open_space', 'umfrage', 'buergerforum', 'summer_school', 'arbeitsgruppe']);
    for (const key of blueprintKeys) {
      const bp = blueprints[key];
      expect(bp.guideDe.length).toBeGreaterThan(200);
      expect(bp.phases.length).toBeGreaterThan(0);
      for (const c of bp.components) expect(componentType(c.type), `${key}: ${c.type}`).toBeDefined();
      for (const phase of bp.phases)
        for (const override of Object.keys(phase.grants ?? {})) {
          const [index, action] = override.split(':');
          expect(componentType(bp.components[Number(index)]!.type)!.actions[action!], `${key} ${override}`).toBeDefined();
        }
    }
  });
});

describe('component actions in the one permission check', () => {
  const town = 't1';
  const member: Actor = { userId: 'u', isPlatformAdmin: false, townRoles: new Map([[town, 'member']]) };
  it('decides by the rule of the current phase, per town, with anonymous links', () => {
    expect(can(null, 'ideas:submit', town, { rule: { grants: ['user'] } })).toBe(false);
    expect(can(member, 'ideas:submit', town, { rule: { grants: ['user'] } })).toBe(true);
    expect(can(member, 'ideas:submit', town, { rule: { grants: ['moderator'] } })).toBe(false);
    expect(can(member, 'ideas:submit', 'other-town', { rule: { grants: ['member'] } })).toBe(false);
    expect(can(member, 'ideas:submit', town, { rule: undefined })).toBe(false);
    expect(can(null, 'ideas:submit', town, { rule: { grants: ['link'] }, viaLink: true })).toBe(true);
    expect(can(null, 'ideas:submit', town, { rule: { grants: ['link'] } })).toBe(false);
    expect(can(null, 'ideas:view', town, { rule: { grants: ['anyone'] } })).toBe(true);
  });
});

describe.each(engines)('processes on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor; // town admin of Kastellaun
  let moderator: Actor;
  let citizen: Actor;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@kastellaun.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'agentur@kastellaun.example', { town: 'kastellaun', role: 'moderator' });
    citizen = await testActor(app, 'anna@kastellaun.example');
  });
  afterAll(() => dispose());

  it('seeds the demo processes idempotently', async () => {
    expect(await seedDemoProcesses(app.db)).toBeGreaterThanOrEqual(10);
    expect(await seedDemoProcesses(app.db)).toBe(0);
    const { processes } = await app.processes.listForTown(null, 'malente');
    expect(processes.map((p) => p.title)).toEqual(expect.arrayContaining(['Malente 2030', 'Arbeitsgruppe Lebensort', 'Arbeitsgruppe Erholungsort', 'Arbeitsgruppe Wirtschaftsort']));
  });

  it('creates a process from the Szenariowerkstatt blueprint with phases, components and default permissions', async () => {
    await expect(app.processes.create(citizen, 'kastellaun', { title: 'Nope', blueprint: 'szenariowerkstatt' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.processes.create(moderator, 'kastellaun', { title: 'Nope', blueprint: 'szenariowerkstatt' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.processes.create(admin, 'kastellaun', { title: 'X', blueprint: 'quatsch', startsOn: '1.1.2027' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ title: 'error_required', blueprint: 'error_blueprint_required', startsOn: 'error_date_invalid' });

    const process = await app.processes.create(admin, 'kastellaun', { title: 'Kastellaun 2040', blueprint: 'szenariowerkstatt', startsOn: '2027-01-10' });
    expect(process.slug).toBe('kastellaun-2040');
    const clash = await app.processes.create(admin, 'kastellaun', { title: 'Kastellaun 2040', blueprint: 'umfrage' }).catch((e: unknown) => e);
    expect((clash as ValidationError).fields).toEqual({ slug: 'error_slug_taken' });

    const ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    expect(ctx.phases.map((p) => p.name)).toEqual(['Vorbereitung', 'Werkstätten', 'Ideen und Projekte', 'Verstetigung']);
    expect(ctx.phases[0]!.startsOn).toBe('2027-01-10');
    expect(ctx.components.map((c) => c.type)).toEqual(['info', 'meetings', 'ideas', 'scenario_group']);
    expect(ctx.currentPhase?.name).toBe('Vorbereitung');
    const ideas = ctx.components[2]!;
    // In preparation nobody submits ideas (blueprint override); everyone may look.
    expect(app.processes.can(citizen, ctx, ideas, 'ideas:submit')).toBe(false);
    expect(app.processes.can(null, ctx, ideas, 'ideas:view')).toBe(true);
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.action, 'process.created'));
    expect(audit.some((a) => a.actorId === admin.userId)).toBe(true);
  });

  it('switching the phase switches the permissions', async () => {
    let ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    await expect(app.processes.setCurrentPhase(citizen, 'kastellaun', 'kastellaun-2040', { phaseId: ctx.phases[2]!.id })).rejects.toBeInstanceOf(ForbiddenError);
    await app.processes.setCurrentPhase(moderator, 'kastellaun', 'kastellaun-2040', { phaseId: ctx.phases[2]!.id });
    ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    expect(ctx.currentPhase?.name).toBe('Ideen und Projekte');
    expect(app.processes.can(citizen, ctx, ctx.components[2]!, 'ideas:submit')).toBe(true);
    expect(app.processes.can(null, ctx, ctx.components[2]!, 'ideas:submit')).toBe(false);
    expect(app.processes.can(null, ctx, ctx.components[2]!, 'ideas:submit', true)).toBe(true);
    expect(app.processes.dataMode(ctx, ctx.components[2]!, 'ideas:submit')).toBe('named');
  });

  it('town admins edit the permission matrix as data; bad cells change nothing', async () => {
    await expect(app.processes.matrix(moderator, 'kastellaun', 'kastellaun-2040')).rejects.toBeInstanceOf(ForbiddenError);
    const { ctx, components } = await app.processes.matrix(admin, 'kastellaun', 'kastellaun-2040');
    const ideas = components.find((c) => c.component.type === 'ideas')!;
    const form: Record<string, string> = {};
    // Keep everything as it is, except: ideas may be submitted only by members, pseudonymously, in the current phase.
    for (const c of components)
      for (const a of c.actions)
        for (const cell of a.phases) {
          for (const g of cell.grants) form[`g|${c.component.id}|${cell.phaseId}|${a.action}|${g}`] = 'on';
          form[`m|${c.component.id}|${cell.phaseId}|${a.action}`] = cell.dataMode;
        }
    const phaseId = ctx.currentPhase!.id;
    for (const g of ['user', 'link']) delete form[`g|${ideas.component.id}|${phaseId}|submit|${g}`];
    form[`g|${ideas.component.id}|${phaseId}|submit|member`] = 'on';
    form[`m|${ideas.component.id}|${phaseId}|submit`] = 'pseudonymous';

    const broken = { ...form, [`m|${ideas.component.id}|${phaseId}|support`]: 'anonymous' };
    const error = await app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', broken).catch((e: unknown) => e);
    expect((error as ValidationError).fields).toEqual({ _form: 'error_data_mode' });
    await expect(app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', { ...form, 'g|x|y|z|user': 'on' })).rejects.toBeInstanceOf(ValidationError);
    let now = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    expect(app.processes.can(citizen, now, now.components[2]!, 'ideas:submit')).toBe(true); // unchanged

    await app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', form);
    now = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    expect(app.processes.can(citizen, now, now.components[2]!, 'ideas:submit')).toBe(false);
    const member = await testActor(app, 'mitglied@kastellaun.example', { town: 'kastellaun', role: 'member' });
    expect(app.processes.can(member, now, now.components[2]!, 'ideas:submit')).toBe(true);
    expect(app.processes.dataMode(now, now.components[2]!, 'ideas:submit')).toBe('pseudonymous');
    expect(app.processes.can(citizen, now, now.components[2]!, 'ideas:support')).toBe(true); // other cells kept
  });

  it('keeps towns apart: a town admin of Kastellaun has no rights in Malente', async () => {
    await expect(app.processes.create(admin, 'malente', { title: 'Fremd', blueprint: 'umfrage' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.processes.matrix(admin, 'malente', 'malente-2030')).rejects.toBeInstanceOf(ForbiddenError);
    const ctx = await app.processes.load(admin, 'malente', 'malente-2030');
    const ideas = ctx.components.find((c) => c.type === 'ideas')!;
    expect(app.processes.can(admin, ctx, ideas, 'ideas:moderate')).toBe(false);
    // A process of another town is not found under this town's address.
    await expect(app.processes.load(null, 'kastellaun', 'malente-2030')).rejects.toThrow(/Not found/);
  });

  it('hides drafts from visitors but not from the team', async () => {
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2040', { title: 'Kastellaun 2040', summary: '<script>alert(1)</script>Entwurf' });
    await expect(app.processes.load(citizen, 'kastellaun', 'kastellaun-2040')).rejects.toThrow(/Not found/);
    expect((await app.processes.load(moderator, 'kastellaun', 'kastellaun-2040')).process.published).toBe(false);
    expect((await app.processes.listForTown(null, 'kastellaun')).processes.map((p) => p.slug)).not.toContain('kastellaun-2040');
    const bad = await app.processes.editPhase(admin, 'kastellaun', 'kastellaun-2040', (await app.processes.load(admin, 'kastellaun', 'kastellaun-2040')).phases[0]!.id, { name: 'A', startsOn: '2027-05-01', endsOn: '2027-01-01' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ endsOn: 'error_date_order' });
  });
});
