import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { ProcessNotFoundError } from '../src/lib/modules/processes/server/errors.ts';
import { diffStory, splitParagraphs } from '../src/lib/modules/vision/server/story.ts';

const STORY_1 = 'Es ist das Jahr 2030.\n\nAm Marktplatz treffen sich Jung und Alt im neuen Bürgerhaus.\n\nDer Bus fährt jede halbe Stunde.';
const STORY_2 = 'Es ist das Jahr 2030.\n\nAm Marktplatz treffen sich Jung und Alt im neuen Bürgerhaus, das die Vereine selbst betreiben.\n\nDer Rufbus fährt jede halbe Stunde.';

describe('story helpers', () => {
  it('splits paragraphs at blank lines and diffs words', () => {
    expect(splitParagraphs('a\r\n\r\n\r\n b \n\n\n')).toEqual(['a', 'b']);
    const { parts, added, removed } = diffStory(STORY_1, STORY_2);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toContain('Rufbus');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toContain('Bus');
    expect(added).toBeGreaterThanOrEqual(6);
    expect(removed).toBeGreaterThanOrEqual(1);
    // Rebuilding both sides from the parts gives the two texts back.
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(STORY_1);
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(STORY_2);
  });
});

describe.each(engines)('vision and story on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let moderator: Actor;
  let member: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    member = await testActor(app, 'mitglied@k.example', { town: 'kastellaun', role: 'member' });
    outsider = await testActor(app, 'aussen@k.example');
    await app.processes.create(admin, 'kastellaun', { title: 'Kastellaun 2030', blueprint: 'szenariowerkstatt' });
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2030', { title: 'Kastellaun 2030', summary: '', published: 'on' });
  });
  afterAll(() => dispose());

  it('keeps goals by field of action; only the team edits; drafts stay hidden from the public', async () => {
    await expect(app.vision.addGoal(member, 'kastellaun', 'kastellaun-2030', { field: 'wohnen', title: 'Wohnen im Zentrum' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.vision.addGoal(moderator, 'kastellaun', 'kastellaun-2030', { field: 'quatsch', title: 'x' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ field: 'error_field_required', title: 'error_required' });
    await app.vision.addGoal(moderator, 'kastellaun', 'kastellaun-2030', { field: 'mobilitaet', title: 'Rufbus in alle Ortsteile' });
    await app.vision.addGoal(moderator, 'kastellaun', 'kastellaun-2030', { field: 'wohnen', title: 'Wohnen im Zentrum', description: 'Leerstand wird Wohnraum.' });
    await app.vision.addGoal(admin, 'kastellaun', 'kastellaun-2030', { field: 'wohnen', title: 'Mehrgenerationenhaus' });
    await app.vision.saveIntro(admin, 'kastellaun', 'kastellaun-2030', { intro: 'Unser Bild von **2030**.' });

    const team = await app.vision.overview(member, 'kastellaun', 'kastellaun-2030');
    expect(team.goals.map((g) => [g.field, g.goals.map((x) => x.title)])).toEqual([
      ['wohnen', ['Wohnen im Zentrum', 'Mehrgenerationenhaus']],
      ['mobilitaet', ['Rufbus in alle Ortsteile']],
    ]);
    const visitor = await app.vision.overview(null, 'kastellaun', 'kastellaun-2030');
    expect(visitor.vision).toBeNull();
    expect(visitor.goals).toEqual([]);
    expect((await app.vision.overview(outsider, 'kastellaun', 'kastellaun-2030')).vision).toBeNull();

    await expect(app.vision.setVisionPublished(member, 'kastellaun', 'kastellaun-2030', true)).rejects.toBeInstanceOf(ForbiddenError);
    await app.vision.setVisionPublished(admin, 'kastellaun', 'kastellaun-2030', true);
    const published = await app.vision.overview(null, 'kastellaun', 'kastellaun-2030');
    expect(published.vision?.intro).toBe('Unser Bild von **2030**.');
    expect(published.goals).toHaveLength(2);
    const onTownPage = await app.vision.publishedForTown('kastellaun');
    expect(onTownPage.map((v) => [v.processSlug, v.vision?.fields])).toEqual([
      ['kastellaun-2030', expect.arrayContaining([{ field: 'wohnen', goals: 2 }, { field: 'mobilitaet', goals: 1 }])],
    ]);
  });

  it('takes an image through the photo pipeline: alt text required, re-encoded, hidden while a draft', async () => {
    const png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    const file = new File([new Uint8Array(png)], 'bild.png', { type: 'image/png' });
    const missing = await app.vision.uploadImage(moderator, 'kastellaun', 'kastellaun-2030', { altText: '' }, undefined).catch((e: unknown) => e);
    expect((missing as ValidationError).fields).toEqual({ altText: 'error_alt_required', photo: 'error_photo_required' });
    const junk = new File([new Uint8Array(Buffer.from('<svg onload=alert(1)>'))], 'x.svg');
    expect(((await app.vision.uploadImage(moderator, 'kastellaun', 'kastellaun-2030', { altText: 'Zeichnung der Stadt' }, junk).catch((e: unknown) => e)) as ValidationError).fields).toEqual({ photo: 'error_photo_type' });
    await app.vision.uploadImage(moderator, 'kastellaun', 'kastellaun-2030', { altText: 'Gezeichnete Stadtansicht 2030' }, file);
    const served = await app.vision.image(null, 'kastellaun', 'kastellaun-2030', 'image');
    const meta = await sharp(served!.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1600, 800]);
    expect(served!.public).toBe(true);
    await app.vision.setVisionPublished(admin, 'kastellaun', 'kastellaun-2030', false);
    expect(await app.vision.image(null, 'kastellaun', 'kastellaun-2030', 'image')).toBeNull();
    expect(await app.vision.image(member, 'kastellaun', 'kastellaun-2030', 'thumbnail')).not.toBeNull();
    await app.vision.setVisionPublished(admin, 'kastellaun', 'kastellaun-2030', true);
  });

  it('versions every save with author and time; unchanged text makes no version; concurrent saves get distinct numbers', async () => {
    await expect(app.vision.saveStory(member, 'kastellaun', 'kastellaun-2030', { body: STORY_1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(((await app.vision.saveStory(admin, 'kastellaun', 'kastellaun-2030', { body: '   ' }).catch((e: unknown) => e)) as ValidationError).fields).toEqual({ body: 'error_required' });
    const first = await app.vision.saveStory(admin, 'kastellaun', 'kastellaun-2030', { body: STORY_1, note: 'Erster Entwurf' });
    expect([first.created, first.version.number, first.version.authorId]).toEqual([true, 1, admin.userId]);
    expect((await app.vision.saveStory(moderator, 'kastellaun', 'kastellaun-2030', { body: STORY_1 })).created).toBe(false);
    const second = await app.vision.saveStory(moderator, 'kastellaun', 'kastellaun-2030', { body: STORY_2, note: 'Vereine und Rufbus' });
    expect(second.version.number).toBe(2);
    const parallel = await Promise.all([3, 4, 5].map((i) => app.vision.saveStory(admin, 'kastellaun', 'kastellaun-2030', { body: `${STORY_2}\n\nNachtrag ${i}` })));
    expect(parallel.map((p) => p.version.number).sort()).toEqual([3, 4, 5]);
    const view = await app.vision.version(member, 'kastellaun', 'kastellaun-2030');
    expect(view.version?.number).toBe(5);
    expect(view.versions.map((v) => [v.number, v.author.name])).toEqual([
      [5, 'admin'],
      [4, 'admin'],
      [3, 'admin'],
      [2, 'moderation'],
      [1, 'admin'],
    ]);
    expect(view.versions[4]!.createdAt).toBeInstanceOf(Date);
  });

  it('diffs any two versions (team only) and names bad version fields', async () => {
    const diff = await app.vision.diff(member, 'kastellaun', 'kastellaun-2030', '1', '2');
    expect(diff.parts.some((p) => p.kind === 'added' && p.text.includes('Rufbus'))).toBe(true);
    const back = await app.vision.diff(member, 'kastellaun', 'kastellaun-2030', '2', '1');
    expect(back.parts.some((p) => p.kind === 'removed' && p.text.includes('Rufbus'))).toBe(true);
    await expect(app.vision.diff(null, 'kastellaun', 'kastellaun-2030', '1', '2')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.vision.diff(outsider, 'kastellaun', 'kastellaun-2030', '1', '2')).rejects.toBeInstanceOf(ForbiddenError);
    expect(((await app.vision.diff(member, 'kastellaun', 'kastellaun-2030', 'x', '-1').catch((e: unknown) => e)) as ValidationError).fields).toEqual({ from: 'error_invalid', to: 'error_invalid' });
    await expect(app.vision.diff(member, 'kastellaun', 'kastellaun-2030', '1', '99')).rejects.toBeInstanceOf(ProcessNotFoundError);
  });

  it('anchors comments to a paragraph and a quote from it', async () => {
    await expect(app.vision.comment(outsider, 'kastellaun', 'kastellaun-2030', 2, { paragraph: '1', body: 'Gute Idee' })).rejects.toBeInstanceOf(ForbiddenError);
    await app.vision.comment(member, 'kastellaun', 'kastellaun-2030', 2, { paragraph: '1', quote: 'die  Vereine selbst\nbetreiben', body: 'Wer genau betreibt es?' });
    await app.vision.comment(moderator, 'kastellaun', 'kastellaun-2030', 2, { paragraph: '2', body: 'Auch sonntags?' });
    const wrong = await app.vision.comment(member, 'kastellaun', 'kastellaun-2030', 2, { paragraph: '1', quote: 'steht nicht im Absatz', body: 'Hm' }).catch((e: unknown) => e);
    expect((wrong as ValidationError).fields).toEqual({ quote: 'error_quote_not_found' });
    const outOfRange = await app.vision.comment(member, 'kastellaun', 'kastellaun-2030', 2, { paragraph: '9', body: 'Hm, hm' }).catch((e: unknown) => e);
    expect((outOfRange as ValidationError).fields).toEqual({ paragraph: 'error_paragraph_invalid' });
    const view = await app.vision.version(member, 'kastellaun', 'kastellaun-2030', '2');
    expect(view.paragraphs.map((p) => p.comments.map((c) => [c.quote, c.body, c.author.name]))).toEqual([
      [],
      [['die Vereine selbst betreiben', 'Wer genau betreibt es?', 'mitglied']],
      [['Der Rufbus fährt jede halbe Stunde.', 'Auch sonntags?', 'moderation']],
    ]);
    // Comments belong to their version.
    expect((await app.vision.version(member, 'kastellaun', 'kastellaun-2030', '1')).paragraphs.flatMap((p) => p.comments)).toEqual([]);
  });

  it('publishes one version; visitors see only that one, never drafts or comments', async () => {
    expect((await app.vision.version(null, 'kastellaun', 'kastellaun-2030')).version).toBeNull();
    await expect(app.vision.publishStory(member, 'kastellaun', 'kastellaun-2030', 2)).rejects.toBeInstanceOf(ForbiddenError);
    await app.vision.publishStory(admin, 'kastellaun', 'kastellaun-2030', 2);
    const visitor = await app.vision.version(null, 'kastellaun', 'kastellaun-2030');
    expect([visitor.version?.number, visitor.versions, visitor.paragraphs.flatMap((p) => p.comments)]).toEqual([2, [], []]);
    await expect(app.vision.version(null, 'kastellaun', 'kastellaun-2030', '1')).rejects.toBeInstanceOf(ProcessNotFoundError);
    expect((await app.vision.overview(null, 'kastellaun', 'kastellaun-2030')).publishedStory?.number).toBe(2);
    expect((await app.vision.publishedForTown('kastellaun'))[0]!.storyOpening).toBe('Es ist das Jahr 2030.');
    // A draft process shows nothing on the town page.
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2030', { title: 'Kastellaun 2030', summary: '' });
    expect(await app.vision.publishedForTown('kastellaun')).toEqual([]);
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2030', { title: 'Kastellaun 2030', summary: '', published: 'on' });
    await app.vision.publishStory(admin, 'kastellaun', 'kastellaun-2030', null);
    expect((await app.vision.version(null, 'kastellaun', 'kastellaun-2030')).version).toBeNull();
  });

  it('records every change in the audit log, visible to town admins only, filterable and paginated', async () => {
    await expect(app.audit.forTown(moderator, 'kastellaun')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.audit.forTown(null, 'kastellaun')).rejects.toBeInstanceOf(ForbiddenError);
    const all = await app.audit.forTown(admin, 'kastellaun');
    const actions = all.rows.map((r) => r.action);
    for (const a of ['vision.goal_added', 'vision.intro_saved', 'vision.image_set', 'vision.published', 'vision.unpublished', 'story.version_saved', 'story.commented', 'story.published', 'story.unpublished', 'process.created', 'process.edited']) {
      expect(actions).toContain(a);
    }
    // In words: ids in the details become the names of what they point to.
    const created = all.rows.find((r) => r.action === 'process.created')!;
    expect(created.details).toContainEqual({ key: 'processId', value: 'Kastellaun 2030' });
    expect(JSON.stringify(all.rows.map((r) => r.details))).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const stories = await app.audit.forTown(admin, 'kastellaun', { action: 'story.' });
    expect(stories.rows.every((r) => r.action.startsWith('story.'))).toBe(true);
    expect(stories.rows.filter((r) => r.action === 'story.version_saved')).toHaveLength(5);
    const byModerator = await app.audit.forTown(admin, 'kastellaun', { who: 'moderation' });
    expect(new Set(byModerator.rows.map((r) => r.actor))).toEqual(new Set(['moderation']));
    // The filter's days are days in Europe/Berlin (between 23:00 and 24:00 UTC it is already tomorrow there).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect((await app.audit.forTown(admin, 'kastellaun', { from: '2000-01-01', to: '2000-01-02' })).total).toBe(0);
    expect((await app.audit.forTown(admin, 'kastellaun', { from: today, to: today })).total).toBe(all.total);
    // Pagination: 50 per page, newest first, the last page holds the rest.
    for (let i = 0; i < 60; i++) await app.vision.saveIntro(admin, 'kastellaun', 'kastellaun-2030', { intro: `Fassung ${i}` });
    const first = await app.audit.forTown(admin, 'kastellaun', { page: '1' });
    const second = await app.audit.forTown(admin, 'kastellaun', { page: '2' });
    expect(first.rows).toHaveLength(50);
    expect(first.pages).toBeGreaterThanOrEqual(2);
    expect(second.rows[0]!.id).toBeLessThan(first.rows[49]!.id);
    expect((await app.audit.forTown(admin, 'kastellaun', { page: '9999' })).filter.page).toBe(first.pages);
    // Bad filter values are ignored, never an error.
    expect((await app.audit.forTown(admin, 'kastellaun', { action: "x'; drop table", from: 'gestern', page: '-3' })).total).toBe(first.total);
  });
});
