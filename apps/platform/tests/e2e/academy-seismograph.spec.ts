import { expect, test } from '@playwright/test';
import { expectAccessible, pageAs, visit } from './support.ts';

const KASTELLAUN = 'kastellaun@kleinstadt.example';
const EDITOR = 'redaktion@kleinstadt.example';

test('a town admin answers the open Seismograph round for the town and sees the chart', async ({ browser }) => {
  const page = await pageAs(browser, KASTELLAUN);
  await visit(page, '/academy/seismograph');
  await expect(page.getByRole('heading', { level: 1, name: 'Kleinstadt-Seismograph' })).toBeVisible();
  const question = page.getByTestId('seismo-question').filter({ has: page.getByRole('heading', { name: /zufrieden ist die Verwaltung/ }) });
  const overTime = question.getByTestId('seismo-chart').filter({ hasText: 'Über die Jahre' });
  await expect(overTime.getByRole('img')).toBeVisible();
  await expect(overTime.getByRole('row', { name: /^2026 7/ })).toBeVisible();

  await page.getByRole('link', { name: 'Für Kastellaun antworten' }).click();
  await expectAccessible(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Kleinstadt-Seismograph 2026' })).toBeVisible();
  // Sending nothing names every missing answer.
  await page.getByRole('button', { name: 'Antworten absenden' }).click();
  await expect(page.getByRole('alert')).toContainText('Wie zufrieden ist die Verwaltung');
  await expectAccessible(page);

  const group = (name: RegExp) => page.getByRole('group', { name });
  await group(/zufrieden ist die Verwaltung/).getByLabel('5', { exact: true }).check();
  await group(/Beteiligungsformat für Jugendliche/).getByLabel('ja, dauerhaft').check();
  await page.getByLabel(/Wie viele öffentliche Beteiligungsveranstaltungen/).fill('9');
  await group(/Leerstand/).getByLabel('2', { exact: true }).check();
  await group(/ehrenamtliche Engagement/).getByLabel('gewachsen').check();
  await group(/Zukunftsbild/).getByLabel('4', { exact: true }).check();
  await group(/Nachbargemeinden/).getByLabel('ja, in festen Strukturen').check();
  await group(/zuversichtlich/).getByLabel('4', { exact: true }).check();
  await page.getByLabel('Auch mit dem Namen unserer Stadt').check();
  await page.getByRole('button', { name: 'Antworten absenden' }).click();
  await expect(page.getByText('Die Antworten Ihrer Stadt sind gespeichert.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Zu den Ergebnissen' }).click();
  await expectAccessible(page);
  await expect(overTime.getByRole('row', { name: /^2026 8/ })).toBeVisible();
  // Groups of fewer than three towns are not shown.
  await expect(question.getByText(/nicht ausgewiesen \(Schutz von Gruppen unter 3 Städten\)/).first()).toBeVisible();
  await question.getByText(/Städte, die genannt werden möchten/).click();
  await expect(question.getByText('Kastellaun: 5')).toBeVisible();
  await page.context().close();
});

test('editors prepare next year\'s round from this year\'s questions', async ({ browser }) => {
  const page = await pageAs(browser, EDITOR);
  await visit(page, '/academy/seismograph/new');
  await expect(page.getByLabel('Frage 1: Text')).toHaveValue(/zufrieden ist die Verwaltung/);
  await page.getByLabel('Jahr', { exact: true }).fill('2026');
  await page.getByRole('button', { name: 'Runde anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Für dieses Jahr gibt es schon eine Runde.');
  await expectAccessible(page);
  await page.getByLabel('Jahr', { exact: true }).fill('2027');
  await page.getByRole('button', { name: 'Runde anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kleinstadt-Seismograph 2027' })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText('Entwurf', { exact: true })).toBeVisible();
  await page.context().close();
});
