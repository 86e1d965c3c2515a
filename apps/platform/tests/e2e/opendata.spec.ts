import { expect, test } from '@playwright/test';
import { visit } from './support.ts';

test('a town’s open data: files of its processes and the participation API, described in OpenAPI', async ({ page, request }) => {
  await visit(page, '/t/kastellaun');
  await page.getByRole('link', { name: 'Offene Daten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offene Daten: Kastellaun' })).toBeVisible();
  await visit(page, '/t/kastellaun/open-data');
  const csvLink = page.getByRole('link', { name: /Öffentliche Ideen \(CSV/ }).first();
  const csv = await request.get((await csvLink.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('# Lizenz: Datenlizenz Deutschland');
  const ical = await request.get((await page.getByRole('link', { name: 'Kalender (iCal)' }).first().getAttribute('href'))!);
  expect(ical.status()).toBe(200);
  expect(await ical.text()).toContain('BEGIN:VCALENDAR');

  const ideas = await request.get('/api/v1/ideas?town=kastellaun&pageSize=5');
  expect(ideas.status()).toBe(200);
  const body = (await ideas.json()) as { total: number; pageSize: number; items: { town: string; title: string }[]; licence: { id: string } };
  expect(body.pageSize).toBe(5);
  expect(body.items.every((i) => i.town === 'kastellaun')).toBe(true);
  expect(body.licence.id).toBe('dl-de/by-2-0');
  for (const [query, parameter] of [['pageSize=0', 'pageSize'], ['field=mond', 'field'], ['sort=neu', 'sort'], ['since=2026-02-30', 'since'], ['town=nirgendwo', 'town']]) {
    const bad = await request.get(`/api/v1/ideas?${query}`);
    expect(bad.status(), query).toBe(400);
    expect(((await bad.json()) as { parameter: string }).parameter).toBe(parameter);
  }
  for (const path of ['towns', 'processes', 'meetings', 'projects', 'visions']) expect((await request.get(`/api/v1/${path}?town=kastellaun`)).status(), path).toBe(200);
  const openapi = (await (await request.get('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/municipalities', '/api/v1/ideas', '/api/v1/processes', '/api/v1/meetings', '/api/v1/projects', '/api/v1/visions', '/api/v1/towns']));
});
