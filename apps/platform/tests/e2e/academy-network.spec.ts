import { expect, test } from '@playwright/test';
import { expectAccessible, pageAs, visit } from './support.ts';

const KASTELLAUN = 'kastellaun@kleinstadt.example';
const EDITOR = 'redaktion@kleinstadt.example';
const MALENTE = 'malente@kleinstadt.example';

test('the network directory filters by kind, expertise, Land and partnership without JavaScript', async ({ browser }) => {
  // The filters are a plain GET form: used here without JavaScript; every page seen is then checked with axe
  // (which needs JavaScript) in a second context.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const seen: string[] = [];
  await page.goto('/academy/network');
  seen.push(page.url());
  await expect(page.getByRole('heading', { level: 1, name: 'Netzwerk: Akteure und Institutionen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Deutscher Städte- und Gemeindebund' })).toBeVisible();
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Kommunaler Verband' });
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  seen.push(page.url());
  await expect(page.getByTestId('org')).toHaveCount(2);
  await expect(page.getByRole('heading', { level: 2, name: '2 Einträge' })).toBeVisible();
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'alle' });
  await page.getByLabel('Land', { exact: true }).selectOption('Mecklenburg-Vorpommern');
  await page.getByLabel('nur Partner der Akademie').check();
  await page.getByRole('button', { name: 'Filter anwenden' }).click();
  seen.push(page.url());
  await expect(page).toHaveURL(/partner=1/);
  await expect(page.getByRole('link', { name: 'Hochschule Neubrandenburg' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Institut für Städtebau und Wohnungswesen (ISW)' })).toHaveCount(0);
  await page.goto('/academy/network?q=Staedtebau');
  await page.getByRole('link', { name: 'Institut für Städtebau und Wohnungswesen (ISW)' }).click();
  seen.push(page.url());
  await expect(page.getByText('Bayern, München')).toBeVisible();
  await context.close();
  const checker = await (await browser.newContext()).newPage();
  for (const url of seen) await visit(checker, url);
  await checker.context().close();
});

test('an organisation applies, an editor accepts it, and it appears in the directory', async ({ browser }) => {
  const applicant = await pageAs(browser, MALENTE);
  await visit(applicant, '/academy/network/apply');
  await applicant.getByRole('button', { name: 'Anmeldung absenden' }).click();
  await expectAccessible(applicant);
  await expect(applicant.getByRole('link', { name: 'Name der Organisation' })).toBeVisible();
  await applicant.getByLabel('Name der Organisation').fill('Heimatverein Malente');
  await applicant.getByLabel('Art', { exact: true }).selectOption({ label: 'Verband oder Verein' });
  await applicant.getByLabel('Gemeinschaft in urbanen Kleinstädten').check();
  await applicant.getByLabel('Land').selectOption('Schleswig-Holstein');
  await applicant.getByLabel('Kreis').fill('Ostholstein');
  await applicant.getByLabel('E-Mail-Adresse für Rückfragen').fill('heimatverein@kleinstadt.example');
  await applicant.getByRole('button', { name: 'Anmeldung absenden' }).click();
  await expect(applicant.getByText('Ihre Anmeldung ist eingegangen')).toBeVisible();
  await expectAccessible(applicant);
  const url = applicant.url().replace(/\?.*$/, '');
  await applicant.context().close();

  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.goto(url))!.status()).toBe(404);

  const editor = await pageAs(browser, EDITOR);
  await visit(editor, '/academy/network/manage');
  await editor.getByTestId('pending-org').getByRole('link', { name: 'Heimatverein Malente' }).click();
  await expectAccessible(editor);
  await editor.getByRole('button', { name: 'Aufnehmen' }).click();
  await expect(editor.getByText('Die Organisation ist jetzt im Verzeichnis.')).toBeVisible();
  await expectAccessible(editor);
  await editor.context().close();

  await visit(anonymous, '/academy/network?land=Schleswig-Holstein');
  await expect(anonymous.getByRole('link', { name: 'Heimatverein Malente' })).toBeVisible();
  await anonymous.context().close();
});

test('a town posts a research question, another town answers, the asker marks it answered', async ({ browser }) => {
  const asker = await pageAs(browser, KASTELLAUN);
  await visit(asker, '/academy/research');
  await expect(asker.getByRole('heading', { level: 2, name: 'Literatur' })).toBeVisible();
  await expect(asker.getByTestId('researcher').getByRole('link', { name: 'Prof. Dr. Rudolf Schäfer' })).toBeVisible();
  await asker.getByLabel('Fragen als').selectOption({ label: 'im Namen von Kastellaun' });
  await asker.getByLabel('Ihre Forschungsfrage').fill('Welche Wirkung haben Leerstandsmelder auf die Innenstädte kleiner Städte?');
  await asker.getByRole('button', { name: 'Forschungsfrage stellen' }).click();
  await expect(asker.getByText('Ihre Forschungsfrage ist veröffentlicht.')).toBeVisible();
  await expectAccessible(asker);
  await asker.getByRole('link', { name: 'Zur Frage' }).click();
  await asker.waitForURL(/\/academy\/research\/questions\/[a-z0-9-]+$/);
  await expectAccessible(asker);
  const questionUrl = asker.url();

  const other = await pageAs(browser, MALENTE);
  await visit(other, questionUrl);
  await other.getByRole('button', { name: 'Antwort oder Hinweis geben' }).click();
  await expect(other.getByRole('link', { name: 'Ihre Antwort' })).toBeVisible();
  await expectAccessible(other);
  await other.getByLabel('Ihre Antwort').fill('In Malente haben wir dazu eine Bachelorarbeit betreut – Ergebnisse folgen.');
  await other.getByLabel('Link zu Studie, Daten oder Projekt').fill('https://example.org/leerstand');
  await other.getByRole('button', { name: 'Antwort oder Hinweis geben' }).click();
  await expect(other.getByText('Danke, Ihre Antwort ist veröffentlicht.')).toBeVisible();
  await expect(other.getByTestId('research-answer')).toHaveCount(1);
  await expectAccessible(other);
  await other.context().close();

  await asker.goto(questionUrl);
  await asker.getByLabel('Status').selectOption({ label: 'beantwortet' });
  await asker.getByRole('button', { name: 'Status ändern' }).click();
  await expect(asker.getByTestId('research-status')).toContainText('beantwortet');
  await expectAccessible(asker);
  await visit(asker, '/academy/research/researchers/rudolf-schaefer');
  await expect(asker.getByRole('link', { name: 'Forschungsgruppe Stadt + Dorf' })).toBeVisible();
  await asker.context().close();
});

test('an editor creates a standalone researcher profile and edits it without JavaScript; others may not', async ({ browser }) => {
  test.setTimeout(120_000);
  const editor = await pageAs(browser, EDITOR);
  // The forms are plain HTML forms: used here without JavaScript, with the editor's session.
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await editor.context().storageState() });
  const page = await context.newPage();
  const seen: string[] = [];
  await page.goto('/academy/research/researchers/new');
  await page.getByLabel('Name', { exact: true }).fill('Dr. Hanne Ohnekonto');
  await page.getByLabel(/^Institution\s+–/).fill('Institut für Landentwicklung');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dr. Hanne Ohnekonto' })).toBeVisible();
  const profileUrl = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Profil bearbeiten' }).click();
  await expect(page).toHaveURL(/\/edit$/);
  const editUrl = new URL(page.url()).pathname;
  seen.push(editUrl);
  await expect(page.getByTestId('standalone-note')).toBeVisible();
  await expect(page.getByLabel(/^Institution\s+–/)).toHaveValue('Institut für Landentwicklung');
  // Bad input: a 400 with the fields named in the summary; what was typed stays.
  await page.getByLabel('Name', { exact: true }).fill('X');
  await page.getByLabel(/^Website/).fill('javascript:alert(1)');
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Speichern' }).click();
  expect((await response).status()).toBe(400);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Name');
  await expect(summary).toContainText('Website');
  await expect(page.getByLabel(/^Institution\s+–/)).toHaveValue('Institut für Landentwicklung');
  await page.getByLabel('Name', { exact: true }).fill('Dr. Hanne Ohnekonto');
  await page.getByLabel(/^Website/).fill('https://landentwicklung.example');
  await page.getByLabel(/^Institution\s+–/).fill('Hochschule für Landentwicklung');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page).toHaveURL(new RegExp(`${profileUrl}$`));
  await expect(page.getByText('Hochschule für Landentwicklung')).toBeVisible();
  seen.push(profileUrl);
  await context.close();
  // Accessibility of the pages seen (axe needs JavaScript), including the form with errors.
  for (const url of seen) await visit(editor, url);
  await editor.goto(editUrl);
  await editor.getByLabel('Name', { exact: true }).fill('');
  await editor.getByRole('button', { name: 'Speichern' }).click();
  await expect(editor.getByRole('alert')).toContainText('Name');
  await expectAccessible(editor);
  await editor.context().close();
  // A town admin without the editor role sees no edit link and gets 403 on the form.
  const other = await pageAs(browser, KASTELLAUN);
  await other.goto(profileUrl);
  await expect(other.getByRole('link', { name: 'Profil bearbeiten' })).toHaveCount(0);
  const forbidden = await other.goto(editUrl);
  expect(forbidden?.status()).toBe(403);
  await other.context().close();
});
