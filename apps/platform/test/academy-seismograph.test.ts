import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { seedSeismographDemo } from '../src/lib/modules/academy/server/seismograph/demo.ts';
import { suppress, type Cell } from '../src/lib/modules/academy/server/seismograph/service.ts';

const cell = (group: string, n: number, mean: number): Cell => ({ group, n, mean, shares: null, suppressed: false });

describe('the anonymity rule', () => {
  it('suppresses cells of fewer than three towns and removes their values', () => {
    const out = suppress([cell('a', 5, 3), cell('b', 2, 4), cell('c', 1, 1), cell('d', 0, 0)]);
    expect(out.map((c) => [c.group, c.suppressed, c.mean])).toEqual([['a', false, 3], ['b', true, null], ['c', true, null], ['d', false, 0]]);
  });
  it('also hides the smallest shown cell when the hidden towns could be computed from the total', () => {
    const out = suppress([cell('a', 6, 3), cell('b', 4, 3), cell('c', 2, 5)]);
    expect(out.map((c) => c.suppressed)).toEqual([false, true, true]);
    expect(suppress([cell('a', 3, 3), cell('b', 3, 3)]).every((c) => !c.suppressed)).toBe(true);
    // Years are not parts of one total: no secondary suppression over time.
    expect(suppress([cell('2025', 6, 3), cell('2026', 2, 3)], 3, false).map((c) => c.suppressed)).toEqual([false, true]);
  });
});

describe.each(engines)('the Seismograph on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;

  const actorFor = (email: string, opts: Parameters<typeof testActor>[2] = {}) => testActor(app, email, opts);

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    expect(await seedSeismographDemo(app.db)).toBe(15);
    expect(await seedSeismographDemo(app.db)).toBe(0);
  });
  afterAll(() => dispose());

  const answers2026 = {
    q_beteiligung_zufriedenheit: '5',
    q_jugend_beteiligung: 'ja, dauerhaft',
    q_beteiligung_veranstaltungen: '10',
    q_leerstand_innenstadt: '2',
    q_ehrenamt_entwicklung: 'gewachsen',
    q_zukunftsbild_umsetzung: '4',
    q_kooperation_nachbarn: 'ja, in festen Strukturen',
    q_zuversicht: '4',
  };

  it('lets only the town admin answer for the town', async () => {
    const member = await actorFor('member@kastellaun.example', { town: 'kastellaun', role: 'member' });
    const moderator = await actorFor('mod@kastellaun.example', { town: 'kastellaun', role: 'moderator' });
    const otherAdmin = await actorFor('admin@malente.example', { town: 'malente', role: 'town_admin' });
    const editor = await actorFor('editor@academy.example', { editor: true });
    for (const actor of [null, member, moderator, otherAdmin, editor]) {
      await expect(app.seismograph.answer(actor, 'seismograph-2026', 'kastellaun', answers2026)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(app.seismograph.forTown(actor, 'kastellaun')).rejects.toBeInstanceOf(ForbiddenError);
    }
    const admin = await actorFor('admin@kastellaun.example', { town: 'kastellaun', role: 'town_admin' });
    const response = await app.seismograph.answer(admin, 'seismograph-2026', 'kastellaun', { ...answers2026, visibility: 'named' });
    // Type and Lage come from the atlas for the town's AGS (here: the built-in model-town facts, no atlas in tests).
    expect(response).toMatchObject({ typeCode: 40, lage: 'peripher', visibility: 'named' });
    // Answering again replaces the answers.
    await app.seismograph.answer(admin, 'seismograph-2026', 'kastellaun', { ...answers2026, q_zuversicht: '5' });
    const mine = await app.seismograph.forTown(admin, 'kastellaun');
    expect(mine.rounds.find((r) => r.round.year === 2026)!.values.q_zuversicht).toBe('5');
    expect(mine.rounds.find((r) => r.round.year === 2026)!.response!.visibility).toBe('aggregated');
  });

  it('refuses bad answers with field errors, and answers to a closed round', async () => {
    const admin = await actorFor('admin@malente.example', { town: 'malente', role: 'town_admin' });
    const bad = await app.seismograph
      .answer(admin, 'seismograph-2026', 'malente', { ...answers2026, q_beteiligung_zufriedenheit: '7', q_jugend_beteiligung: 'vielleicht', q_beteiligung_veranstaltungen: 'viele', q_zuversicht: '', visibility: 'public' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields).toEqual({
      q_beteiligung_zufriedenheit: 'error_scale_value',
      q_jugend_beteiligung: 'error_invalid_choice',
      q_beteiligung_veranstaltungen: 'error_number_invalid',
      q_zuversicht: 'error_required',
      visibility: 'error_invalid_choice',
    });
    await expect(app.seismograph.answer(admin, 'seismograph-2025', 'malente', answers2026)).rejects.toMatchObject({ fields: { _form: 'error_round_not_open' } });
    await expect(app.seismograph.answer(admin, 'seismograph-1999', 'malente', answers2026)).rejects.toThrowError(/seismograph-1999/);
  });

  it('shows results only for groups of at least three towns, and names only towns that agreed', async () => {
    const { questions } = await app.seismograph.results();
    const q = questions.find((x) => x.key === 'beteiligung_zufriedenheit')!;
    expect(q.overTime.map((c) => [c.group, c.n])).toEqual([['2025', 8], ['2026', 8]]);
    expect(q.overTime[0]!.mean).toBe(3.75);
    // 2026 by type (model-town facts): 5 kleine Kleinstädte shown; 2 größere and 1 Landgemeinde hidden (3 together).
    expect(q.byType.map((c) => [c.group, c.n, c.suppressed])).toEqual([['30', 2, true], ['40', 5, false], ['50', 1, true]]);
    expect(q.byType.filter((c) => c.suppressed).every((c) => c.mean === null)).toBe(true);
    // By Lage: 2 sehr periphere hidden; the 6 peripheral would reveal them through the total, so they are hidden too.
    expect(q.byLage.map((c) => [c.group, c.n, c.suppressed, c.mean])).toEqual([['peripher', 6, true, null], ['sehr_peripher', 2, true, null]]);
    expect(q.named.map((n) => n.town)).toEqual(['Beverungen', 'Rodewisch', 'Zell am Harmersbach']);
    const choice = questions.find((x) => x.key === 'jugend_beteiligung')!;
    expect(choice.overTime[1]!.shares).toMatchObject({ 'ja, dauerhaft': 62.5 });
  });

  it('lets editors create a round from last year\'s questions, and nobody else', async () => {
    const editor = await actorFor('editor@academy.example', { editor: true });
    const admin = await actorFor('admin@malente.example', { town: 'malente', role: 'town_admin' });
    const template = await app.seismograph.template();
    expect(template.year).toBe(2027);
    expect(template.questions.map((q) => q.key)).toHaveLength(8);
    const input = { year: '2027', title: 'Seismograph 2027', q0_text: 'Wie zufrieden sind Sie?', q0_kind: 'scale', q1_text: 'Welche Farbe hat das Rathaus?', q1_kind: 'choice', q1_options: 'rot' };
    await expect(app.seismograph.createRound(admin, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.seismograph.createRound(editor, { ...input, year: '2026' })).rejects.toMatchObject({ fields: { year: 'error_round_year_taken', q1_options: 'error_options_required' } });
    // A year already taken is named also when other fields are wrong.
    await expect(app.seismograph.createRound(editor, { ...input, year: '2026', title: 'X' })).rejects.toMatchObject({ fields: { year: 'error_round_year_taken', title: 'error_title_too_short' } });
    await expect(app.seismograph.createRound(editor, { year: 'bald', title: 'X' })).rejects.toMatchObject({ fields: { year: 'error_year_invalid', title: 'error_title_too_short', q0_text: 'error_questions_required' } });
    const round = await app.seismograph.createRound(editor, { ...input, q1_options: 'rot\nblau' });
    expect(round.status).toBe('draft');
    expect((await app.seismograph.rounds(null)).map((r) => r.year)).toEqual([2026, 2025]);
    await expect(app.seismograph.round(null, round.slug)).rejects.toThrowError();
    await expect(app.seismograph.setStatus(admin, round.slug, 'open')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.seismograph.setStatus(editor, round.slug, 'bogus')).rejects.toBeInstanceOf(ValidationError);
    await app.seismograph.setStatus(editor, round.slug, 'open');
    // Two towns answer: the year's overall cell stays hidden.
    for (const slug of ['malente', 'kastellaun']) {
      const townAdmin = await actorFor(`admin@${slug}.example`, { town: slug, role: 'town_admin' });
      await app.seismograph.answer(townAdmin, round.slug, slug, { q_wie_zufrieden_sind_sie: '4', q_welche_farbe_hat_das_rathaus: 'rot' });
    }
    const q = (await app.seismograph.results()).questions.find((x) => x.key === 'wie_zufrieden_sind_sie')!;
    expect(q.overTime).toEqual([{ group: '2027', n: 2, mean: null, shares: null, suppressed: true }]);
  });
});
