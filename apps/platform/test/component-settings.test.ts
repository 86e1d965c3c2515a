import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { describeSettings, parseSettingsForm, unlabelledSettings } from '../src/lib/server/settings-form.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { componentTypes, phaseSettingsOf, settingsOf } from '../src/lib/modules/processes/server/components/index.ts';
import { ideasPhaseSettings, ideasSettings } from '../src/lib/modules/processes/server/pages/ideas.ts';

describe('generated settings forms', () => {
  it('have a label for every setting of every component type', () => {
    for (const d of componentTypes()) expect([...unlabelledSettings(d.settings), ...unlabelledSettings(d.phaseSettings)], d.type).toEqual([]);
  });

  const schema = z.object({
    title: z.string().max(5).meta({ label: { de: 'Titel', en: 'Title' } }).default(''),
    seats: z.number().int().min(1).max(9).meta({ label: { de: 'Plätze', en: 'Seats' } }).nullable().default(null),
    open: z.boolean().meta({ label: { de: 'Offen', en: 'Open' } }).default(true),
    mode: z.enum(['a', 'b']).meta({ label: { de: 'Art', en: 'Kind' }, choices: { a: { de: 'Erste', en: 'First' }, b: { de: 'Zweite', en: 'Second' } } }).default('a'),
    mix: z.object({ x: z.number().min(0).max(100).meta({ label: { de: 'X', en: 'X' } }) }).meta({ label: { de: 'Mischung', en: 'Mix' } }).default({ x: 5 }),
  });

  it('describe each field by its type, with labels, limits and values', () => {
    const fields = describeSettings(schema, schema.parse({}), 'de', 'g.');
    expect(fields.map((f) => [f.kind, f.name, f.label])).toEqual([
      ['text', 'g.title', 'Titel'],
      ['number', 'g.seats', 'Plätze'],
      ['boolean', 'g.open', 'Offen'],
      ['choice', 'g.mode', 'Art'],
      ['group', 'g.mix', 'Mischung'],
    ]);
    expect(fields[1]).toMatchObject({ integer: true, min: 1, max: 9, optional: true, value: '' });
    expect(fields[3]).toMatchObject({ options: [{ value: 'a', label: 'Erste' }, { value: 'b', label: 'Zweite' }], value: 'a' });
    expect(fields[4]).toMatchObject({ fields: [{ kind: 'number', name: 'g.mix.x', value: '5' }] });
  });

  it('parse a submitted form (unchecked box = false, empty optional number = null) and name every bad field', () => {
    expect(parseSettingsForm(schema, { 'g.title': 'Hallo', 'g.seats': '', 'g.mode': 'b', 'g.mix.x': '40' }, 'g.')).toEqual({ title: 'Hallo', seats: null, open: false, mode: 'b', mix: { x: 40 } });
    const bad = (() => {
      try {
        parseSettingsForm(schema, { 'g.title': 'zu lang', 'g.seats': '12', 'g.open': 'on', 'g.mode': 'c', 'g.mix.x': 'viel' }, 'g.');
      } catch (e) {
        return e;
      }
    })();
    expect((bad as ValidationError).fields).toEqual({ 'g.title': 'error_too_long', 'g.seats': 'error_setting_number_invalid', 'g.mode': 'error_invalid', 'g.mix.x': 'error_setting_number_invalid' });
  });
});

describe.each(engines)('component settings on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let moderator: Actor;
  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('are saved globally and per phase by the town team, each phase with its own values', async () => {
    let ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const ideas = ctx.components.find((c) => c.type === 'ideas')!;
    const citizen = await testActor(app, 'buerger@k.example');
    await expect(app.processes.saveComponentSettings(citizen, 'kastellaun', 'kastellaun-2040', ideas.id, {})).rejects.toBeInstanceOf(ForbiddenError);
    const current = ctx.currentPhase!.id;
    const form: Record<string, string> = { 'g.prompt': 'Was fehlt am Markt?' };
    for (const phase of ctx.phases) if (phase.id !== current) form[`p.${phase.id}.showSupportCounts`] = 'on';
    await app.processes.saveComponentSettings(moderator, 'kastellaun', 'kastellaun-2040', ideas.id, form);
    ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const saved = ctx.components.find((c) => c.id === ideas.id)!;
    expect(settingsOf({ settings: ideasSettings }, saved).prompt).toBe('Was fehlt am Markt?');
    expect(phaseSettingsOf({ phaseSettings: ideasPhaseSettings }, ctx, saved).showSupportCounts).toBe(false);
    await app.processes.setCurrentPhase(admin, 'kastellaun', 'kastellaun-2040', { phaseId: ctx.phases[0]!.id });
    const earlier = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    expect(phaseSettingsOf({ phaseSettings: ideasPhaseSettings }, earlier, saved).showSupportCounts).toBe(true);
    await app.processes.setCurrentPhase(admin, 'kastellaun', 'kastellaun-2040', { phaseId: current });
  });

  it('refuse bad values with every field named and change nothing', async () => {
    const ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const group = ctx.components.find((c) => c.type === 'scenario_group')!;
    const before = group.settings;
    const error = await app.processes.saveComponentSettings(admin, 'kastellaun', 'kastellaun-2040', group.id, { 'g.maxMembers': '1', 'g.intendedMix.youth': '120' }).catch((e: unknown) => e);
    expect((error as ValidationError).fields).toMatchObject({ 'g.maxMembers': 'error_setting_number_invalid', 'g.intendedMix.youth': 'error_setting_number_invalid' });
    const after = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    expect(after.components.find((c) => c.id === group.id)!.settings).toEqual(before);
  });
});
