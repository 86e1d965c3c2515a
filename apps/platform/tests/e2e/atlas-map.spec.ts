import { expect, test } from '@playwright/test';
import { visit } from './support.ts';

test('map: VG5000 shapes coloured by type, Lage or change, model towns keyboard-reachable, table alternative', async ({ page, request }) => {
  await visit(page, '/atlas/karte');
  await expect(page.getByRole('img', { name: /Karte der Gemeindeverbände Deutschlands, eingefärbt nach Stadt- und Gemeindetyp/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Legende und Tabelle: Stadt- und Gemeindetyp/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /keine Daten \(gemeindefreie Gebiete.*205/ })).toBeVisible();
  await expect(page.getByTestId('map-successors')).toContainText('18 Gemeindeverbände der Karte');
  const markers = page.getByRole('group', { name: 'Die acht Modellstädte' }).getByRole('link');
  await expect(markers).toHaveCount(8);
  await page.getByRole('link', { name: 'Kastellaun (Modellstadt) – Profil öffnen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/atlas\/gemeinde\/kastellaun$/);

  await visit(page, '/atlas/karte?farbe=lage&q=grossschoenau');
  await expect(page.getByText('Großschönau ist auf der Karte markiert.')).toBeVisible();
  await expect(page.getByText(/© GeoBasis-DE \/ BKG 2021/)).toBeVisible();
  await visit(page, '/en/atlas/karte?farbe=entwicklung');

  const svg = await request.get('/atlas/karte.svg?farbe=typ', { headers: { 'accept-encoding': 'gzip' } });
  expect(svg.headers()['content-type']).toContain('image/svg+xml');
  const body = await svg.body();
  expect(body.length).toBeGreaterThan(100_000);
  expect(await svg.text()).toContain('<svg');
});
