import { expect, test } from '@playwright/test';
import { adminPage, expectAccessible, visit } from './support.ts';

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
  await admin.screenshot({ path: 'test-results/screenshots/meeting-detail.png', fullPage: true });
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
  await admin.getByRole('button', { name: 'Idee unterstützen' }).click();
  await expect(admin.getByTestId('support-count')).toHaveText('1 Unterstützung');
  await expect(admin.getByRole('button', { name: 'Unterstützung zurücknehmen' })).toBeVisible();
  await admin.getByLabel('Ihr Kommentar').fill('Gibt es in Nachbarorten schon – funktioniert gut.');
  await admin.getByRole('button', { name: 'Kommentieren' }).click();
  await expect(admin.getByText('Gibt es in Nachbarorten schon')).toBeVisible();
  await admin.getByLabel('Status').selectOption('wird_projekt');
  await admin.locator('#field-status-statusReason').fill('Wird Starterprojekt 2027.');
  await admin.getByRole('button', { name: 'Status speichern' }).click();
  await expect(admin.getByText('Der Status wurde gesetzt.')).toBeVisible();
  await expectAccessible(admin);
  await admin.screenshot({ path: 'test-results/screenshots/idea-detail.png', fullPage: true });
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
