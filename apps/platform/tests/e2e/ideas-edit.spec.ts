import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { adminPage, expectAccessibleWithoutJs, pageAs, visit, screenshot } from './support.ts';

test.describe.configure({ mode: 'serial' });

// In Kastellaun, Malente's town admin is an ordinary citizen; Kastellaun's town admin moderates its ideas; the academy
// editor has no role in Kastellaun at all.
const AUTHOR = 'malente@kleinstadt.example';
const MODERATOR = 'kastellaun@kleinstadt.example';
const OTHER_CITIZEN = 'redaktion@kleinstadt.example';
const TITLE = 'Trinkbrunnen am Marktplatz';

/** The same session without JavaScript: every step of editing must work as a plain HTML form. */
async function withoutJs(browser: Browser, page: Page): Promise<Page> {
  const state = await page.context().storageState();
  await page.context().close();
  return (await browser.newContext({ storageState: state, javaScriptEnabled: false })).newPage();
}

let ideaUrl = '';

test('the author edits an idea without JavaScript: errors named at once and nothing changed, then saved with “bearbeitet am”', async ({ browser }) => {
  const author = await withoutJs(browser, await pageAs(browser, AUTHOR));
  const axe = () => expectAccessibleWithoutJs(browser, author);
  await author.goto('/t/kastellaun/p/kastellaun-2030');
  await axe();
  await author.getByRole('link', { name: 'Ideen für unsere Stadt' }).click();
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
  await author.getByLabel('Titel der Idee').fill(TITLE);
  await author.getByLabel('Beschreibung', { exact: true }).fill('Ein Trinkbrunnen für heiße Tage, mit Wasser aus der Leitung.');
  await author.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Mobilität gut vernetzt' });
  await author.getByLabel('Ort auf der Karte: Breitengrad').fill('50,0716');
  await author.getByLabel('Ort auf der Karte: Längengrad').fill('7,4412');
  await author.getByLabel('Bild (optional)').setInputFiles({ name: 'brunnen.jpg', mimeType: 'image/jpeg', buffer: photo });
  await author.getByLabel('Bildbeschreibung').fill('Skizze eines Trinkbrunnens aus Stein');
  await author.getByRole('button', { name: 'Idee einreichen' }).click();
  await expect(author.getByText('Danke! Ihre Idee wurde veröffentlicht.')).toBeVisible();
  await axe();
  await author.getByRole('link', { name: TITLE }).first().click();
  ideaUrl = author.url();
  await expect(author.getByTestId('idea-edited')).toHaveCount(0);
  await axe();

  // A supporter, so we can see the support stay with the idea.
  const supporter = await adminPage(browser);
  await supporter.goto(ideaUrl);
  await supporter.getByRole('button', { name: 'Idee unterstützen' }).click();
  await expect(supporter.getByTestId('support-count')).toHaveText('1 Unterstützung');
  await supporter.context().close();

  // The edit form shows the idea as it is.
  await author.reload();
  await author.getByRole('link', { name: 'Idee bearbeiten' }).click();
  await expect(author).toHaveURL(/bearbeiten=1/);
  await expect(author.getByRole('heading', { name: 'Idee bearbeiten' })).toBeVisible();
  await expect(author.getByLabel('Titel der Idee')).toHaveValue(TITLE);
  await expect(author.getByLabel('Handlungsfeld', { exact: true })).toHaveValue('mobilitaet');
  await expect(author.getByLabel('Ort auf der Karte: Breitengrad')).toHaveValue('50.0716');
  await expect(author.getByLabel('Bildbeschreibung')).toHaveValue('Skizze eines Trinkbrunnens aus Stein');
  await expect(author.getByRole('img', { name: 'Skizze eines Trinkbrunnens aus Stein' })).toBeVisible();
  await axe();

  // Bad input: every problem in the KERN error summary at once, typed values kept, the idea unchanged.
  await author.getByLabel('Titel der Idee').fill('ab');
  await author.getByLabel('Beschreibung', { exact: true }).fill('kurz');
  await author.getByLabel('Ort auf der Karte: Breitengrad').fill('52.52');
  await author.getByLabel('Ort auf der Karte: Längengrad').fill('13.40');
  await author.getByLabel('Bildbeschreibung').fill('');
  await author.getByRole('button', { name: 'Änderungen speichern' }).click();
  const summary = author.getByRole('alert');
  await expect(summary).toContainText('Bitte korrigieren Sie die markierten Angaben');
  await expect(summary).toContainText(/Titel der Idee:\s*Bitte füllen Sie dieses Feld aus/);
  await expect(summary).toContainText(/Beschreibung:\s*Bitte beschreiben Sie Ihre Idee in mindestens 10 Zeichen/);
  await expect(summary).toContainText(/Ort auf der Karte: Breitengrad:\s*Dieser Punkt liegt außerhalb des Stadtgebiets/);
  await expect(summary).toContainText(/Bildbeschreibung:\s*Bitte beschreiben Sie das Bild/);
  await expect(author.getByLabel('Titel der Idee')).toHaveValue('ab');
  await expect(author.getByLabel('Titel der Idee')).toHaveAttribute('aria-invalid', 'true');
  await expect(author.getByLabel('Ort auf der Karte: Längengrad')).toHaveValue('13.40');
  await axe();
  await screenshot(author, 'idea-edit-errors');
  const unchanged = await (await browser.newContext()).newPage();
  await unchanged.goto(ideaUrl);
  await expect(unchanged.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(unchanged.getByTestId('idea-edited')).toHaveCount(0);
  await unchanged.context().close();

  // Correct it: new title and field, the point removed, the image kept with a better description.
  await author.getByLabel('Titel der Idee').fill('Trinkbrunnen an der Schule');
  await author.getByLabel('Beschreibung', { exact: true }).fill('Ein Trinkbrunnen für heiße Tage, direkt am Schulhof.');
  await author.getByLabel('Handlungsfeld', { exact: true }).selectOption('gemeinschaft');
  await author.getByLabel('Ort oder Adresse').fill('Schulhof');
  await author.getByLabel('Ort auf der Karte: Breitengrad').fill('');
  await author.getByLabel('Ort auf der Karte: Längengrad').fill('');
  await author.getByLabel('Bildbeschreibung').fill('Skizze eines Trinkbrunnens aus Stein am Schulhof');
  await author.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(author.getByText('Ihre Änderungen wurden gespeichert.')).toBeVisible();
  await expect(author.getByRole('heading', { name: 'Trinkbrunnen an der Schule' })).toBeVisible();
  await expect(author.getByTestId('idea-edited')).toContainText(/bearbeitet am \d{1,2}\.\d{2}\.\d{4}/);
  await expect(author.getByTestId('support-count')).toHaveText('1 Unterstützung');
  await expect(author.getByText(/Ort: Schulhof$/)).toBeVisible();
  await expect(author.getByRole('img', { name: 'Skizze eines Trinkbrunnens aus Stein am Schulhof' })).toBeVisible();
  await axe();
  await screenshot(author, 'idea-edited');

  // Then the image goes.
  await author.getByRole('link', { name: 'Idee bearbeiten' }).click();
  await author.getByLabel('Bild entfernen').check();
  await author.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(author.getByText('Ihre Änderungen wurden gespeichert.')).toBeVisible();
  await expect(author.getByRole('img', { name: /Skizze eines Trinkbrunnens/ })).toHaveCount(0);
  await axe();
  await author.context().close();
});

test('visitors and other citizens get no edit form (403); the town’s moderation edits, marked and with earlier versions', async ({ browser, page }) => {
  const editUrl = `${ideaUrl}&bearbeiten=1`;
  await visit(page, ideaUrl);
  await expect(page.getByRole('link', { name: 'Idee bearbeiten' })).toHaveCount(0);
  expect((await page.request.get(editUrl)).status()).toBe(403);

  const other = await pageAs(browser, OTHER_CITIZEN);
  await visit(other, ideaUrl);
  await expect(other.getByRole('link', { name: 'Idee bearbeiten' })).toHaveCount(0);
  expect((await other.request.get(editUrl)).status()).toBe(403);
  // A forged edit of someone else's idea is refused too, and changes nothing.
  const form = new URL(ideaUrl);
  const forged = await other.request.post(editUrl, {
    headers: { origin: form.origin },
    multipart: { intent: 'edit', ideaId: form.searchParams.get('idea')!, title: 'Übernommen', body: 'Diese Idee gehört jetzt mir.', field: 'digital', imageAlt: '' },
  });
  expect(forged.status()).toBe(403);
  await other.context().close();

  const moderator = await withoutJs(browser, await pageAs(browser, MODERATOR));
  await moderator.goto(ideaUrl);
  await expectAccessibleWithoutJs(browser, moderator);
  await moderator.getByRole('link', { name: 'Idee bearbeiten' }).click();
  await expectAccessibleWithoutJs(browser, moderator);
  await moderator.getByLabel('Beschreibung', { exact: true }).fill('Ein Trinkbrunnen für heiße Tage, direkt am Schulhof (Telefonnummer entfernt).');
  await moderator.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(moderator.getByText('Ihre Änderungen wurden gespeichert.')).toBeVisible();
  await expect(moderator.getByTestId('idea-edited')).toContainText(/von der Moderation bearbeitet am/);
  await moderator.getByText('Frühere Fassungen (3)').click();
  await expect(moderator.getByText('Trinkbrunnen am Marktplatz', { exact: true })).toBeVisible();
  await expectAccessibleWithoutJs(browser, moderator);
  await screenshot(moderator, 'idea-edited-moderation');
  await moderator.context().close();

  await page.goto(ideaUrl);
  await expect(page.getByTestId('idea-edited')).toContainText(/von der Moderation bearbeitet am/);
  await expect(page.getByText('Frühere Fassungen')).toHaveCount(0);
});
