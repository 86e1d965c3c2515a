import { expect, test } from '@playwright/test';
import { adminPage, expectAccessible, mailTo, visit, screenshot } from './support.ts';

test('the scenario group: invitation by mail, joining, voluntary self-description, representativeness', async ({ browser }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Die Szenariogruppe' }).click();
  await expectAccessible(admin);
  await expect(admin.getByText('0 von höchstens 30 Mitgliedern')).toBeVisible();
  await admin.getByLabel('E-Mail-Adresse der eingeladenen Person').fill('kein-mail');
  await admin.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(admin.getByRole('alert')).toContainText('E-Mail-Adresse der eingeladenen Person');
  await admin.getByLabel('E-Mail-Adresse der eingeladenen Person').fill('admin@kleinstadt.example');
  await admin.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(admin.getByText('Die Einladung an admin@kleinstadt.example wurde verschickt.')).toBeVisible();

  const mail = await mailTo(browser, 'admin@kleinstadt.example');
  const url = new URL(/https?:\/\/\S+join=\S+/.exec(mail)![0]);
  await visit(admin, url.pathname + url.search);
  await admin.getByRole('button', { name: 'Einladung annehmen' }).click();
  await expect(admin.getByText('Willkommen in der Szenariogruppe!')).toBeVisible();
  await admin.getByLabel('Altersgruppe').selectOption('45_64');
  await admin.getByLabel('Hintergrund').selectOption('administration');
  await admin.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.getByText('Ihre Angaben wurden gespeichert.')).toBeVisible();
  const table = admin.getByRole('table', { name: 'Nach Hintergrund' });
  await expect(table.getByRole('row', { name: /Verwaltung/ })).toContainText('100 %');
  await expect(table.getByRole('row', { name: /Bürgerschaft/ })).toContainText('Lücke');
  await expectAccessible(admin);
  await screenshot(admin, 'scenario-group');
  await admin.context().close();
});
