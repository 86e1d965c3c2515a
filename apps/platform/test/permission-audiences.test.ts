import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { grantKinds, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { blueprints } from '../src/lib/modules/processes/server/blueprints.ts';
import { componentPermissions } from '../src/lib/modules/processes/server/schema.ts';
import { componentTypes, grantKindsFor } from '../src/lib/modules/processes/server/components/index.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

const anonymousOrPseudonymous = ['anyone', 'link'];
const staff = ['moderator', 'town_admin'];
/** Actions that act on other people's contributions or data: staff only, whatever a town admin ticks. */
const isStaffAction = (action: string) => /^(moderate|manage|export)/.test(action);

describe('who the permission matrix may give an action', () => {
  const cells = componentTypes().flatMap((m) => Object.entries(m.actions).flatMap(([action, spec]) => grantKinds.map((grant) => [`${m.type}:${action}`, grant, spec, action] as const)));

  it.each(cells)('%s to %s', (_key, grant, spec, action) => {
    const offered = grantKindsFor(spec).includes(grant);
    if (isStaffAction(action)) {
      expect(spec.audience, 'moderate/manage/export actions must declare audience "staff"').toBe('staff');
      expect(offered).toBe(staff.includes(grant));
    }
    if (spec.audience === 'account' && anonymousOrPseudonymous.includes(grant)) expect(offered).toBe(false);
    if (spec.defaultGrants.includes(grant)) expect(offered).toBe(true);
  });

  it('blueprints grant nothing an action does not allow', () => {
    const wrong: string[] = [];
    for (const blueprint of Object.values(blueprints))
      for (const phase of blueprint.phases)
        for (const [key, grants] of Object.entries(phase.grants ?? {})) {
          const [index, action] = key.split(':');
          const type = blueprint.components[Number(index)]!.type;
          const spec = componentTypes().find((m) => m.type === type)!.actions[action!]!;
          for (const g of grants) if (!grantKindsFor(spec).includes(g)) wrong.push(`${blueprint.key} ${phase.name} ${type}:${action} ${g}`);
        }
    expect(wrong).toEqual([]);
  });
});

describe.each(engines)('staff-only actions in a process on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let ctx: ProcessContext;
  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    ctx = await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('are refused by the matrix editor and not offered in it', async () => {
    const { components } = await app.processes.matrix(admin, 'kastellaun', 'kastellaun-2040');
    const phaseId = ctx.currentPhase!.id;
    for (const c of components)
      for (const a of c.actions) {
        if (!isStaffAction(a.action)) continue;
        expect(a.grantKinds, `${c.component.type}:${a.action}`).toEqual(staff);
        for (const grant of ['anyone', 'link', 'user', 'member']) {
          const refused = await app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', { [`g|${c.component.id}|${phaseId}|${a.action}|${grant}`]: 'on' }).catch((e: unknown) => e);
          expect(refused, `${c.component.type}:${a.action} to ${grant}`).toBeInstanceOf(ValidationError);
        }
      }
    // Meeting registration needs an account: anonymous grants are not offered.
    const meetings = components.find((c) => c.component.type === 'meetings')!;
    expect(meetings.actions.find((a) => a.action === 'register')!.grantKinds).not.toContain('anyone');
    expect(meetings.actions.find((a) => a.action === 'register')!.grantKinds).not.toContain('link');
  });

  it('are not honoured when a stored matrix row holds a forbidden grant', async () => {
    const ideas = ctx.components.find((c) => c.type === 'ideas')!;
    await app.db
      .update(componentPermissions)
      .set({ grants: ['anyone', 'link', 'user', 'town_admin'] })
      .where(and(eq(componentPermissions.componentId, ideas.id), eq(componentPermissions.phaseId, ctx.currentPhase!.id), eq(componentPermissions.action, 'moderate')));
    const now = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const citizen = await testActor(app, 'buerger@k.example');
    expect(app.processes.can(null, now, ideas, 'ideas:moderate')).toBe(false);
    expect(app.processes.can(null, now, ideas, 'ideas:moderate', true)).toBe(false);
    expect(app.processes.can(citizen, now, ideas, 'ideas:moderate')).toBe(false);
    expect(app.processes.can(admin, now, ideas, 'ideas:moderate')).toBe(true);
  });
});
