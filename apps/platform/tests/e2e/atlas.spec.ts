import { expect, test } from '@playwright/test';
import { expectAccessible, visit } from './support.ts';

test('atlas overview: figure 1 for today as charts with data tables, headline figures and credit lines', async ({ page }) => {
  await visit(page, '/atlas');
  await expect(page.getByRole('heading', { level: 1, name: 'Kleinstadt-Atlas' })).toBeVisible();
  await expect(page.getByText('2.135', { exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /Anzahl der Gemeindeverbände nach Typ: Großstadt 83; Mittelstadt 635; Größere Kleinstadt 901; Kleine Kleinstadt 1\.234/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Daten zur Grafik: Kleinstädte nach Lage/ })).toBeVisible();
  await expect(page.getByText(/Die Lage ist eine Näherung/)).toBeVisible();
  await expect(page.getByText(/© Statistisches Bundesamt \(Destatis\), 2024/).first()).toBeVisible();
  await expect(page.getByText(/Laufende Raumbeobachtung des BBSR/)).toBeVisible();
  await visit(page, '/en/atlas');
  await expect(page.getByRole('heading', { level: 1, name: 'Small-Town Atlas' })).toBeVisible();
});

test('municipality list: search ignores umlauts, filters work without JavaScript, sorting and pages', async ({ browser, page: jsPage }) => {
  await visit(jsPage, '/atlas/gemeinden?kleinstadt=1&lage=sehr_peripher&land=16');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/atlas/gemeinden');
  await page.getByLabel('Name oder Gemeindeschlüssel').fill('grossschoenau');
  await page.getByRole('button', { name: 'Anwenden' }).click();
  await expect(page.getByRole('link', { name: 'Großschönau' })).toBeVisible();
  await expect(page.getByText('1 Gemeinde gefunden', { exact: false })).toBeVisible();

  await page.goto('/atlas/gemeinden');
  await page.getByLabel('Nur Kleinstädte').check();
  await page.getByLabel('sehr peripher').check();
  await page.getByLabel('Land', { exact: true }).selectOption({ label: 'Thüringen' });
  await page.getByRole('button', { name: 'Anwenden' }).click();
  await expect(page).toHaveURL(/kleinstadt=1.*lage=sehr_peripher.*land=16/);
  const rows = page.getByRole('table', { name: 'Gemeinden' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('Thüringen');
  await expect(rows.nth(1)).toContainText('sehr peripher');
  await page.getByRole('link', { name: /^Bevölkerung/ }).click();
  await page.getByRole('link', { name: /^Bevölkerung/ }).click();
  await expect(page.getByRole('columnheader', { name: /Bevölkerung/ })).toHaveAttribute('aria-sort', 'descending');
  const first = Number((await rows.nth(1).getByRole('cell').nth(4).textContent())!.replace(/\./g, ''));
  const second = Number((await rows.nth(2).getByRole('cell').nth(4).textContent())!.replace(/\./g, ''));
  expect(first).toBeGreaterThanOrEqual(second);

  await page.goto('/atlas/gemeinden?type=40');
  await page.getByRole('link', { name: 'Nächste Seite' }).click();
  await expect(page.getByText(/Seite 2 von/).first()).toBeVisible();

  const bad = await page.goto('/atlas/gemeinden?popMin=viele');
  expect(bad?.status()).toBe(400);
  await expect(page.getByText('Der Filter „popMin“ hat einen ungültigen Wert.')).toBeVisible();
  await context.close();
});

test('profile by AGS and slug: figures, development chart with the Zensus break, peers, town space link', async ({ page }) => {
  await page.goto('/atlas/gemeinde/05762008');
  await expect(page).toHaveURL(/\/atlas\/gemeinde\/beverungen$/);
  await expectAccessible(page);
  await expect(page.getByTestId('population')).toHaveText('13.277');
  await expect(page.getByTestId('type')).toHaveText('Größere Kleinstadt');
  await expect(page.getByRole('img', { name: /Einwohnerzahl von 15\.240 \(1990\) bis 13\.277 \(2023\)/ })).toBeVisible();
  await expect(page.getByText('Zensus 2011').first()).toBeVisible();
  await expect(page.getByRole('row', { name: /Gleicher Typ und gleiche Lage/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /Beschäftigtenquote/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Arbeitslose je 1\.000 Einwohner von 15 bis 65 Jahren: von .* \(1998\) bis .* \(2015\)/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Die zehn ähnlichsten Gemeinden/ }).getByRole('row')).toHaveCount(11);
  const employment = page.getByRole('table', { name: 'Beschäftigte am Arbeitsort' });
  await expect(employment.getByRole('row')).toHaveCount(3);
  await expect(employment.getByRole('row', { name: /^2021/ })).toBeVisible();
  await expect(page.getByText(/Beschäftigte am Arbeitsort je 1\.000 Einwohner \(2021\)/)).toBeVisible();
  await expect(page.getByText(/Umsteigeschlüssel ab 2020/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zum Stadtraum von Beverungen auf der Plattform' })).toBeVisible();
  await visit(page, '/atlas/gemeinde/kastellaun');
  await expect(page.getByTestId('population')).toHaveText('5.759');
  await visit(page, '/en/atlas/gemeinde/muecheln-geiseltal');
  await expect(page.getByRole('heading', { level: 1, name: 'Mücheln (Geiseltal)' })).toBeVisible();
  expect((await page.goto('/atlas/gemeinde/gibt-es-nicht'))?.status()).toBe(404);
});

test('downloads and the JSON API carry the credit lines; bad filters are a 400 naming the field', async ({ request }) => {
  const csv = await request.get('/atlas/export/csv?q=kastellaun');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text).toContain('# © Statistisches Bundesamt (Destatis), 2024');
  expect(text).toContain('07140064,Kastellaun,kastellaun');
  const json = await (await request.get('/atlas/export/json?kleinstadt=1&land=16')).json();
  expect(json.total).toBe(json.items.length);
  expect(json.credits.length).toBeGreaterThan(0);

  const list = await (await request.get('/api/v1/municipalities?q=Großschönau')).json();
  expect(list.items[0]).toMatchObject({ ags: '14626140', type_code: 40, lage: 'peripher', lage_source: 'plz4' });
  const bad = await request.get('/api/v1/municipalities?lage=mittendrin');
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ field: 'lage' });
  const one = await (await request.get('/api/v1/municipalities/07140064')).json();
  expect(one).toMatchObject({ name: 'Kastellaun', population: 5759 });
  expect(one.population_series.find((p: { year: number }) => p.year === 2013)).toMatchObject({ basis: 'zensus2011', comparable: true });
  expect(one.employees_place_of_work).toMatchObject({ values: { 2021: 2911 }, converted_to_today: false });
  expect((await request.get('/api/v1/municipalities/99999999')).status()).toBe(404);
  const spec = await (await request.get('/api/v1/openapi.json')).json();
  expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/municipalities', '/api/v1/municipalities/{ags}']));
});
