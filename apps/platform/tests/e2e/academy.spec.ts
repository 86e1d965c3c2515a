import { expect, test, type Browser, type Page } from '@playwright/test';
import { adminPage, expectAccessible, visit } from './support.ts';

const PASSWORD = 'Kleinstadt-Demo-2030';
const KASTELLAUN = 'kastellaun@kleinstadt.example';
const EDITOR = 'redaktion@kleinstadt.example';

/**
 * A page logged in as `email`. Waits for hydration before typing: under heavy machine load, hydration can otherwise
 * reset a field that was filled too early.
 */
async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/account/login');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible({ timeout: 15_000 });
  return page;
}

test('the academy, its knowledge base and the method library are public', async ({ page }) => {
  await visit(page, '/academy');
  await expect(page.getByRole('heading', { level: 1, name: 'Kleinstadtakademie' })).toBeVisible();
  await visit(page, '/academy/knowledge');
  await expect(page.getByRole('heading', { level: 2, name: /\d+ Treffer/ })).toBeVisible();
  // The literature list of the seed is there as publications.
  await visit(page, '/academy/knowledge?kind=publikation');
  await expect(page.getByRole('link', { name: /Expertise Kleinstädte/ })).toBeVisible();
  await visit(page, '/academy/methods');
  for (const name of ['Szenariowerkstatt', 'JugendBarCamp', 'Stadtspaziergang', 'Open Space', 'Summer School', 'Bürgerforum', 'Zukunftskonferenz', 'Design Thinking']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.getByRole('link', { name: 'JugendBarCamp', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ablauf' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kastellaun', exact: true })).toBeVisible();
  await page.getByTestId('blueprint-link').click();
  await expect(page).toHaveURL(/\/blueprints\/jugendbarcamp$/);
  await visit(page, '/en/academy/methods/jugendbarcamp');
  await expect(page.getByRole('heading', { level: 2, name: 'Towns that used this format' })).toBeVisible();
});

test('search finds entries with umlaut variants, highlights the words and filters by facets', async ({ page }) => {
  await visit(page, '/academy/knowledge?q=Buergerforum');
  const hits = page.getByTestId('hit');
  await expect(hits.first().getByRole('link', { name: 'Bürgerforum', exact: true })).toBeVisible();
  await expect(hits.first().locator('mark').first()).toHaveText(/Bürgerforum/i);
  await visit(page, '/academy/knowledge?q=Jugendliche');
  await page.getByRole('link', { name: 'Sachsen', exact: true }).click();
  await expect(page).toHaveURL(/land=Sachsen/);
  await expect(hits.first()).toContainText('Sachsen');
  await expect(page.getByRole('heading', { level: 2, name: /Treffer/ })).toBeVisible();
  await visit(page, page.url());
});

test('a town shares an example, the editors publish it, anyone finds it with an umlaut variant', async ({ browser }) => {
  const town = await pageAs(browser, KASTELLAUN);
  await visit(town, '/t/kastellaun');
  await town.getByRole('link', { name: 'Mit der Akademie teilen' }).click();
  await expect(town.getByRole('heading', { level: 1, name: /Mit der Akademie teilen: Kastellaun/ })).toBeVisible();
  await visit(town, town.url());
  // Bad input: a localized error naming the field, the typed text kept.
  await town.getByLabel('Titel').fill('Do');
  await town.getByRole('button', { name: 'Teilen und zur Prüfung geben' }).click();
  await expect(town.getByRole('alert')).toContainText('Titel');
  await expect(town.getByLabel('Titel')).toHaveValue('Do');
  await visit(town, town.url());
  await town.getByLabel('Art des Eintrags').selectOption('praxisbeispiel');
  await town.getByLabel('Titel').fill('Dorfläden in den Ortsteilen: grünes Licht für die Nahversorgung');
  await town.getByLabel('Kurzbeschreibung').fill('Wie Ehrenamtliche drei Dorfläden gegründet haben.');
  await town.locator('#field-body').fill('Nach dem **BarCamp** haben Bürgerinnen und Bürger eine Genossenschaft für Dorfläden gegründet.');
  await town.getByLabel('Wirtschaft entdeckt die Kleinstadt').check();
  await town.getByLabel('Jahr').fill('2024');
  await town.getByRole('button', { name: 'Teilen und zur Prüfung geben' }).click();
  await expect(town.getByRole('heading', { level: 1, name: /Dorfläden in den Ortsteilen/ })).toBeVisible();
  await expect(town.getByText('Status: In Prüfung')).toBeVisible();
  await visit(town, town.url());
  const entryUrl = new URL(town.url()).pathname;
  await town.context().close();

  // Not public yet.
  const visitor = await (await browser.newContext()).newPage();
  const hidden = await visitor.goto(entryUrl);
  expect(hidden?.status()).toBe(404);

  const editor = await pageAs(browser, EDITOR);
  await visit(editor, '/academy/review');
  await editor.getByTestId('review-item').getByRole('link', { name: /Dorfläden in den Ortsteilen/ }).click();
  await editor.getByRole('button', { name: 'Veröffentlichen' }).click();
  await expect(editor.getByText('Der Eintrag ist veröffentlicht.')).toBeVisible();
  await visit(editor, editor.url());
  await editor.context().close();

  await visit(visitor, '/academy/knowledge?q=Dorflaeden+gruenes');
  await expect(visitor.getByTestId('hit').first().getByRole('link', { name: /Dorfläden in den Ortsteilen/ })).toBeVisible();
  await visitor.getByTestId('hit').first().getByRole('link').click();
  await expect(visitor.getByRole('link', { name: 'Kastellaun' }).first()).toBeVisible();
  await expect(visitor.getByText('CC BY 4.0 (Namensnennung)')).toBeVisible();
  await visit(visitor, visitor.url());
  await visitor.context().close();
});

test('a town team fills in the Kleinstadt-Check and gets help on its weak points', async ({ browser }) => {
  const town = await pageAs(browser, KASTELLAUN);
  await visit(town, '/t/kastellaun/check');
  await town.getByLabel('Wer hat eingeschätzt?').fill('Lenkungsgruppe');
  // Forgetting one rating is a field error.
  for (let n = 1; n <= 9; n++) await town.locator(`#rating-${n}-${n === 3 ? 1 : 4}`).check();
  await town.getByRole('button', { name: 'Einschätzung speichern' }).click();
  await expect(town.getByRole('alert')).toContainText('Punkt 10');
  await expect(town.getByLabel('Wer hat eingeschätzt?')).toHaveValue('Lenkungsgruppe');
  await expectAccessible(town);
  await town.locator('#rating-10-3').check();
  await town.getByRole('button', { name: 'Einschätzung speichern' }).click();
  await expect(town.getByText('Die Einschätzung ist gespeichert.')).toBeVisible();
  const weak = town.getByTestId('weak-point');
  await expect(weak).toHaveCount(1);
  await expect(weak.getByRole('heading')).toContainText('Kindern und Jugendlichen eine Stimme geben');
  await expect(weak.getByRole('link').first()).toBeVisible();
  await visit(town, town.url());
  await town.context().close();
});

test('platform admins manage the academy editors', async ({ browser }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/admin/academy');
  await expect(admin.getByText('redaktion@kleinstadt.example')).toBeVisible();
  await admin.getByLabel('E-Mail-Adresse eines bestehenden Kontos').fill('niemand@example.org');
  await admin.getByRole('button', { name: 'Rolle vergeben' }).click();
  await expect(admin.getByRole('alert')).toContainText('Es gibt kein Konto');
  await visit(admin, admin.url());
  await admin.context().close();
});
