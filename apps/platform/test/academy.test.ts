import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { memberships, towns } from '../src/lib/modules/towns/server/schema.ts';
import { eq } from 'drizzle-orm';
import { EntryNotFoundError } from '../src/lib/modules/academy/server/service.ts';

describe.each(engines)('academy knowledge base on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let editor: Actor;
  let author: Actor;
  let stranger: Actor;

  const actorFor = (email: string) => testActor(app, email);

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    const { user } = await app.accounts.createPlatformAdmin({ email: 'root@example.org', password: 'admin-passwort', displayName: 'Root' });
    admin = { userId: user.id, isPlatformAdmin: true, townRoles: new Map() };
    await actorFor('redaktion@example.org');
    await app.academy.grantEditor(admin, { email: 'redaktion@example.org' });
    editor = await actorFor('redaktion@example.org');
    author = await actorFor('autorin@example.org');
    stranger = await actorFor('fremd@example.org');
  });
  afterAll(() => dispose());

  it('grants the editor role only through platform admins', async () => {
    expect(editor.platformRoles?.has('academy_editor')).toBe(true);
    await expect(app.academy.grantEditor(author, { email: 'autorin@example.org' })).rejects.toBeInstanceOf(ForbiddenError);
    const unknown = await app.academy.grantEditor(admin, { email: 'niemand@example.org' }).catch((e: unknown) => e);
    expect((unknown as ValidationError).fields).toEqual({ email: 'error_account_unknown' });
  });

  it('runs the workflow draft → review → published; drafts stay hidden from others', async () => {
    const draft = await app.academy.create(author, {
      kind: 'praxisbeispiel',
      title: 'Bürgerforum in der Ortsmitte',
      summary: 'Wie ein Bürgerforum die Gestaltung der Ortsmitte begleitet hat.',
      body: 'Die Gemeinde hat **Anwohnerinnen** und Geschäftsleute zu einem offenen Bürgerforum eingeladen. Danach entstanden Arbeitsgruppen.',
      fieldsOfAction: ['gemeinschaft', 'engagement'],
      goals: ['kooperativ'],
      townType: 'kleine_kleinstadt',
      location: 'peripher',
      land: 'Schleswig-Holstein',
      year: '2018',
    });
    expect(draft.status).toBe('draft');
    expect(draft.licence).toBe('CC-BY-4.0');
    await expect(app.academy.get(stranger, draft.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(app.academy.get(null, draft.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    expect((await app.academy.search({ q: 'Bürgerforum' })).total).toBe(0);
    await expect(app.academy.publish(author, draft.slug)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.academy.submit(stranger, draft.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    await app.academy.submit(author, draft.slug);
    // In review the author can no longer change it; the editor can.
    await expect(app.academy.update(author, draft.slug, { kind: 'praxisbeispiel', title: 'Anders' })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await app.academy.reviewQueue(editor)).map((e) => e.slug)).toContain(draft.slug);
    await expect(app.academy.reviewQueue(author)).rejects.toBeInstanceOf(ForbiddenError);
    const published = await app.academy.publish(editor, draft.slug);
    expect(published.status).toBe('published');
    expect(published.publishedAt).toBeInstanceOf(Date);
    const seen = await app.academy.get(null, draft.slug);
    expect(seen.bodyHtml).toContain('<strong>Anwohnerinnen</strong>');
  });

  it('finds entries with umlaut variants, stems, ranks the title first and highlights snippets', async () => {
    await app.academy.create(editor, { kind: 'methode', title: 'Stadtspaziergang mit Jugendlichen', summary: 'Ein Rundgang, bei dem junge Menschen ihre Orte zeigen.', body: 'Beim Spaziergang erzählen Jugendliche von ihren Lieblingsorten und von Angsträumen. Am Ende steht ein Bürgerforum.', fieldsOfAction: ['gemeinschaft'] }).then((e) => app.academy.publish(editor, e.slug));
    for (const q of ['Bürgerforum', 'Buergerforum', 'Burgerforum', 'BÜRGERFORUM']) {
      const result = await app.academy.search({ q });
      expect(result.total, q).toBe(2);
      expect(result.hits[0]!.title, q).toBe('Bürgerforum in der Ortsmitte');
    }
    const stemmed = await app.academy.search({ q: 'Spaziergänge Jugendliche' });
    expect(stemmed.hits.map((h) => h.title)).toEqual(['Stadtspaziergang mit Jugendlichen']);
    expect(stemmed.hits[0]!.snippet).toContain('<mark>Jugendliche</mark>');
    const malicious = await app.academy.create(editor, { kind: 'link', title: 'Skript <script>alert(1)</script> Test', body: '<img src=x onerror=alert(1)> Ortsmitte' });
    await app.academy.publish(editor, malicious.slug);
    const hits = (await app.academy.search({ q: 'Ortsmitte' })).hits;
    for (const h of hits) expect(h.snippet).not.toMatch(/<(img|script)/);
  });

  it('filters by facets and counts them over the whole result', async () => {
    const all = await app.academy.search({ q: '' });
    expect(all.total).toBe(3);
    expect(all.facets.kind).toEqual(expect.arrayContaining([{ value: 'praxisbeispiel', count: 1 }, { value: 'methode', count: 1 }]));
    expect(all.facets.field).toContainEqual({ value: 'gemeinschaft', count: 2 });
    const filtered = await app.academy.search({ q: 'Bürgerforum', field: 'engagement', land: 'Schleswig-Holstein', year: '2018' });
    expect(filtered.hits.map((h) => h.title)).toEqual(['Bürgerforum in der Ortsmitte']);
    expect((await app.academy.search({ q: '', kind: 'publikation' })).total).toBe(0);
    expect((await app.academy.search({ q: '', kind: 'unbekannt' })).total).toBe(3); // unknown facet values are ignored
  });

  it('counts facets disjunctively: a chosen value keeps the alternatives of the same facet visible', async () => {
    const all = await app.academy.search({ q: '' });
    const kinds = all.facets.kind.map((f) => f.value);
    expect(kinds.length).toBeGreaterThan(1);
    const chosen = all.facets.kind.find((f) => f.value === 'praxisbeispiel')!;
    const one = await app.academy.search({ q: '', kind: 'praxisbeispiel' });
    expect(one.total).toBe(chosen.count);
    // The kind facet is counted without the kind filter: the same alternatives with the same counts.
    expect(one.facets.kind).toEqual(all.facets.kind);
    // The other facets are counted within the chosen kind only.
    const fieldSum = one.facets.field.reduce((n, f) => n + f.count, 0);
    expect(fieldSum).toBeLessThan(all.facets.field.reduce((n, f) => n + f.count, 0));
    // Two facets chosen: each counted under the other's filter.
    const field = one.facets.field[0]!.value;
    const both = await app.academy.search({ q: '', kind: 'praxisbeispiel', field });
    const byField = await app.academy.search({ q: '', field });
    expect(both.facets.kind).toEqual(byField.facets.kind);
    expect(both.facets.field).toEqual(one.facets.field);
    expect(both.total).toBe(one.facets.field[0]!.count);
  });

  it('ranks a title match above a body-only match and builds snippets only for the page', async () => {
    const inBody = await app.academy.create(editor, { kind: 'link', title: 'Allgemeiner Bericht', summary: 'Ohne das Wort', body: 'Hier geht es am Rande um Zwiebelturmpflege.' });
    const inTitle = await app.academy.create(editor, { kind: 'link', title: 'Zwiebelturmpflege im Ehrenamt', summary: 'Kurz', body: 'Text.' });
    await app.academy.publish(editor, inBody.slug);
    await app.academy.publish(editor, inTitle.slug);
    const result = await app.academy.search({ q: 'Zwiebelturmpflege' });
    expect(result.total).toBe(2);
    expect(result.hits.map((h) => h.title)).toEqual(['Zwiebelturmpflege im Ehrenamt', 'Allgemeiner Bericht']);
    expect(result.hits[1]!.snippet).toContain('<mark>Zwiebelturmpflege</mark>');
    expect(result.facets.kind).toEqual([{ value: 'link', count: 2 }]);
  });

  it('drops German stop words with umlauts and keeps the index in step with edits and the workflow', async () => {
    const entry = await app.academy.create(editor, { kind: 'werkzeug', title: 'Checkliste für Wanderbaustellen', summary: 'Über Wanderbaustellen in Kleinstädten', body: 'Für jede Station eine Liste.', fieldsOfAction: ['wirtschaft'] });
    expect((await app.academy.search({ q: 'Wanderbaustellen' })).total).toBe(0); // drafts are not indexed
    await app.academy.publish(editor, entry.slug);
    expect((await app.academy.search({ q: 'Wanderbaustelle' })).hits.map((h) => h.slug)).toEqual([entry.slug]);
    // "für" and "über" are stop words: before, unaccent turned them into "fur"/"uber" and they matched almost everything.
    for (const q of ['für', 'Über', 'fuer']) expect((await app.academy.search({ q })).total, q).toBe(0);
    expect((await app.academy.search({ q: 'für Wanderbaustellen' })).total).toBe(1);
    await app.academy.update(editor, entry.slug, { kind: 'werkzeug', title: 'Checkliste Marktschwärmer', summary: '', body: '', fieldsOfAction: ['wirtschaft'] });
    expect((await app.academy.search({ q: 'Wanderbaustellen' })).total).toBe(0);
    expect((await app.academy.search({ q: 'Marktschwaermer' })).hits.map((h) => h.slug)).toEqual([entry.slug]);
    await app.academy.returnToDraft(editor, entry.slug, { note: 'Bitte ergänzen' });
    expect((await app.academy.search({ q: 'Marktschwärmer' })).total).toBe(0);
    expect((await app.academy.search({ q: '' })).facets.kind.find((f) => f.value === 'werkzeug')).toBeUndefined();
  });

  it('counts facets disjunctively for a text query too', async () => {
    const word = 'Heimatkiste';
    const make = async (kind: string, land: string, fieldsOfAction: string[]) => {
      const e = await app.academy.create(editor, { kind, title: `${word} ${kind} ${land}`, summary: '', body: '', land, fieldsOfAction });
      await app.academy.publish(editor, e.slug);
    };
    await make('praxisbeispiel', 'Bayern', ['gemeinschaft', 'engagement']);
    await make('praxisbeispiel', 'Hessen', ['engagement']);
    await make('methode', 'Bayern', ['gemeinschaft']);
    const all = await app.academy.search({ q: word });
    expect(all.total).toBe(3);
    expect(all.facets.kind).toEqual([{ value: 'praxisbeispiel', count: 2 }, { value: 'methode', count: 1 }]);
    expect(all.facets.field).toEqual([{ value: 'engagement', count: 2 }, { value: 'gemeinschaft', count: 2 }]);
    const bayern = await app.academy.search({ q: word, land: 'Bayern' });
    expect(bayern.total).toBe(2);
    expect(bayern.facets.land).toEqual([{ value: 'Bayern', count: 2 }, { value: 'Hessen', count: 1 }]);
    expect(bayern.facets.kind).toEqual([{ value: 'methode', count: 1 }, { value: 'praxisbeispiel', count: 1 }]);
    const both = await app.academy.search({ q: word, land: 'Bayern', field: 'engagement' });
    expect(both.total).toBe(1);
    expect(both.facets.field).toEqual([{ value: 'gemeinschaft', count: 2 }, { value: 'engagement', count: 1 }]);
    expect(both.facets.land).toEqual([{ value: 'Bayern', count: 1 }, { value: 'Hessen', count: 1 }]);
    expect(both.hits.map((h) => h.title)).toEqual([`${word} praxisbeispiel Bayern`]);
  });

  it('suggests similar entries', async () => {
    const { entry } = await app.academy.get(null, (await app.academy.search({ q: 'Ortsmitte Bürgerforum' })).hits[0]!.slug);
    const { similar } = await app.academy.get(null, entry.slug);
    expect(similar.map((s) => s.title)).toContain('Stadtspaziergang mit Jugendlichen');
    expect(similar.map((s) => s.slug)).not.toContain(entry.slug);
  });

  it('rejects bad input with field errors and leaves the data unchanged', async () => {
    const before = (await app.academy.mine(author)).length;
    const e = await app.academy.create(author, { kind: 'roman', title: 'x', year: 'neunzehn', url: 'javascript:alert(1)', fieldsOfAction: ['mond'] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys((e as ValidationError).fields).sort()).toEqual(['fieldsOfAction.0', 'kind', 'title', 'url', 'year'].sort());
    expect((await app.academy.mine(author)).length).toBe(before);
    await expect(app.academy.create(null, { kind: 'link', title: 'Gast' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lets only the town admin share from the town, keeping the link, straight into review', async () => {
    const [town] = await app.db.select().from(towns).where(eq(towns.slug, 'kastellaun'));
    const mayor = await actorFor('mayor@kastellaun.example');
    await app.db.insert(memberships).values({ userId: mayor.userId, townId: town!.id, role: 'town_admin' });
    const member = await actorFor('member@kastellaun.example');
    await app.db.insert(memberships).values({ userId: member.userId, townId: town!.id, role: 'member' });
    const input = { kind: 'projekt', title: 'Schlagzeilen aus dem Jahr 2030', summary: 'Unser Zukunftsbild.' };
    await expect(app.academy.shareFromTown(await actorFor('member@kastellaun.example'), 'kastellaun', input)).rejects.toBeInstanceOf(ForbiddenError);
    const mayorActor = await actorFor('mayor@kastellaun.example');
    await expect(app.academy.shareFromTown(mayorActor, 'beverungen', input)).rejects.toBeInstanceOf(ForbiddenError);
    const shared = await app.academy.shareFromTown(mayorActor, 'kastellaun', input, '/t/kastellaun/process');
    expect(shared).toMatchObject({ status: 'review', townId: town!.id, sourcePath: '/t/kastellaun/process', land: 'Rheinland-Pfalz' });
    // Town members see it through their town; others do not.
    await expect(app.academy.get(stranger, shared.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    await app.academy.publish(editor, shared.slug);
    expect((await app.academy.ofTown(town!.id)).map((e) => e.title)).toEqual(['Schlagzeilen aus dem Jahr 2030']);
  });

  it('stores the Kleinstadt-Check per town over time and suggests entries for weak points', async () => {
    const mayor = await actorFor('mayor@kastellaun.example');
    const answers = (rating: (n: number) => number) => Array.from({ length: 10 }, (_, i) => ({ point: i + 1, rating: rating(i + 1), note: '' }));
    await expect(app.kleinstadtCheck.submit(stranger, 'kastellaun', { answers: answers(() => 3) })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.kleinstadtCheck.submit(mayor, 'kastellaun', { answers: answers((n) => (n === 4 ? 7 : 3)) }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ 'answers.3.rating': 'error_rating_required' });
    await app.kleinstadtCheck.submit(mayor, 'kastellaun', { team: 'Lenkungsgruppe', answers: answers(() => 2) });
    await app.kleinstadtCheck.submit(mayor, 'kastellaun', { team: 'Lenkungsgruppe', answers: answers((n) => (n === 3 ? 1 : 4)) });
    const history = await app.kleinstadtCheck.history(mayor, 'kastellaun');
    expect(history.checks).toHaveLength(2);
    expect(history.latest!.ratings[3]!.rating).toBe(1);
    expect(Object.keys(history.help)).toEqual(['3']);
    expect(history.help[3]!.map((h) => h.title)).toContain('Stadtspaziergang mit Jugendlichen');
    await expect(app.kleinstadtCheck.history(stranger, 'kastellaun')).rejects.toBeInstanceOf(ForbiddenError);
  });
});
