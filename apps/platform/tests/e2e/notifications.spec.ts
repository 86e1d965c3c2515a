import { expect, test, type Page } from '@playwright/test';
import { adminPage, DEMO_ADMIN, expectAccessible, visit, screenshot } from './support.ts';

test.describe.configure({ mode: 'serial' });

/** The newest mail to `to` in the admin outbox: its text and headers. */
async function newestMail(admin: Page, to: string): Promise<{ text: string; headers: string }> {
  await visit(admin, '/admin/outbox');
  const mail = admin.getByTestId('mail').filter({ has: admin.getByTestId('mail-to').getByText(to, { exact: true }) }).first();
  return { text: (await mail.getByTestId('mail-text').textContent()) ?? '', headers: (await mail.getByTestId('mail-headers').textContent()) ?? '' };
}

async function settingsAllOnImmediately(admin: Page): Promise<void> {
  await visit(admin, '/account/notifications');
  for (const box of await admin.locator('input[type=checkbox]').all()) await box.check();
  await admin.getByLabel('sofort, jede Nachricht einzeln').check();
  await admin.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(admin.getByText('Ihre Einstellungen wurden gespeichert.')).toBeVisible();
}

test('notification settings, and unsubscribing with the link from the outbox (page and RFC 8058 one-click)', async ({ browser, page }) => {
  const admin = await adminPage(browser);

  // A status change of the admin's own idea is a notification with an unsubscribe link.
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Ideen für unsere Stadt' }).click();
  await admin.getByLabel('Titel der Idee').fill('Trinkbrunnen am Marktplatz');
  await admin.getByLabel('Beschreibung', { exact: true }).fill('Frisches Wasser für alle, die im Sommer unterwegs sind.');
  await admin.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Gemeinschaft in der Kleinstadt' });
  await admin.getByRole('button', { name: 'Idee einreichen' }).click();
  await admin.getByRole('link', { name: 'Trinkbrunnen am Marktplatz' }).click();
  await admin.getByLabel('Status').selectOption('geprueft');
  await admin.getByRole('button', { name: 'Status speichern' }).click();
  await expect(admin.getByText('Der Status wurde gesetzt.')).toBeVisible();

  const mail = await newestMail(admin, DEMO_ADMIN.email);
  expect(mail.text).toContain('Trinkbrunnen am Marktplatz');
  expect(mail.headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  const link = new URL(/https?:\/\/\S+\/unsubscribe\/\S+/.exec(mail.text)![0]).pathname;
  expect(mail.headers).toContain(`${link}>`);
  await screenshot(admin, 'outbox-notification');

  // A mail scanner opening the link changes nothing; the button does it.
  await visit(page, link);
  await expect(page.getByText(`Für ${DEMO_ADMIN.email}: keine E-Mails mehr über „Statusänderungen meiner Ideen“.`)).toBeVisible();
  await visit(admin, '/account/notifications');
  await expect(admin.getByLabel('Statusänderungen meiner Ideen')).toBeChecked();
  await page.getByRole('button', { name: 'Abbestellen' }).click();
  await expect(page.getByText('Erledigt: Sie erhalten keine E-Mails mehr über „Statusänderungen meiner Ideen“.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'unsubscribed');
  await visit(admin, '/account/notifications');
  await expect(admin.getByLabel('Statusänderungen meiner Ideen')).not.toBeChecked();

  // A forged link does nothing.
  expect((await page.goto(`${link.slice(0, -3)}xyz`))!.status()).toBe(404);
  await expect(page.getByText('Dieser Abbestell-Link ist ungültig.')).toBeVisible();
  await expectAccessible(page);
  const forgedPost = await page.request.post(`${link.slice(0, -3)}xyz`, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { Origin: 'https://mail.example' } });
  expect(forgedPost.status()).toBe(404);

  // Settings: kinds and delivery, kept after saving.
  await admin.getByLabel('Statusänderungen meiner Ideen').check();
  await admin.getByLabel('Nachrichten der Akademie (Veranstaltungen, Fragen und Antworten)').uncheck();
  await admin.getByLabel('einmal in der Woche gesammelt').check();
  await admin.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(admin.getByText('Ihre Einstellungen wurden gespeichert.')).toBeVisible();
  await expectAccessible(admin);
  await admin.reload();
  await expect(admin.getByLabel('einmal in der Woche gesammelt')).toBeChecked();
  await expect(admin.getByLabel('Nachrichten der Akademie (Veranstaltungen, Fragen und Antworten)')).not.toBeChecked();
  await expect(admin.getByLabel('Statusänderungen meiner Ideen')).toBeChecked();
  await screenshot(admin, 'notification-settings');

  // RFC 8058: the mail program POSTs from its own server (foreign origin, no cookies) and it works.
  const oneClick = await page.request.post(link, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { Origin: 'https://mail.example' } });
  expect(oneClick.status()).toBe(200);
  await visit(admin, '/account/notifications');
  await expect(admin.getByLabel('Statusänderungen meiner Ideen')).not.toBeChecked();
  // Everywhere else the CSRF origin check still refuses foreign form posts.
  const foreign = await page.request.post('/account/login', { form: { email: 'x@example.org', password: 'y' }, headers: { Origin: 'https://mail.example' } });
  expect(foreign.status()).toBe(403);

  await settingsAllOnImmediately(admin);
  await admin.context().close();
});
