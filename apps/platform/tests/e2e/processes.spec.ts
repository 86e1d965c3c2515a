import { expect, test } from '@playwright/test';
import { adminPage, expectAccessible, visit, screenshot } from './support.ts';

test.describe.configure({ mode: 'serial' });

test('visitors see the formats, the demo processes, their timeline and components', async ({ page }) => {
  await visit(page, '/blueprints');
  await page.getByRole('link', { name: 'Szenariowerkstatt-Reihe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Szenariowerkstatt-Reihe' })).toBeVisible();
  await expect(page.getByText('Szenariogruppe gründen.')).toBeVisible();
  await expectAccessible(page);

  await visit(page, '/t/kastellaun');
  await page.getByRole('link', { name: 'Zukunftsprozesse' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Zukunftsprozess Kastellaun 2030' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zukunftsprozess Kastellaun 2030' })).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toContainText('Ideen und Projekte');
  await expect(page.getByRole('heading', { name: 'Für das Prozessteam' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'process-public');
  await page.getByRole('link', { name: 'Worum es geht' }).click();
  await expect(page.getByText('Die Szenariogruppe entwirft in drei Werkstätten')).toBeVisible();
  await expectAccessible(page);

  // The team pages need the right role.
  const response = await page.goto('/t/kastellaun/p/kastellaun-2030/permissions');
  expect(page.url()).toContain('/account/login');
  expect(response?.status()).toBe(200);
});

test('a town admin creates a process from the Szenariowerkstatt blueprint, edits phases and permissions', async ({ browser }) => {
  const page = await adminPage(browser);
  await visit(page, '/t/beverungen/p');
  await page.getByRole('link', { name: 'Neuen Prozess anlegen' }).click();
  await expectAccessible(page);
  // Without a title and blueprint: errors per field.
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Bitte wählen Sie eine Vorlage.');
  await expectAccessible(page);
  await page.getByLabel('Titel').fill('Beverungen 2030');
  await page.getByLabel('Szenariowerkstatt-Reihe').check();
  await page.getByLabel('Beginn').fill('2027-02-01');
  await page.getByRole('button', { name: 'Prozess anlegen' }).click();
  await expect(page).toHaveURL(/\/t\/beverungen\/p\/beverungen-2030/);
  await expect(page.getByText('Der Prozess wurde aus der Vorlage angelegt.')).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toContainText('Vorbereitung');
  await expectAccessible(page);
  await page.getByText('Leitfaden für die Organisation').click();
  await expect(page.getByText('Werkstatt II – Einflussfaktoren')).toBeVisible();
  await screenshot(page, 'process-created');

  // Switch the phase.
  await page.getByLabel('Aktuelle Phase').selectOption({ label: 'Werkstätten' });
  await page.getByRole('button', { name: 'Phase wechseln' }).click();
  await expect(page.getByText('Die aktuelle Phase wurde geändert.')).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toContainText('Werkstätten');

  // Edit a phase; a bad date order is a field error.
  await page.getByRole('link', { name: 'Prozess und Phasen bearbeiten' }).click();
  await expectAccessible(page);
  await page.locator('#field-p1-startsOn').fill('2027-06-01');
  await page.locator('#field-p1-endsOn').fill('2027-03-01');
  await page.getByRole('button', { name: 'Phase 2 speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Das Ende darf nicht vor dem Beginn liegen.');
  await expectAccessible(page);
  await page.locator('#field-p1-endsOn').fill('2027-09-30');
  await page.getByRole('button', { name: 'Phase 2 speichern' }).click();
  await expect(page.getByText('Die Änderungen wurden gespeichert.')).toBeVisible();

  // The permission matrix: let anonymous link participants report contributions in the workshop phase. Supporting
  // needs an account, and moderating is for the town's staff: the matrix does not offer those to link holders.
  await visit(page, '/t/beverungen/p/beverungen-2030/permissions');
  await screenshot(page, 'process-permissions');
  const cell = page.getByRole('group', { name: 'Beitrag melden – Werkstätten' });
  await cell.getByLabel('Anonym über Zugangslink').check();
  await expect(page.getByRole('group', { name: 'Idee unterstützen – Werkstätten' }).getByLabel('Anonym über Zugangslink')).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Moderieren.* – Werkstätten$/ }).getByLabel('Alle (ohne Anmeldung)')).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Moderieren.* – Werkstätten$/ }).getByLabel('Moderation', { exact: true })).toHaveCount(1);
  await page.getByRole('button', { name: 'Berechtigungen speichern' }).click();
  await expect(page.getByText('Die Berechtigungen wurden gespeichert.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Beitrag melden – Werkstätten' }).getByLabel('Anonym über Zugangslink')).toBeChecked();
  await expectAccessible(page);
  await page.context().close();
});

test('component settings: a form generated from the type, per phase; a phase can hide support counts', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  const item = admin.getByRole('listitem').filter({ has: admin.getByRole('link', { name: 'Ideen für unsere Stadt', exact: true }) });
  await expect(item.getByRole('link', { name: 'Einstellungen' })).toHaveAccessibleDescription('Ideen für unsere Stadt');
  await item.getByRole('link', { name: 'Einstellungen' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Einstellungen: Ideen für unsere Stadt' })).toBeVisible();
  await expectAccessible(admin);
  // A value the schema refuses is named, and what was typed stays.
  const prompt = admin.getByLabel('Leitfrage');
  await prompt.fill('x'.repeat(501));
  await admin.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(admin.getByRole('alert').getByRole('link', { name: 'Leitfrage' })).toBeVisible();
  await expect(admin.getByLabel('Leitfrage')).toHaveValue('x'.repeat(501));
  await expectAccessible(admin);
  // The current phase hides support counts; the guiding question changes.
  await admin.getByLabel('Leitfrage').fill('Was soll Kastellaun 2030 auszeichnen?');
  const ideasUrl = admin.url().replace(/\/settings$/, '');
  await visit(page, ideasUrl);
  await expect(page.getByText(/\d+ Unterstützung(en)?\b/).first()).toBeVisible();
  const phaseName = (await page.getByText(/^Aktuelle Phase/).first().textContent())?.replace(/^Aktuelle Phase:?\s*/, '').trim() ?? '';
  await admin.getByRole('region', { name: `Phase „${phaseName}“` }).getByLabel('Zahl der Unterstützungen zeigen').uncheck();
  await admin.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(admin.getByText('Die Einstellungen sind gespeichert.')).toBeVisible();

  await page.reload();
  await expect(page.getByText('Was soll Kastellaun 2030 auszeichnen?')).toBeVisible();
  await expect(page.getByText(/\d+ Unterstützung(en)?\b/)).toHaveCount(0);
  await expect(page.getByLabel('Sortierung').locator('option')).toHaveCount(1);
  await expectAccessible(page);

  // Back to the default, for the specs that follow.
  await admin.getByRole('region', { name: `Phase „${phaseName}“` }).getByLabel('Zahl der Unterstützungen zeigen').check();
  await admin.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(admin.getByText('Die Einstellungen sind gespeichert.')).toBeVisible();
  await admin.context().close();
});
