import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, login, visit, screenshot } from './support.ts';

test('platform admin pages pass axe and legal pages are editable with sanitized Markdown', async ({ page }) => {
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  for (const path of ['/account', '/admin', '/admin/outbox', '/admin/legal', '/t/kastellaun', '/t/kastellaun/members', '/t/kastellaun/edit']) {
    await visit(page, path);
  }
  await visit(page, '/admin/legal/impressum/de');
  await page.getByLabel('Überschrift').fill('Impressum');
  await page.getByLabel('Text (Markdown)').fill('Stadt Musterstadt\n\n**Marktplatz 1**\n\n<script>alert(1)</script><img src=x onerror=alert(1)>');
  await page.getByRole('button', { name: 'Seite speichern' }).click();
  await expect(page.getByText('Die Seite wurde gespeichert.')).toBeVisible();
  await visit(page, '/impressum');
  await expect(page.getByText('Marktplatz 1')).toBeVisible();
  const html = await page.locator('.prose').innerHTML();
  expect(html).not.toContain('<script');
  expect(html).not.toContain('onerror');
  await screenshot(page, '20-impressum');

  // Editing a town's texts.
  await visit(page, '/t/kastellaun/edit');
  await page.getByLabel('Interne Notizen').fill('Nächstes Treffen der Szenariogruppe: Dienstag.');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Der Stadtraum wurde gespeichert.')).toBeVisible();
  await visit(page, '/t/kastellaun');
  await expect(page.getByText('Nächstes Treffen der Szenariogruppe: Dienstag.')).toBeVisible();
});
