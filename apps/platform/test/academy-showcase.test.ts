import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { EntryNotFoundError } from '../src/lib/modules/academy/server/service.ts';
import { seedShowcaseDemo } from '../src/lib/modules/academy/server/showcase/demo.ts';
import { academyEntryFiles, academyStoryPhotos } from '../src/lib/modules/academy/server/showcase/schema.ts';
import { isPdf, safeFilename } from '../src/lib/modules/academy/server/showcase/attachments.ts';

/** A JPEG carrying EXIF data (a camera model and a copyright note). */
async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .jpeg()
    .withExif({ IFD0: { Model: 'SecretCam 3000', Copyright: 'Geheim' } })
    .toBuffer();
}
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('upload checks', () => {
  it('recognises PDFs by their magic number and cleans file names', () => {
    expect(isPdf(new Uint8Array(pdfBytes))).toBe(true);
    expect(isPdf(new Uint8Array(Buffer.from('<html>%PDF-')))).toBe(false);
    expect(safeFilename('Bericht über "Ü" <script>.pdf', 'x')).toBe('Bericht-uber-U-script-.pdf');
    expect(safeFilename('../..', 'fallback')).toBe('fallback');
  });
});

describe.each(engines)('showcase stories and entry attachments on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;

  const actorFor = (email: string, editor = false) => testActor(app, email, { editor });

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    expect(await seedShowcaseDemo(app.db)).toBe(3);
    expect(await seedShowcaseDemo(app.db)).toBe(0);
  });
  afterAll(() => dispose());

  it('lets editors write, illustrate and publish stories; drafts stay hidden', async () => {
    const editor = await actorFor('editor@academy.example', true);
    const user = await actorFor('user@example.org');
    expect((await app.showcase.list()).map((s) => s.slug)).toContain('rodewisch-neue-mitte-selbst-gemacht');
    await expect(app.showcase.create(user, { title: 'Meine Geschichte', teaser: 'Eine ausreichend lange Kurzfassung.' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.showcase.create(editor, { title: 'X', teaser: 'kurz', town: 'atlantis' })).rejects.toBeInstanceOf(ValidationError);
    const bad = await app.showcase.create(editor, { title: 'X', teaser: 'kurz' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ title: 'error_title_too_short', teaser: 'error_teaser_required' });
    const story = await app.showcase.create(editor, { title: 'Kastellaun baut die Stadthalle um', teaser: 'Ein Planungswettbewerb für das Tivoli und sein Umfeld.', town: 'kastellaun', fieldsOfAction: ['gemeinschaft'] });
    expect(story.status).toBe('draft');
    await expect(app.showcase.get(null, story.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    expect((await app.showcase.list()).map((s) => s.slug)).not.toContain(story.slug);

    const jpeg = await jpegWithExif();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    await expect(app.showcase.addPhoto(editor, story.slug, { altText: '' }, new File([new Uint8Array(jpeg)], 'a.jpg'))).rejects.toMatchObject({ fields: { altText: 'error_alt_required' } });
    await expect(app.showcase.addPhoto(editor, story.slug, { altText: 'Die Stadthalle' }, new File(['kein Bild'], 'a.jpg'))).rejects.toMatchObject({ fields: { photo: 'error_photo_type' } });
    await expect(app.showcase.addPhoto(editor, story.slug, { altText: 'Die Stadthalle' }, undefined)).rejects.toMatchObject({ fields: { photo: 'error_photo_required' } });
    await expect(app.showcase.addPhoto(user, story.slug, { altText: 'Die Stadthalle' }, new File([new Uint8Array(jpeg)], 'a.jpg'))).rejects.toBeInstanceOf(ForbiddenError);
    const photoId = await app.showcase.addPhoto(editor, story.slug, { altText: 'Die Stadthalle Tivoli von außen' }, new File([new Uint8Array(jpeg)], 'a.jpg'));
    const [stored] = await app.db.select().from(academyStoryPhotos).where(eq(academyStoryPhotos.id, photoId));
    const meta = await sharp(stored!.image).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(await app.showcase.photoFile(null, photoId, 'image')).toBeNull();
    expect(await app.showcase.photoFile(editor, photoId, 'image')).not.toBeNull();

    await expect(app.showcase.setStatus(user, story.slug, 'published')).rejects.toBeInstanceOf(ForbiddenError);
    await app.showcase.setStatus(editor, story.slug, 'published');
    const shown = await app.showcase.get(null, story.slug);
    expect(shown.photos).toHaveLength(1);
    expect((await app.showcase.photoFile(null, photoId, 'thumbnail'))!.public).toBe(true);
    expect(await app.showcase.photoFile(null, 'not-a-uuid', 'image')).toBeNull();
  });

  it('attaches images (re-encoded, alt text required) and PDFs (magic number) to entries whoever may edit them', async () => {
    const author = await actorFor('author@example.org');
    const stranger = await actorFor('stranger@example.org');
    const entry = await app.academy.create(author, { kind: 'werkzeug', title: 'Checkliste Bürgerforum' });
    const pdf = new File([new Uint8Array(pdfBytes)], 'Checkliste Bürgerforum.pdf', { type: 'application/pdf' });
    await expect(app.entryFiles.upload(stranger, entry.slug, {}, pdf)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(app.entryFiles.upload(null, entry.slug, {}, pdf)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(app.entryFiles.upload(author, entry.slug, {}, undefined)).rejects.toMatchObject({ fields: { file: 'error_file_required' } });
    await expect(app.entryFiles.upload(author, entry.slug, {}, new File(['<html>not a pdf</html>'], 'fake.pdf', { type: 'application/pdf' }))).rejects.toMatchObject({ fields: { altText: 'error_alt_required' } });
    await expect(app.entryFiles.upload(author, entry.slug, { altText: 'Eine Webseite' }, new File(['<html>not a pdf</html>'], 'fake.pdf', { type: 'application/pdf' }))).rejects.toMatchObject({ fields: { file: 'error_file_type' } });
    await expect(app.entryFiles.upload(author, entry.slug, {}, new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.pdf'))).rejects.toMatchObject({ fields: { file: 'error_file_too_large' } });
    const pdfId = await app.entryFiles.upload(author, entry.slug, { caption: 'zum Ausdrucken' }, pdf);
    const [storedPdf] = await app.db.select().from(academyEntryFiles).where(eq(academyEntryFiles.id, pdfId));
    expect(Buffer.compare(storedPdf!.data, pdfBytes)).toBe(0);
    expect(storedPdf).toMatchObject({ kind: 'pdf', filename: 'Checkliste-Burgerforum.pdf' });
    const imageId = await app.entryFiles.upload(author, entry.slug, { altText: 'Sitzordnung im Kreis' }, new File([new Uint8Array(await jpegWithExif())], 'foto.jpg'));
    const [storedImage] = await app.db.select().from(academyEntryFiles).where(eq(academyEntryFiles.id, imageId));
    expect((await sharp(storedImage!.data).metadata()).exif).toBeUndefined();
    expect((await app.entryFiles.list(entry.id)).map((f) => f.kind)).toEqual(['pdf', 'image']);
    // Files of a draft are visible only to those who see the draft.
    expect(await app.entryFiles.file(null, pdfId, 'file')).toBeNull();
    expect(await app.entryFiles.file(stranger, pdfId, 'file')).toBeNull();
    expect((await app.entryFiles.file(author, pdfId, 'file'))!.kind).toBe('pdf');
    await expect(app.entryFiles.remove(stranger, entry.slug, pdfId)).rejects.toBeInstanceOf(EntryNotFoundError);
    await app.entryFiles.remove(author, entry.slug, pdfId);
    expect(await app.entryFiles.list(entry.id)).toHaveLength(1);
  });
});
