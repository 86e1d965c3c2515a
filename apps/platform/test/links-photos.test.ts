import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { engines } from './helpers/app.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { memberships, towns } from '../src/lib/modules/towns/server/schema.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { accessLinks } from '../src/lib/modules/processes/server/schema.ts';
import { processImage, MAX_UPLOAD_BYTES } from '../src/lib/modules/processes/server/photos.ts';
import { qrDataUri } from '../src/lib/modules/processes/server/access-links.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

async function photoWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'Geheim', Artist: 'Max Mustermann' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 4/1 0/1' } })
    .toBuffer();
}

describe('image processing', () => {
  it('re-encodes to WebP within 1600 px and strips EXIF', async () => {
    const input = await photoWithExif(3200, 2400);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processImage(input);
    const meta = await sharp(out.image).metadata();
    expect(meta.format).toBe('webp');
    expect([meta.width, meta.height]).toEqual([1600, 1200]);
    expect(meta.exif).toBeUndefined();
    expect((await sharp(out.thumbnail).metadata()).width).toBe(400);
  });

  it('refuses files that are not images', async () => {
    await expect(processImage(new TextEncoder().encode('<svg onload=alert(1)></svg>'))).rejects.toBeInstanceOf(ValidationError);
    await expect(processImage(new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x01]))).rejects.toBeInstanceOf(ValidationError);
  });

  it('draws QR codes as SVG data URIs', () => {
    expect(qrDataUri('https://example.org/l/abc')).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});

describe.each(engines)('access links and photos on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let moderator: Actor;
  let citizen: Actor;
  let ctx: ProcessContext;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    const { seedDemoProcesses } = await import('../src/lib/modules/processes/server/demo-seed.ts');
    await seedDemoProcesses(app.db);
    const townId = (await app.db.select().from(towns).where(eq(towns.slug, 'kastellaun')))[0]!.id;
    const [m] = await app.db.insert(users).values({ email: 'mod@k.example', displayName: 'Mod', passwordHash: 'x' }).returning();
    await app.db.insert(memberships).values({ userId: m!.id, townId, role: 'moderator' });
    moderator = { userId: m!.id, isPlatformAdmin: false, townRoles: await app.towns.rolesOf(m!.id) };
    const [c] = await app.db.insert(users).values({ email: 'c@k.example', displayName: 'C', passwordHash: 'x' }).returning();
    citizen = { userId: c!.id, isPlatformAdmin: false, townRoles: new Map() };
    ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2030');
  });
  afterAll(() => dispose());

  it('creates, opens, counts and revokes access links; only the hash is stored', async () => {
    await expect(app.accessLinks.create(citizen, ctx, { label: 'Aushang' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.accessLinks.create(moderator, ctx, { label: '', days: '999' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ label: 'error_required', days: 'error_days_invalid' });
    const { id, token } = await app.accessLinks.create(moderator, ctx, { label: 'Aushang Rathaus', days: '30' });
    const [row] = await app.db.select().from(accessLinks).where(eq(accessLinks.id, id));
    expect(row!.tokenHash).not.toContain(token);
    const found = await app.accessLinks.lookup(token, 'client-1', true);
    expect(found).toMatchObject({ processSlug: 'kastellaun-2030', townSlug: 'kastellaun' });
    expect(await app.accessLinks.validFor(token, ctx.process.id)).toBe(true);
    expect(await app.accessLinks.validFor(token, '00000000-0000-0000-0000-000000000000')).toBe(false);
    // The link grants what the matrix gives to `link`: submitting ideas, anonymously pseudonymous.
    const ideas = ctx.components.find((c) => c.type === 'ideas')!;
    expect(app.processes.can(null, ctx, ideas, 'ideas:submit', true)).toBe(true);
    expect(app.processes.can(null, ctx, ideas, 'ideas:support', true)).toBe(false);
    await app.accessLinks.revoke(moderator, ctx, id);
    expect(await app.accessLinks.validFor(token, ctx.process.id)).toBe(false);
    expect(await app.accessLinks.lookup(token, 'client-1')).toBeNull();
    expect((await app.accessLinks.list(moderator, ctx))[0]!.redemptions).toBe(1);
  });

  it('rate-limits link lookups per client', async () => {
    let last: unknown;
    for (let i = 0; i < 31; i++) last = await app.accessLinks.lookup(`guess-${i}`, 'scanner');
    expect(last).toBe('rate_limited');
    expect(await app.accessLinks.lookup('guess', 'someone-else')).toBeNull();
  });

  it('uploads meeting photos with required alt text; serves them only where the meeting is visible', async () => {
    const meetingsComponent = ctx.components.find((c) => c.type === 'meetings')!;
    const [meeting] = await app.meetings.list(null, ctx, meetingsComponent);
    const file = new File([new Uint8Array(await photoWithExif(2000, 1000))], 'pinnwand.jpg', { type: 'image/jpeg' });
    await expect(app.photos.upload(citizen, ctx, meetingsComponent, meeting!.id, { altText: 'Pinnwand' }, file)).rejects.toBeInstanceOf(ForbiddenError);
    const missing = await app.photos.upload(moderator, ctx, meetingsComponent, meeting!.id, { altText: '' }, undefined).catch((e: unknown) => e);
    expect((missing as ValidationError).fields).toEqual({ altText: 'error_alt_required', photo: 'error_photo_required' });
    const huge = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'x.jpg');
    expect(((await app.photos.upload(moderator, ctx, meetingsComponent, meeting!.id, { altText: 'Zu groß' }, huge).catch((e: unknown) => e)) as ValidationError).fields).toEqual({ photo: 'error_photo_too_large' });
    const fake = new File([new TextEncoder().encode('kein Bild')], 'x.jpg');
    expect(((await app.photos.upload(moderator, ctx, meetingsComponent, meeting!.id, { altText: 'Kein Bild' }, fake).catch((e: unknown) => e)) as ValidationError).fields).toEqual({ photo: 'error_photo_type' });
    const id = await app.photos.upload(moderator, ctx, meetingsComponent, meeting!.id, { altText: 'Pinnwand mit Stärken und Schwächen', caption: 'Werkstatt I' }, file);
    const photos = await app.photos.list(null, ctx, meetingsComponent, meeting!.id);
    expect(photos).toEqual([{ id, altText: 'Pinnwand mit Stärken und Schwächen', caption: 'Werkstatt I', width: 1600, height: 800 }]);
    const served = await app.photos.file(null, id, 'image');
    expect(served?.public).toBe(true);
    expect((await sharp(served!.data).metadata()).exif).toBeUndefined();
    // A draft process's photos are not served to visitors.
    await app.processes.edit({ ...moderator }, 'kastellaun', 'kastellaun-2030', { title: 'Zukunftsprozess Kastellaun 2030', summary: '' });
    expect(await app.photos.file(null, id, 'thumbnail')).toBeNull();
    expect(await app.photos.file(moderator, id, 'thumbnail')).not.toBeNull();
    await app.photos.remove(moderator, ctx, meetingsComponent, meeting!.id, id);
    expect(await app.photos.file(moderator, id, 'image')).toBeNull();
  });
});
