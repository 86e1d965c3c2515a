import { expect, test } from '@playwright/test';
import { adminPage, expectAccessible, linkIn, login, mailTo, visit, screenshot } from './support.ts';

const PASSWORD = 'Zukunft-2030-Kastellaun';

test.describe.configure({ mode: 'serial' });

test('registration → mail from the outbox → login → create town → invite → accept', async ({ page, browser }) => {
  // Register a new person.
  await visit(page, '/');
  await page.getByRole('link', { name: 'Registrieren' }).click();
  await expectAccessible(page);
  await page.getByLabel('E-Mail-Adresse').fill('lena@morbach.example');
  await page.getByLabel('Anzeigename').fill('Lena Weber');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByText('Wir haben eine E-Mail an lena@morbach.example geschickt')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, '01-registered');

  // Logging in before confirming is refused with a hint.
  await page.goto('/account/login');
  await page.getByLabel('E-Mail-Adresse').fill('lena@morbach.example');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByText('Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.')).toBeVisible();
  await expectAccessible(page);

  // The confirmation mail is in the outbox; its link confirms the address.
  const confirmation = await mailTo(browser, 'lena@morbach.example');
  expect(confirmation).toContain('Hallo Lena Weber');
  await visit(page, linkIn(confirmation));
  await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
  await expect(page.getByText('Ihre E-Mail-Adresse ist bestätigt.')).toBeVisible();
  await expectAccessible(page);
  await login(page, 'lena@morbach.example', PASSWORD);
  await expectAccessible(page);

  // The platform admin creates a town space by AGS and invites Lena as town admin.
  const admin = await adminPage(browser);
  const adminContext = admin.context();
  await visit(admin, '/admin');
  await admin.getByLabel('Gemeinde (Name oder Gemeindeschlüssel)').fill('07231502');
  await admin.getByRole('button', { name: 'Stadtraum anlegen' }).click();
  await expect(admin.getByText('Der Stadtraum Morbach wurde angelegt.')).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, '02-town-created');
  await admin.getByRole('link', { name: 'Mitglieder und Einladungen' }).first().click();
  await expect(admin).toHaveURL(/\/t\/morbach\/members$/);
  await expectAccessible(admin);
  await admin.getByLabel('E-Mail-Adresse').fill('lena@morbach.example');
  await admin.getByLabel('Rolle').selectOption('town_admin');
  await admin.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(admin.getByText('Die Einladung an lena@morbach.example wurde verschickt.')).toBeVisible();
  await expectAccessible(admin);
  await adminContext.close();

  // Lena accepts the invitation and is town admin of Morbach.
  const invitation = await mailTo(browser, 'lena@morbach.example');
  expect(invitation).toContain('Morbach');
  await visit(page, linkIn(invitation));
  await page.getByRole('button', { name: 'Einladung annehmen' }).click();
  await expect(page).toHaveURL(/\/t\/morbach/);
  await expect(page.getByText('Ihre Rolle: Stadt-Administration')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, '03-town-admin');

  // As town admin she invites the process agency as moderator.
  await page.getByRole('link', { name: 'Mitglieder und Einladungen' }).click();
  await page.getByLabel('E-Mail-Adresse').fill('agentur@projektagentur.example');
  await page.getByLabel('Rolle').selectOption('moderator');
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(page.getByText('Die Einladung an agentur@projektagentur.example wurde verschickt.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'agentur@projektagentur.example – Moderation' })).toBeVisible();
  await expectAccessible(page);
});

test('validation errors are shown per field, in German, and keep what was typed', async ({ page }) => {
  await visit(page, '/account/register');
  await page.getByLabel('E-Mail-Adresse').fill('kein-mail');
  await page.getByLabel('Anzeigename').fill('Tom');
  await page.getByLabel('Passwort', { exact: true }).fill('kurz');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' })).toBeVisible();
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('kein-mail');
  await expect(page.getByLabel('Anzeigename')).toHaveValue('Tom');
  await expect(page.getByText('Das Passwort muss mindestens 10 Zeichen haben.').first()).toBeVisible();
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('password reset through the mailed link', async ({ page, browser }) => {
  await visit(page, '/account/login');
  await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
  await expectAccessible(page);
  await page.getByLabel('E-Mail-Adresse').fill('lena@morbach.example');
  await page.getByRole('button', { name: 'Link senden' }).click();
  await expect(page.getByText('Falls ein Konto mit dieser Adresse besteht')).toBeVisible();
  const mail = await mailTo(browser, 'lena@morbach.example');
  await visit(page, linkIn(mail));
  await page.getByLabel('Neues Passwort').fill('Neues-Passwort-2031');
  await page.getByLabel('Passwort wiederholen').fill('Neues-Passwort-2031');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByText('Ihr Passwort wurde geändert.')).toBeVisible();
  await expectAccessible(page);
  await login(page, 'lena@morbach.example', 'Neues-Passwort-2031');
});

test('profile, data export and account deletion', async ({ page }) => {
  await page.goto('/account/register');
  // A fresh account for deletion, confirmed through the outbox.
  await page.getByLabel('E-Mail-Adresse').fill('kurzzeit@example.org');
  await page.getByLabel('Anzeigename').fill('Kurz Zeit');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const mail = await mailTo(page.context().browser()!, 'kurzzeit@example.org');
  await page.goto(linkIn(mail));
  await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
  await login(page, 'kurzzeit@example.org', PASSWORD);

  await page.getByLabel('Anzeigename').fill('K. Zeit');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await expect(page.getByText('Ihr Profil wurde gespeichert.')).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Daten herunterladen (JSON)' }).click();
  const file = await (await download).path();
  const data = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
  expect(data.profile).toMatchObject({ email: 'kurzzeit@example.org', displayName: 'K. Zeit' });
  expect(JSON.stringify(data)).not.toContain('passwordHash');

  // Deleting needs the password and the confirmation.
  await page.locator('#field-delete-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await expect(page.getByText('Bitte bestätigen Sie, dass Sie das Konto löschen möchten.').first()).toBeVisible();
  await expectAccessible(page);
  await page.locator('#field-delete-password').fill(PASSWORD);
  await page.getByLabel('Ja, ich möchte mein Konto endgültig löschen.').check();
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
  await page.goto('/account/login');
  await page.getByLabel('E-Mail-Adresse').fill('kurzzeit@example.org');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByText('E-Mail-Adresse oder Passwort sind nicht richtig.')).toBeVisible();
});

test('what a person types before the scripts have loaded survives hydration', async ({ page }) => {
  // Hold the client scripts back until the fields are filled, as on a slow connection.
  let release!: () => void;
  const scriptsMayLoad = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
    await scriptsMayLoad;
    await route.continue();
  });
  await page.goto('/account/register', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('E-Mail-Adresse').fill('frueh@example.org');
  await page.getByLabel('Anzeigename').fill('Frieda Früh');
  release();
  await page.waitForLoadState('networkidle');
  // Hydration runs right after the modules have loaded; give it a moment, then the typed values must still be there.
  await page.waitForTimeout(1_000);
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('frueh@example.org');
  await expect(page.getByLabel('Anzeigename')).toHaveValue('Frieda Früh');
});
