import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { adminPage, expectAccessible, visit, screenshot } from './support.ts';

test.describe.configure({ mode: 'serial' });

test('an anonymous participant joins through an access link and submits an idea; revoking ends it', async ({ browser }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Zugangslinks und QR-Codes' }).click();
  await expectAccessible(admin);
  await admin.getByLabel('Bezeichnung').fill('Aushang Rathaus');
  await admin.getByLabel('Gültig für Tage').fill('30');
  await admin.getByRole('button', { name: 'Link anlegen' }).click();
  await expect(admin.getByRole('img', { name: 'QR-Code für den Zugangslink „Aushang Rathaus“' })).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'access-link');
  const link = new URL((await admin.getByTestId('new-link').textContent())!).pathname;

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visit(visitor, link);
  await visitor.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
  await expect(visitor.getByText('Sie nehmen über einen Zugangslink teil')).toBeVisible();
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: 'Ideen für unsere Stadt' }).click();
  await visitor.getByLabel('Titel der Idee').fill('Trinkbrunnen am Markt');
  await visitor.getByLabel('Beschreibung', { exact: true }).fill('Im Sommer fehlt frisches Wasser in der Innenstadt.');
  await visitor.getByLabel('Handlungsfeld', { exact: true }).selectOption('gemeinschaft');
  await visitor.getByRole('button', { name: 'Idee einreichen' }).click();
  await expect(visitor.getByText('Danke! Ihre Idee wurde veröffentlicht.')).toBeVisible();
  await visitor.getByRole('link', { name: 'Trinkbrunnen am Markt' }).click();
  await expect(visitor.getByText(/Teilnehmende·r [0-9A-F]{6}/)).toBeVisible();
  await expectAccessible(visitor);

  // Revoked: the form is gone for the link visitor.
  await admin.getByRole('button', { name: 'Link „Aushang Rathaus“ zurückziehen' }).click();
  await expect(admin.getByText('Der Link wurde zurückgezogen')).toBeVisible();
  await visitor.getByRole('link', { name: 'Alle Ideen' }).click();
  await expect(visitor.getByRole('button', { name: 'Idee einreichen' })).toHaveCount(0);
  await visit(visitor, link);
  await expect(visitor.getByText('Dieser Zugangslink ist ungültig')).toBeVisible();
  await visitorContext.close();
  await admin.context().close();
});

test('photos of a pinboard: alt text required, resized, shown with the meeting', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Szenariowerkstätten' }).click();
  await admin.getByRole('link', { name: 'Szenariowerkstatt II: Einflussfaktoren und Schlüsselfaktoren' }).click();
  const jpeg = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 240, g: 220, b: 120 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Kamera' } })
    .toBuffer();
  await admin.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'pinnwand.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await admin.getByRole('button', { name: 'Foto hochladen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Bitte beschreiben Sie das Bild');
  await expectAccessible(admin);
  await admin.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'pinnwand.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await admin.getByLabel('Bildbeschreibung (Alternativtext)').fill('Pinnwand mit acht Schlüsselfaktoren auf gelben Karten');
  await admin.getByRole('button', { name: 'Foto hochladen' }).click();
  await expect(admin.getByText('Das Foto wurde hochgeladen.')).toBeVisible();
  await expect(admin.getByRole('img', { name: 'Pinnwand mit acht Schlüsselfaktoren auf gelben Karten' })).toBeVisible();
  await expectAccessible(admin);
  const src = await admin.getByRole('img', { name: 'Pinnwand mit acht Schlüsselfaktoren' }).getAttribute('src');
  const url = admin.url();
  await admin.context().close();

  await visit(page, url);
  await expect(page.getByRole('img', { name: 'Pinnwand mit acht Schlüsselfaktoren auf gelben Karten' })).toBeVisible();
  const image = await page.request.get(src!.replace('thumbnail', 'image'));
  expect(image.headers()['content-type']).toBe('image/webp');
  const meta = await sharp(await image.body()).metadata();
  expect(meta.width).toBe(1600);
  expect(meta.exif).toBeUndefined();
});
