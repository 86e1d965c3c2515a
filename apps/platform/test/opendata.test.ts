import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import type { Actor } from '../src/lib/server/permissions.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { componentPermissions } from '../src/lib/modules/processes/server/schema.ts';
import { parseQuery, QueryParameterError } from '../src/lib/modules/opendata/server/query.ts';
import { produceExport } from '../src/lib/modules/processes/server/components/index.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

const future = (days: number, hour = 18) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
const q = (query: string, allowed: Parameters<typeof parseQuery>[1] = ['town', 'process', 'field', 'status', 'since', 'until']) => parseQuery(new URLSearchParams(query), allowed);

describe('participation API parameters', () => {
  it('have defaults and accept valid values', () => {
    expect(q('')).toEqual({ page: 1, pageSize: 50 });
    expect(q('town=kastellaun&field=mobilitaet&status=neu&since=2026-01-01&until=2026-01-31&page=2&pageSize=10')).toMatchObject({ town: 'kastellaun', field: 'mobilitaet', status: 'neu', page: 2, pageSize: 10, since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-02-01T00:00:00Z') });
  });

  it.each([
    ['pageSize=0', 'pageSize', 'invalid'],
    ['pageSize=201', 'pageSize', 'invalid'],
    ['page=abc', 'page', 'invalid'],
    ['page=99999999999999999999', 'page', 'invalid'],
    ['field=mond', 'field', 'invalid'],
    ['since=2026-13-45', 'since', 'invalid'],
    ['since=2026-02-30', 'since', 'invalid'],
    ['since=2026-02-01&until=2026-01-01', 'until', 'invalid'],
    ['town=K%C3%B6ln', 'town', 'invalid'],
    ['town=a&town=b', 'town', 'invalid'],
    ['sort=new', 'sort', 'unknown'],
  ])('%s is refused, naming %s', (query, parameter, reason) => {
    const error = (() => {
      try {
        q(query);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(QueryParameterError);
    expect(error).toMatchObject({ parameter, reason });
  });
});

describe.each(engines)('open data and the participation API on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let author: Actor;
  let ctx: ProcessContext;
  const ideasOf = (c: ProcessContext) => c.components.find((x) => x.type === 'ideas')!;
  const page = { page: 1, pageSize: 50 } as const;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    author = await testActor(app, 'anna@k.example', { displayName: 'Anna Autorin' });
    ctx = await openKastellaunProcess(app, admin);
    await app.ideas.submit(author, ctx, ideasOf(ctx), { title: 'Bürgerbus für alle', body: 'Ein Bus in die Dörfer am Wochenende.', field: 'mobilitaet' });
    const hidden = await app.ideas.submit(author, ctx, ideasOf(ctx), { title: 'Versteckte Idee', body: 'Diese Idee hat die Moderation ausgeblendet.', field: 'mobilitaet' });
    await app.ideas.hide(admin, ctx, ideasOf(ctx), hidden.id, { reason: 'Enthält persönliche Daten' });
    await app.meetings.create(admin, ctx, ctx.components.find((c) => c.type === 'meetings')!, { title: 'Werkstatt I', startsAt: future(10), endsAt: future(10, 21), place: 'Stadthalle' });
    // A second, unpublished process with an idea of its own.
    await app.processes.create(admin, 'kastellaun', { title: 'Geheimer Entwurf', blueprint: 'umfrage' });
    await app.processes.edit(admin, 'kastellaun', 'geheimer-entwurf', { title: 'Geheimer Entwurf', summary: '' });
    const draft = await app.processes.load(admin, 'kastellaun', 'geheimer-entwurf');
    await app.processes.setCurrentPhase(admin, 'kastellaun', 'geheimer-entwurf', { phaseId: draft.phases[0]!.id });
    await app.ideas.submit(admin, await app.processes.load(admin, 'kastellaun', 'geheimer-entwurf'), ideasOf(draft), { title: 'Idee im Entwurf', body: 'Noch nicht öffentlich, bitte nicht zeigen.', field: 'wohnen' });
  });
  afterAll(() => dispose());

  it('lists towns and published processes only, with phases, components and their open-data files', async () => {
    expect((await app.openData.towns({ ...page })).items.map((t) => t.slug)).toContain('kastellaun');
    const processes = await app.openData.processes({ ...page, town: 'kastellaun' });
    expect(processes.items.map((p) => p.slug)).toEqual(['kastellaun-2040']);
    const [p] = processes.items;
    expect(p!.phases.find((ph) => ph.current)!.name).toBe('Ideen und Projekte');
    const ideasComponent = p!.components.find((c) => c.type === 'ideas')!;
    expect(ideasComponent.openData.map((e) => e.url.split('/').at(-1))).toEqual(['ideen-oeffentlich.csv', 'ideen-oeffentlich.json']);
    expect(processes.licence.id).toBe('dl-de/by-2-0');
  });

  it('publishes public ideas without hidden ones, drafts or authors, filterable and paginated', async () => {
    const ideas = await app.openData.ideas({ ...page, town: 'kastellaun' });
    expect(ideas.items.map((i) => i.title)).toEqual(['Bürgerbus für alle']);
    expect(ideas.total).toBe(1);
    const json = JSON.stringify(ideas);
    for (const secret of ['Versteckte Idee', 'Idee im Entwurf', 'Anna', 'anna@k.example', author.userId]) expect(json).not.toContain(secret);
    expect((await app.openData.ideas({ ...page, field: 'wohnen' })).total).toBe(0);
    expect((await app.openData.ideas({ ...page, status: 'neu', since: new Date(Date.now() - 86_400_000) })).total).toBe(1);
    expect((await app.openData.ideas({ ...page, until: new Date(Date.now() - 86_400_000) })).total).toBe(0);
    expect((await app.openData.ideas({ page: 2, pageSize: 1 })).items).toEqual([]);
    await expect(app.openData.ideas({ ...page, process: 'geheimer-entwurf' })).rejects.toBeInstanceOf(QueryParameterError);
  });

  it('follows the permission matrix: a collection visitors may not view is not published', async () => {
    const ideas = ideasOf(ctx);
    await app.db.update(componentPermissions).set({ grants: ['user'] }).where(and(eq(componentPermissions.componentId, ideas.id), eq(componentPermissions.phaseId, ctx.currentPhase!.id), eq(componentPermissions.action, 'view')));
    expect((await app.openData.ideas({ ...page })).total).toBe(0);
    const processes = await app.openData.processes({ ...page, town: 'kastellaun' });
    expect(processes.items[0]!.components.map((c) => c.type)).not.toContain('ideas');
    await app.db.update(componentPermissions).set({ grants: ['anyone'] }).where(and(eq(componentPermissions.componentId, ideas.id), eq(componentPermissions.phaseId, ctx.currentPhase!.id), eq(componentPermissions.action, 'view')));
    expect((await app.openData.ideas({ ...page })).total).toBe(1);
  });

  it('publishes meetings, published projects with milestones and published visions', async () => {
    const meetings = await app.openData.meetings({ ...page, town: 'kastellaun' });
    expect(meetings.items.map((m) => m.title)).toEqual(['Werkstatt I']);
    expect(await app.openData.projects({ ...page, town: 'kastellaun' })).toMatchObject({ total: 0, items: [] });
    expect((await app.openData.visions({ ...page, town: 'kastellaun' })).items).toEqual([]);
  });

  it('serves each component’s open data as CSV and JSON with licence, source and date', async () => {
    const now = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const context = { app, actor: null, process: now, component: ideasOf(now), locale: 'de' as const, viaLink: false, participantKey: null, query: new URLSearchParams() };
    const csv = String((await produceExport(context, 'ideen-oeffentlich.csv'))!.file.body);
    expect(csv).toContain('# Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0');
    expect(csv).toContain('# Quelle: Ideen für unsere Stadt – Kastellaun 2040, Kastellaun');
    expect(csv).toContain('Bürgerbus für alle');
    expect(csv).not.toContain('Versteckte Idee');
    const json = JSON.parse(String((await produceExport(context, 'ideen-oeffentlich.json'))!.file.body)) as { licence: { id: string }; items: { title: string }[] };
    expect(json.licence.id).toBe('dl-de/by-2-0');
    expect(json.items.map((i) => i.title)).toEqual(['Bürgerbus für alle']);
  });
});
