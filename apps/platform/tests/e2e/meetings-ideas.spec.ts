import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { adminPage, expectAccessible, pageAs, visit, screenshot } from './support.ts';

test.describe.configure({ mode: 'serial' });

const ahead = (days: number, time: string) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

test('a meeting with registration, waiting list, attendance and a protocol that cannot run scripts', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Szenariowerkstätten' }).click();
  await expectAccessible(admin);
  await expect(admin.getByRole('link', { name: 'Szenariowerkstatt I: Die Gruppe findet sich' })).toBeVisible();

  // Bad input: every field named, nothing created.
  await admin.getByRole('button', { name: 'Termin anlegen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Titel des Termins');
  await expectAccessible(admin);
  await admin.getByLabel('Titel des Termins').fill('Werkstatt Innenstadt');
  await admin.getByLabel('Beginn (Datum und Uhrzeit)').fill(ahead(12, '18:00'));
  await admin.getByLabel('Ende (Datum und Uhrzeit)').fill(ahead(12, '20:30'));
  await admin.locator('#field-place').fill('Rathaus');
  await admin.getByLabel('Adresse').fill('Kirchstraße 1, 56288 Kastellaun');
  await admin.getByLabel('Plätze').fill('1');
  await admin.getByRole('button', { name: 'Termin anlegen' }).click();
  await expect(admin.getByText('Der Termin wurde angelegt.')).toBeVisible();
  await admin.getByRole('link', { name: 'Zum Termin' }).click();
  await expect(admin.getByRole('heading', { name: 'Werkstatt Innenstadt' })).toBeVisible();
  await admin.getByRole('button', { name: 'Anmelden' }).click();
  await expect(admin.getByText('Sie sind angemeldet.').first()).toBeVisible();
  await expect(admin.getByText('1 von 1 Platz vergeben, 0 auf der Warteliste')).toBeVisible();
  await expectAccessible(admin);

  // Attendance and protocol with an XSS payload.
  await admin.getByLabel('Demo-Administration').check();
  await admin.getByRole('button', { name: 'Anwesenheit speichern' }).click();
  await expect(admin.getByLabel('Demo-Administration')).toBeChecked();
  let dialogs = 0;
  admin.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await admin.getByRole('textbox', { name: 'Protokoll' }).fill('## Ergebnisse\n\n- Leerstand nutzen\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>[Link](javascript:alert(3))');
  await admin.getByRole('button', { name: 'Protokoll speichern' }).click();
  await expect(admin.locator('.protocol h2')).toHaveText('Ergebnisse');
  await expect(admin.locator('.protocol script, .protocol img[onerror]')).toHaveCount(0);
  await admin.locator('.protocol a', { hasText: 'Link' }).click().catch(() => undefined);
  expect(dialogs).toBe(0);
  await expectAccessible(admin);
  await screenshot(admin, 'meeting-detail');
  await admin.context().close();

  // A visitor sees the meeting on the town page and in the calendar feed, and is asked to log in to register.
  await visit(page, '/t/kastellaun');
  await page.getByRole('link', { name: 'Werkstatt Innenstadt' }).click();
  await expect(page.getByRole('link', { name: 'Zum Anmelden bitte einloggen' })).toBeVisible();
  await expectAccessible(page);
  const ics = await page.request.get('/t/kastellaun/calendar.ics');
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('SUMMARY:Werkstatt Innenstadt');
  const processFeed = await page.request.get('/t/kastellaun/p/kastellaun-2030/calendar.ics');
  expect(await processFeed.text()).toContain('SUMMARY:Szenariowerkstatt I: Die Gruppe findet sich');
});

test('submit and support an idea, then moderate it with status and a visible reason', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Ideen für unsere Stadt' }).click();
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Idee einreichen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Bitte wählen Sie ein Handlungsfeld.');
  await expectAccessible(admin);
  await admin.getByLabel('Titel der Idee').fill('Mitfahrbank am Marktplatz');
  await admin.getByLabel('Beschreibung', { exact: true }).fill('Wer sich auf die Bank setzt, möchte mitgenommen werden.');
  await admin.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Mobilität gut vernetzt' });
  await admin.getByRole('button', { name: 'Idee einreichen' }).click();
  await expect(admin.getByText('Danke! Ihre Idee wurde veröffentlicht.')).toBeVisible();
  await admin.getByRole('link', { name: 'Mitfahrbank am Marktplatz' }).click();
  // Authors cannot support their own idea; somebody else does.
  await expect(admin.getByText('Ihre Idee', { exact: true })).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Idee unterstützen' })).toHaveCount(0);
  const neighbour = await pageAs(browser, 'kastellaun@kleinstadt.example');
  await neighbour.goto(admin.url());
  await neighbour.getByRole('button', { name: 'Idee unterstützen' }).click();
  await expect(neighbour.getByTestId('support-count')).toHaveText('1 Unterstützung');
  await expect(neighbour.getByRole('button', { name: 'Unterstützung zurücknehmen' })).toBeVisible();
  await neighbour.context().close();
  await admin.reload();
  await admin.getByLabel('Ihr Kommentar').fill('Gibt es in Nachbarorten schon – funktioniert gut.');
  await admin.getByRole('button', { name: 'Kommentieren' }).click();
  await expect(admin.getByText('Gibt es in Nachbarorten schon')).toBeVisible();
  await admin.getByLabel('Status').selectOption('wird_projekt');
  await admin.locator('#field-status-statusReason').fill('Wird Starterprojekt 2027.');
  await admin.getByRole('button', { name: 'Status speichern' }).click();
  await expect(admin.getByText('Der Status wurde gesetzt.')).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'idea-detail');
  const url = admin.url();
  await admin.locator('#field-hide-reason').fill('Doppelt eingereicht');
  await admin.getByRole('button', { name: 'Idee ausblenden' }).click();
  await expect(admin.getByText('Ausgeblendet. Begründung: Doppelt eingereicht')).toBeVisible();
  await admin.context().close();

  // Visitors see the reason instead of the text, and the list sorted by support.
  await visit(page, url);
  await expect(page.getByText('Ausgeblendet. Begründung: Doppelt eingereicht')).toBeVisible();
  await expect(page.getByText('Wer sich auf die Bank setzt')).toHaveCount(0);
  await page.getByRole('link', { name: 'Alle Ideen' }).click();
  await page.getByLabel('Sortierung').selectOption('support');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/sort=support/);
  await expect(page.getByRole('link', { name: 'Zum Einreichen von Ideen bitte einloggen' })).toBeVisible();
  await expectAccessible(page);
});

test('an idea with a place picked on the town outline and an image; the idea map; the moderators’ CSV', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Ideen für unsere Stadt' }).click();
  await admin.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  const listUrl = admin.url();
  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 60, g: 140, b: 90 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Max Mustermann' } })
    .toBuffer();
  const fillIdea = async () => {
    await admin.getByLabel('Titel der Idee').fill('Wasserspielplatz am Schlossberg');
    await admin.getByLabel('Beschreibung', { exact: true }).fill('Ein Wasserspielplatz für Familien unterhalb der Burgruine.');
    await admin.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Mobilität gut vernetzt' });
  };

  // The location is a KERN fieldset: its legend stands above the first field, not beside its label.
  const legend = admin.locator('legend', { hasText: 'Ort der Idee' });
  const placeLabel = admin.locator('label[for="field-place"]');
  const [legendBox, placeBox] = [(await legend.boundingBox())!, (await placeLabel.boundingBox())!];
  expect(placeBox.y).toBeGreaterThanOrEqual(legendBox.y + legendBox.height);
  await legend.locator('xpath=..').screenshot({ path: 'test-results/screenshots/idea-location-fieldset.png' });

  // Bad input: no title, a point far outside the town and an image without a description — all named at once (the
  // point is checked although the title is missing), each with a space after the field's name; nothing stored.
  await fillIdea();
  await admin.getByLabel('Titel der Idee').fill('');
  await admin.getByLabel('Ort auf der Karte: Breitengrad').fill('52.52');
  await admin.getByLabel('Ort auf der Karte: Längengrad').fill('13.40');
  await admin.getByLabel('Bild (optional)').setInputFiles({ name: 'spielplatz.jpg', mimeType: 'image/jpeg', buffer: photo });
  await admin.getByRole('button', { name: 'Idee einreichen' }).click();
  const summary = admin.getByRole('alert');
  await expect(summary).toContainText('Titel der Idee: Bitte füllen Sie dieses Feld aus.');
  await expect(summary).toContainText('Ort auf der Karte: Breitengrad: Dieser Punkt liegt außerhalb des Stadtgebiets.');
  await expect(summary).toContainText('Bildbeschreibung: Bitte beschreiben Sie das Bild');
  await expect(summary.getByRole('link', { name: 'Ort auf der Karte: Breitengrad' })).toHaveAttribute('href', '#field-latitude');
  await expectAccessible(admin);
  await summary.screenshot({ path: 'test-results/screenshots/idea-error-summary.png' });

  // The point is picked by clicking inside Kastellaun's outline, which fills in the coordinates.
  await fillIdea();
  await admin.getByLabel('Ort oder Adresse').fill('Schlossberg');
  await admin.getByRole('img', { name: /Umriss von Kastellaun zum Setzen eines Punkts/ }).click();
  await expect(admin.getByLabel('Ort auf der Karte: Breitengrad')).toHaveValue(/^50\.\d+$/);
  await expect(admin.getByLabel('Ort auf der Karte: Längengrad')).toHaveValue(/^7\.\d+$/);
  await expect(admin.getByText(/Punkt gesetzt: 50\.\d+, 7\.\d+/)).toBeVisible();
  await admin.getByLabel('Bild (optional)').setInputFiles({ name: 'spielplatz.jpg', mimeType: 'image/jpeg', buffer: photo });
  await admin.getByLabel('Bildbeschreibung').fill('Skizze: Kinder spielen an Wasserdüsen auf einem Platz');
  await admin.getByRole('button', { name: 'Idee einreichen' }).click();
  await expect(admin.getByText('Danke! Ihre Idee wurde veröffentlicht.')).toBeVisible();
  await admin.context().close();

  // Everybody sees it on the map: each point a link named by its idea, the same ideas listed as text.
  await visit(page, listUrl);
  await page.getByRole('link', { name: 'Ideen auf der Karte' }).click();
  await expect(page.getByRole('heading', { name: 'Ideen auf der Karte von Kastellaun' })).toBeVisible();
  const mapLinks = page.getByRole('link', { name: 'Wasserspielplatz am Schlossberg' });
  await expect(mapLinks).toHaveCount(2);
  const point = page.locator('svg.idea-map a[aria-label="Wasserspielplatz am Schlossberg"]');
  await expect(point).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, 'idea-map');
  await point.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Wasserspielplatz am Schlossberg' })).toBeVisible();
  await expect(page.getByText(/Ort: Schlossberg · 50\.\d{5}, 7\.\d{5}/)).toBeVisible();
  const image = page.getByRole('img', { name: 'Skizze: Kinder spielen an Wasserdüsen auf einem Platz' });
  await expect(image).toBeVisible();
  const served = await page.request.get((await image.getAttribute('src'))!);
  expect(served.headers()['content-type']).toBe('image/webp');
  expect((await served.body()).includes(Buffer.from('Mustermann'))).toBe(false);
  await expectAccessible(page);
  await screenshot(page, 'idea-with-place');

  // The CSV export is the moderators' only: visitors get 403.
  const csvPath = `${new URL(listUrl).pathname}/ideen.csv`;
  expect((await page.request.get(csvPath)).status()).toBe(403);
  const moderator = await adminPage(browser);
  await visit(moderator, listUrl);
  const download = moderator.waitForEvent('download');
  await moderator.getByRole('link', { name: 'Alle Ideen als CSV herunterladen (Moderation)' }).click();
  const file = await download;
  const text = (await readFile((await file.path())!)).toString('utf8');
  expect(text.startsWith('\uFEFFID;Titel;Text;Handlungsfeld;')).toBe(true);
  expect(text).toMatch(/;Wasserspielplatz am Schlossberg;.*;Schlossberg · 50\.\d{5}, 7\.\d{5};/);
  await moderator.context().close();
});
