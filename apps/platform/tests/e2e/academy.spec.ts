import { expect, test } from '@playwright/test';
import { adminPage, expectAccessible, pageAs, visit } from './support.ts';

const KASTELLAUN = 'kastellaun@kleinstadt.example';
const EDITOR = 'redaktion@kleinstadt.example';
const MALENTE = 'malente@kleinstadt.example';

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
  // The revoke button shows its short text and names the editor for screen readers.
  await expect(admin.getByRole('button', { name: 'Rolle entziehen: Akademie-Redaktion', exact: true })).toHaveText('Rolle entziehen');
  await admin.getByLabel('E-Mail-Adresse eines bestehenden Kontos').fill('niemand@example.org');
  await admin.getByRole('button', { name: 'Rolle vergeben' }).click();
  await expect(admin.getByRole('alert')).toContainText('Es gibt kein Konto');
  await visit(admin, admin.url());
  await admin.context().close();
});

test('a town requests a visit of the mobile academy; the editors schedule it', async ({ browser }) => {
  const town = await pageAs(browser, KASTELLAUN);
  await visit(town, '/t/kastellaun');
  await town.getByRole('link', { name: 'Mobile Akademie anfragen' }).click();
  await expect(town.getByRole('heading', { level: 1, name: 'Mobile Akademie anfragen: Kastellaun' })).toBeVisible();
  await town.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(town.getByRole('alert')).toContainText('Worum soll es gehen?');
  await expectAccessible(town);
  await town.getByLabel('Gemeinschaft in urbanen Kleinstädten').check();
  await town.getByLabel('Worum soll es gehen?').fill('Wie geht es mit der Stadthalle „Tivoli“ weiter? Beteiligung der Bürgerschaft.');
  await town.getByLabel('Mögliche Termine').fill('Dienstags ab 17 Uhr im März');
  await town.getByLabel('Erwartete Teilnehmende').fill('40');
  await town.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(town.getByText('Ihre Anfrage ist eingegangen.')).toBeVisible();
  await expect(town.getByTestId('visit-request')).toContainText('angefragt');
  await visit(town, town.url());
  await town.context().close();

  const editor = await pageAs(browser, EDITOR);
  await visit(editor, '/academy/visits');
  const card = editor.locator('section', { hasText: 'Stadthalle „Tivoli“' }).first();
  await card.getByLabel('Status').selectOption('scheduled');
  await card.getByLabel('Hinweis an die Stadt').fill('Wir kommen am 16. März.');
  await card.getByRole('button', { name: 'Status setzen' }).click();
  await expect(editor.getByRole('heading', { name: /Kastellaun · .* · terminiert/ })).toBeVisible();
  await editor.context().close();
});

test('a town registers for an Erfahrungswerkstatt and gets the iCal file', async ({ browser }) => {
  const town = await pageAs(browser, MALENTE);
  await visit(town, '/academy/events');
  await town.getByLabel('Form').selectOption('erfahrungswerkstatt');
  await town.getByRole('button', { name: 'Filter anwenden' }).click();
  await expect(town).toHaveURL(/form=erfahrungswerkstatt/);
  await expect(town.getByTestId('event')).toHaveCount(1);
  await visit(town, town.url());
  await town.getByTestId('event').getByRole('link').click();
  await expect(town.getByRole('heading', { level: 1, name: /Erfahrungswerkstatt: Jugend beteiligen/ })).toBeVisible();
  await expect(town.getByTestId('places')).toContainText('25 von 25 Plätzen frei');
  await town.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await expect(town.getByText('Sie sind angemeldet.').first()).toBeVisible();
  await expect(town.getByTestId('places')).toContainText('24 von 25 Plätzen frei');
  await visit(town, town.url());
  const href = await town.getByRole('link', { name: 'In den Kalender übernehmen (iCal)' }).getAttribute('href');
  const ics = await town.request.get(href!);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const body = await ics.text();
  expect(body).toContain('BEGIN:VEVENT');
  expect(body).toContain('SUMMARY:Erfahrungswerkstatt: Jugend beteiligen – aber wie?');
  await town.context().close();
});

test('a town asks a question and another town answers it', async ({ browser }) => {
  const asker = await pageAs(browser, MALENTE);
  await visit(asker, '/academy/questions');
  await asker.getByLabel('Ihre Frage').fill('Wie habt ihr junge Menschen in den Gemeinderat gebracht?');
  await asker.getByLabel('Ort des Engagements und der Demokratie').check();
  await asker.getByRole('button', { name: 'Frage stellen' }).click();
  await expect(asker.getByText('Ihre Frage ist gestellt.')).toBeVisible();
  await expect(asker.getByText(/Benachrichtigt wurden Städte mit Erfahrung/)).toContainText('Kastellaun');
  await visit(asker, '/academy/questions');
  await asker.context().close();

  const other = await pageAs(browser, KASTELLAUN);
  await visit(other, '/academy/questions');
  await other.getByTestId('question').getByRole('link', { name: 'Wie habt ihr junge Menschen in den Gemeinderat gebracht?' }).click();
  await other.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
  await expect(other.getByRole('alert')).toContainText('Ihre Antwort');
  await expectAccessible(other);
  await other.getByLabel('Ihre Antwort').fill('Mit jährlichen BarCamps – aus der Szenariogruppe sind zwei Jugendliche in den Rat gegangen.');
  await other.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
  await expect(other.getByText('Ihre Antwort ist veröffentlicht.')).toBeVisible();
  await expect(other.getByTestId('answer')).toContainText('Antwort aus Kastellaun');
  await visit(other, other.url());
  await other.context().close();
});

test('towns like mine: peer suggestions with their reasons, and a request for exchange', async ({ browser, page }) => {
  await visit(page, '/t/kastellaun');
  await page.getByRole('link', { name: 'Städte wie unsere' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Städte wie Kastellaun' })).toBeVisible();
  const peers = page.getByTestId('peer');
  expect(await peers.count()).toBeGreaterThan(0);
  await expect(peers.first().getByTestId('reasons').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByTestId('reasons').filter({ hasText: 'Gleicher Stadttyp: Kleine Kleinstadt' }).first()).toBeVisible();
  await expectAccessible(page);

  const town = await pageAs(browser, KASTELLAUN);
  await visit(town, '/t/kastellaun/peers');
  const rodewisch = town.getByTestId('peer').filter({ hasText: 'Rodewisch' });
  await rodewisch.getByText('Um Austausch bitten').click();
  await rodewisch.getByLabel('Ihre Nachricht').fill('Hallo Rodewisch, wir möchten von eurer Jugendbeteiligung lernen.');
  await rodewisch.getByRole('button', { name: 'Nachricht senden: Rodewisch', exact: true }).click();
  await expect(town.getByText('Ihre Nachricht ist unterwegs.')).toBeVisible();
  await expectAccessible(town);
  await town.context().close();
});
