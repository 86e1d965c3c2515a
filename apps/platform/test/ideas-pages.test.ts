import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { ideaImages, ideas } from '../src/lib/modules/processes/server/schema.ts';
import { decodeCursor, microsToIso, type IdeaCursor } from '../src/lib/modules/processes/server/ideas.ts';
import { csvCell, toCsv } from '../src/lib/server/csv.ts';
import { outlineOf, projectPoint } from '../src/lib/modules/atlas/server/town-map.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

describe('idea list cursors and CSV cells', () => {
  it('reads only well-formed cursors and keeps microseconds exact', () => {
    expect(decodeCursor('12.0f8fad5b-d9cb-469f-a165-70867728950e')).toEqual({ key: '12', id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    for (const bad of ['', '12', '-1.0f8fad5b-d9cb-469f-a165-70867728950e', "1.0f8fad5b-d9cb-469f-a165-70867728950e' or 1=1", '1.x', null, undefined]) expect(decodeCursor(bad)).toBeNull();
    expect(microsToIso('1767225600000001')).toBe('2026-01-01T00:00:00.000001Z');
    expect(microsToIso('1767225600123456')).toBe('2026-01-01T00:00:00.123456Z');
  });

  it('defuses formulas and quotes separators, quotes and line breaks', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+49 6762')).toBe("'+49 6762");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tTab')).toBe("'\tTab");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell('Straße – ö')).toBe('Straße – ö');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(toCsv([['a', 'b'], [1, '=2']])).toBe("\uFEFFa;b\r\n1;'=2\r\n");
    // Comma-separated with credit lines first (the atlas downloads): a cell starting with # is quoted.
    expect(toCsv([['#1', 'a,b']], { delimiter: ',', comments: ['© Destatis'] })).toBe('\uFEFF# © Destatis\r\n"#1","a,b"\r\n');
  });

  it('projects an outline into its view box and accepts points only near it', () => {
    const area = outlineOf([[[[7.4, 50.1], [7.5, 50.1], [7.5, 50.0], [7.4, 50.0], [7.4, 50.1]]]])!;
    expect(area.outline!.d).toMatch(/^M8 8L/);
    const { x, y } = projectPoint(area.outline!.projection, 7.5, 50.0);
    // The view box is rounded up to whole units: the far corner lies within one unit of its padded edge.
    for (const [v, size] of [[x, area.outline!.width], [y, area.outline!.height]] as const) {
      expect(size - 8 - v).toBeGreaterThanOrEqual(0);
      expect(size - 8 - v).toBeLessThan(1);
    }
    expect(area.bounds.minLat).toBeCloseTo(49.99);
    expect(area.bounds.maxLon).toBeCloseTo(7.51);
  });
});

describe.each(engines)('idea pages, locations, images and CSV on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let moderator: Actor;
  let citizen: Actor;
  let ctx: ProcessContext;
  const ideasOf = () => ctx.components.find((c) => c.type === 'ideas')!;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    const admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    citizen = await testActor(app, 'buergerin@k.example');
    ctx = await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('pages by keyset in every order: no idea twice, none missing, also with ties and microsecond times', async () => {
    const component = ideasOf();
    const base = { townId: ctx.town.id, processId: ctx.process.id, componentId: component.id, body: 'Eine von vielen Ideen.' };
    // 130 ideas: support counts 0–4 (many ties), creation times shared by three ideas each, and ten that differ
    // only in the microseconds (a JavaScript Date could not tell them apart).
    await app.db.insert(ideas).values(
      Array.from({ length: 120 }, (_, i) => ({
        ...base,
        title: `Idee ${i}`,
        field: (i % 3 === 0 ? 'wohnen' : 'gemeinschaft') as 'wohnen' | 'gemeinschaft',
        supportCount: i % 5,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 3))),
      })),
    );
    for (let i = 0; i < 10; i++) {
      await app.db.insert(ideas).values({ ...base, title: `Mikro ${i}`, field: 'wohnen', supportCount: 2, createdAt: sql`${`2026-02-01 00:00:00.00000${i}+00`}::timestamptz` as unknown as Date });
    }
    const reference = await app.db
      .select({ id: ideas.id, field: ideas.field, support: ideas.supportCount, micros: sql<string>`(extract(epoch from ${ideas.createdAt}) * 1000000)::bigint::text` })
      .from(ideas)
      .where(eq(ideas.componentId, component.id));
    expect(reference.length).toBe(130);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    for (const sort of ['new', 'support'] as const) {
      for (const field of [null, 'wohnen'] as const) {
        const expected = reference
          .filter((r) => !field || r.field === field)
          .sort((a, b) => (sort === 'support' ? b.support - a.support : Number(BigInt(b.micros) - BigInt(a.micros))) || byId(a, b))
          .map((r) => r.id);
        // Forwards with "next" from the first page to the end.
        const forwards: string[] = [];
        let after: IdeaCursor | null = null;
        let pages = 0;
        for (;;) {
          const page = await app.ideas.list(null, ctx, component, { sort, field, limit: 7, after });
          if (pages === 0) expect(page.prev).toBeNull();
          else expect(page.prev).not.toBeNull();
          forwards.push(...page.items.map((i) => i.id));
          pages++;
          if (!page.next) break;
          after = decodeCursor(page.next);
        }
        expect(forwards).toEqual(expected);
        expect(new Set(forwards).size).toBe(expected.length);
        expect(pages).toBe(Math.ceil(expected.length / 7));
        // Backwards with "previous" from the last page to the start.
        const backwards: string[] = [];
        let page = await app.ideas.list(null, ctx, component, { sort, field, limit: 7, last: true });
        expect(page.next).toBeNull();
        for (;;) {
          backwards.unshift(...page.items.map((i) => i.id));
          if (!page.prev) break;
          page = await app.ideas.list(null, ctx, component, { sort, field, limit: 7, before: decodeCursor(page.prev) });
        }
        expect(backwards).toEqual(expected);
        // A "next" then a "previous" lands on the same page again.
        const first = await app.ideas.list(null, ctx, component, { sort, field, limit: 7 });
        const second = await app.ideas.list(null, ctx, component, { sort, field, limit: 7, after: decodeCursor(first.next) });
        const back = await app.ideas.list(null, ctx, component, { sort, field, limit: 7, before: decodeCursor(second.prev) });
        expect(back.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
        expect(back.prev).toBeNull();
      }
    }
    await app.db.delete(ideas).where(eq(ideas.body, 'Eine von vielen Ideen.'));
  });

  it('uses the town outline from the atlas and refuses points outside the town, naming the field', async () => {
    const area = await app.ideas.area(ctx);
    expect(area?.outline?.d).toMatch(/^M[\d.]+ [\d.]+L/);
    // Kastellaun's centre (Marktplatz) lies inside; the file's bounds are those of Kastellaun, not of Germany.
    expect(area!.bounds.minLat).toBeGreaterThan(49.9);
    expect(area!.bounds.maxLat).toBeLessThan(50.2);
    const input = { title: 'Bank am Markt', body: 'Eine Bank zum Ausruhen am Marktplatz.', field: 'gemeinschaft' };
    const idea = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, latitude: '50,0716', longitude: '7.4412', place: 'Marktplatz' });
    expect([idea.latitude, idea.longitude, idea.place]).toEqual([50.0716, 7.4412, 'Marktplatz']);
    const count = (await app.db.select().from(ideas)).length;
    const berlin = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, latitude: '52.52', longitude: '13.40' }).catch((e: unknown) => e);
    expect((berlin as ValidationError).fields).toEqual({ latitude: 'error_coordinate_outside_town', longitude: 'error_coordinate_outside_town' });
    const east = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, latitude: '50.07', longitude: '8.0' }).catch((e: unknown) => e);
    expect((east as ValidationError).fields).toEqual({ longitude: 'error_coordinate_outside_town' });
    // The point is checked whenever both coordinates parse, also when other fields are wrong: every error at once.
    const allAtOnce = await app.ideas.submit(citizen, ctx, ideasOf(), { title: '', body: 'kurz', field: 'quatsch', latitude: '52.52', longitude: '7.44' }).catch((e: unknown) => e);
    expect((allAtOnce as ValidationError).fields).toEqual({ title: 'error_required', body: 'error_idea_body_short', field: 'error_field_required', latitude: 'error_coordinate_outside_town' });
    const half = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, latitude: '50.07' }).catch((e: unknown) => e);
    expect((half as ValidationError).fields).toEqual({ longitude: 'error_coordinate_pair' });
    const nonsense = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, latitude: 'Marktplatz', longitude: '7.44', place: 'x'.repeat(201) }).catch((e: unknown) => e);
    expect((nonsense as ValidationError).fields).toEqual({ latitude: 'error_coordinate_invalid', place: 'error_too_long' });
    expect((await app.db.select().from(ideas)).length).toBe(count);
    const points = await app.ideas.mapPoints(null, ctx, ideasOf());
    expect(points.map((p) => p.title)).toEqual(['Bank am Markt']);
    const { x, y } = projectPoint(area!.outline!.projection, 7.4412, 50.0716);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(area!.outline!.width);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(area!.outline!.height);
  });

  it('stores an optional image through the photo pipeline, with alt text required, served while visible', async () => {
    const input = { title: 'Brunnen beleben', body: 'Der alte Brunnen soll wieder laufen.', field: 'besucher' };
    const jpeg = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Max Mustermann' } })
      .toBuffer();
    const file = (bytes: Uint8Array, name = 'brunnen.jpg') => new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' });
    const count = (await app.db.select().from(ideas)).length;
    const noAlt = await app.ideas.submit(citizen, ctx, ideasOf(), input, {}, file(jpeg)).catch((e: unknown) => e);
    expect((noAlt as ValidationError).fields).toEqual({ imageAlt: 'error_alt_required' });
    const notImage = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, imageAlt: 'Der Brunnen am Markt' }, {}, file(new TextEncoder().encode('<svg onload=alert(1)>'))).catch((e: unknown) => e);
    expect((notImage as ValidationError).fields).toEqual({ image: 'error_photo_type' });
    const tooLarge = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, imageAlt: 'Der Brunnen am Markt' }, {}, file(new Uint8Array(10 * 1024 * 1024 + 1))).catch((e: unknown) => e);
    expect((tooLarge as ValidationError).fields).toEqual({ image: 'error_photo_too_large' });
    expect((await app.db.select().from(ideas)).length).toBe(count);
    // An empty file field (no file chosen) is no image.
    await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, title: 'Ohne Bild' }, {}, file(new Uint8Array(0), ''));
    const idea = await app.ideas.submit(citizen, ctx, ideasOf(), { ...input, imageAlt: 'Der Brunnen am Markt mit Blumen' }, {}, file(jpeg));
    const got = await app.ideas.get(null, ctx, ideasOf(), idea.id);
    expect(got.image).toEqual({ altText: 'Der Brunnen am Markt mit Blumen', width: 1600, height: 800, storedAt: expect.any(Date) });
    const served = await app.ideas.imageFile(null, idea.id, 'image');
    const meta = await sharp(served!.data).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(served!.public).toBe(true);
    expect((await sharp((await app.ideas.imageFile(null, idea.id, 'thumbnail'))!.data).metadata()).width).toBe(400);
    expect((await app.db.select().from(ideaImages).where(eq(ideaImages.ideaId, idea.id))).length).toBe(1);
    // Hidden: gone for visitors, still there for moderators.
    await app.ideas.hide(moderator, ctx, ideasOf(), idea.id, { reason: 'Urheberrecht ungeklärt' });
    expect(await app.ideas.imageFile(null, idea.id, 'image')).toBeNull();
    expect(await app.ideas.imageFile(citizen, idea.id, 'image')).toBeNull();
    expect((await app.ideas.imageFile(moderator, idea.id, 'image'))?.public).toBe(false);
    expect(await app.ideas.imageFile(null, 'not-a-uuid', 'image')).toBeNull();
  });

  it('exports the ideas as CSV for moderators only: BOM, semicolons, formulas defused, no names', async () => {
    await expect(app.ideas.exportCsv(null, ctx, ideasOf(), 'de')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.ideas.exportCsv(citizen, ctx, ideasOf(), 'de')).rejects.toBeInstanceOf(ForbiddenError);
    await app.ideas.submit(citizen, ctx, ideasOf(), { title: '=HYPERLINK("http://evil.example";"Klick")', body: '@Rathaus: bitte prüfen;\nzweite Zeile', field: 'digital' });
    await app.db.insert(ideas).values({ townId: ctx.town.id, processId: ctx.process.id, componentId: ideasOf().id, title: 'Über den QR-Code', body: 'Pseudonym eingereicht.', field: 'engagement', pseudonym: 'Teilnehmende·r ABC123' });
    const csv = await app.ideas.exportCsv(moderator, ctx, ideasOf(), 'de');
    expect(csv.startsWith('\uFEFFID;Titel;Text;Handlungsfeld;Status;Begründung des Status;Unterstützungen;Kommentare;Eingereicht;Bearbeitet;Ort;Pseudonym;Ausgeblendet;Grund der Ausblendung\r\n')).toBe(true);
    expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example"";""Klick"")";"'@Rathaus: bitte prüfen;\nzweite Zeile";`);
    expect(csv).toMatch(/;Bank am Markt;.*;;Marktplatz · 50\.07160, 7\.44120;;nein;\r\n/);
    expect(csv).toMatch(/;Brunnen beleben;.*;ja;Urheberrecht ungeklärt\r\n/);
    expect(csv).toContain(';Teilnehmende·r ABC123;nein;');
    expect(csv).not.toContain('buergerin');
    expect(csv).not.toContain(citizen.userId);
    const english = await app.ideas.exportCsv(moderator, ctx, ideasOf(), 'en');
    expect(english).toContain('ID;Title;Text;Field of action;Status;');
  });
});
