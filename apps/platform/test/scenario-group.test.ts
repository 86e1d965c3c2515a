import { protectSmallGroups } from '../src/lib/modules/processes/server/scenario-group.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { memberships, towns } from '../src/lib/modules/towns/server/schema.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { compare } from '../src/lib/modules/processes/server/scenario-group.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

describe('representativeness', () => {
  it('compares known answers with reference shares and flags gaps over 10 points', () => {
    const shares = compare(['female', 'male', 'diverse'], { female: 2, male: 8 }, { female: 51, male: 49, diverse: 0 });
    expect(shares.map((s) => [s.key, s.groupShare, s.gap])).toEqual([
      ['female', 20, true],
      ['male', 80, false],
      ['diverse', 0, false],
    ]);
    expect(compare(['a'], {}, { a: 50 })[0]).toMatchObject({ groupShare: null, gap: false });
  });
});

describe.each(engines)('scenario group on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let moderator: Actor;
  let ctx: ProcessContext;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    const townId = (await app.db.select().from(towns).where(eq(towns.slug, 'kastellaun')))[0]!.id;
    const [m] = await app.db.insert(users).values({ email: 'mod@k.example', displayName: 'Mod', passwordHash: 'x' }).returning();
    await app.db.insert(memberships).values({ userId: m!.id, townId, role: 'moderator' });
    moderator = { userId: m!.id, isPlatformAdmin: false, townRoles: await app.towns.rolesOf(m!.id) };
    const admin = { ...moderator, townRoles: new Map([[townId, 'town_admin' as const]]) };
    await app.processes.create(admin, 'kastellaun', { title: 'Gruppe 2030', blueprint: 'szenariowerkstatt' });
    await app.processes.edit(admin, 'kastellaun', 'gruppe-2030', { title: 'Gruppe 2030', summary: '', published: 'on' });
    ctx = await app.processes.load(null, 'kastellaun', 'gruppe-2030');
  });
  afterAll(() => dispose());

  const group = () => ctx.components.find((c) => c.type === 'scenario_group')!;
  const tokenFor = async (email: string) => /join=([A-Za-z0-9_-]+)/.exec((await app.mailer.list()).find((mail) => mail.recipient === email)!.textBody)![1]!;

  it('invites by mail up to the maximum; members accept and describe themselves', async () => {
    const anna = await testActor(app, 'anna@k.example', { confirmed: false });
    await expect(app.scenarioGroup.invite(anna, ctx, group(), { email: 'x@k.example' })).rejects.toBeInstanceOf(ForbiddenError);
    await app.scenarioGroup.invite(moderator, ctx, group(), { email: 'anna@k.example' });
    const token = await tokenFor('anna@k.example');
    expect(await app.scenarioGroup.accept(anna, ctx, group(), token)).toBe(true);
    expect(await app.scenarioGroup.accept(anna, ctx, group(), token)).toBe(false);
    const bad = await app.scenarioGroup.describe(anna, ctx, group(), { ageBand: 'uralt' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ ageBand: 'error_invalid' });
    await app.scenarioGroup.describe(anna, ctx, group(), { ageBand: '30_44', gender: 'female', background: 'business', ortsteil: 'Bell' });
    const stranger = await testActor(app, 'fremd@k.example', { confirmed: false });
    await expect(app.scenarioGroup.describe(stranger, ctx, group(), { gender: 'male' })).rejects.toBeInstanceOf(ValidationError);

    // The maximum counts members and open invitations.
    const [component] = [group()];
    (component.settings as { maxMembers: number }).maxMembers = 3;
    await app.scenarioGroup.invite(moderator, ctx, component, { email: 'b@k.example' });
    await app.scenarioGroup.invite(moderator, ctx, component, { email: 'c@k.example' });
    const full = await app.scenarioGroup.invite(moderator, ctx, component, { email: 'd@k.example' }).catch((e: unknown) => e);
    expect((full as ValidationError).fields).toEqual({ email: 'error_group_full' });
  });

  it('shows the composition and gaps against the intended mix; names only to managers and members', async () => {
    const visitor = await testActor(app, 'visitor@k.example', { confirmed: false });
    const view = await app.scenarioGroup.overview(visitor, ctx, group());
    expect(view.count).toBe(1);
    expect(view.members).toBeNull();
    // One person in a category: nobody but the moderators sees that breakdown ("männlich 1 100 %" named a person).
    expect(view.background).toBeNull();
    expect(view.gender).toBeNull();
    expect(view.age).toBeNull();
    await expect(app.scenarioGroup.overview(null, ctx, group())).rejects.toBeInstanceOf(ForbiddenError);
    const managed = await app.scenarioGroup.overview(moderator, ctx, group());
    const citizen = managed.background!.find((s) => s.key === 'citizen')!;
    expect(citizen).toMatchObject({ group: 0, groupShare: 0, reference: 30, gap: true });
    expect(managed.background!.find((s) => s.key === 'business')).toMatchObject({ group: 1, groupShare: 100, gap: false });
    expect(managed.members).toEqual([{ userId: expect.any(String), displayName: 'anna', ageBand: '30_44', gender: 'female', background: 'business', ortsteil: 'Bell' }]);
    expect(managed.invitations.map((i) => i.email)).toEqual(['b@k.example', 'c@k.example']);
  });

  it('shows a breakdown to members only when every category is empty or holds at least 5 people', () => {
    const shares = (counts: number[]) => counts.map((group, i) => ({ key: String(i), group, groupShare: null, reference: null, gap: false }));
    expect(protectSmallGroups(shares([5, 0, 7]), false)).not.toBeNull();
    expect(protectSmallGroups(shares([5, 4, 7]), false)).toBeNull();
    expect(protectSmallGroups(shares([1]), false)).toBeNull();
    expect(protectSmallGroups(shares([1]), true)).not.toBeNull();
  });
});
