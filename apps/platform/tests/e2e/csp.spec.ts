import { expect, test } from '@playwright/test';
import { adminPage } from './support.ts';

/**
 * The Content Security Policy allows no inline scripts and no inline styles (`style-src` has no 'unsafe-inline'; only
 * the style attribute Kit renders for its `svelte-announcer` is allowed by hash, ADR 0010). Chromium reports every
 * refusal on the console; this walks pages of every kind, and fails too when Kit's attribute changes.
 */
test('no page needs an inline style or script the Content Security Policy refuses', async ({ browser }) => {
  const admin = await adminPage(browser);
  const refused: string[] = [];
  admin.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(`${admin.url()}: ${message.text()}`);
  });
  const paths = [
    '/',
    '/atlas',
    '/atlas/gemeinden?kleinstadt=1',
    '/atlas/karte',
    '/atlas/gemeinde/07140064',
    '/t/kastellaun',
    '/t/kastellaun/check',
    '/t/kastellaun/p/kastellaun-2030',
    '/t/kastellaun/projects',
    '/t/kastellaun/projects/map',
    '/t/kastellaun/idea-outcomes',
    '/t/malente/p/malente-2030/vision',
    '/academy/knowledge?q=Jugend',
    '/academy/events',
    '/academy/research',
    '/t/kastellaun/open-data',
    '/t/kastellaun/moderation',
    '/t/kastellaun/audit',
    '/academy',
    '/academy/events/map',
    '/academy/seismograph',
    '/blueprints',
    '/account',
  ];
  for (const path of paths) {
    const response = await admin.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await admin.waitForLoadState('networkidle');
  }
  const csp = (await admin.request.get('/')).headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-/);
  expect(csp).toMatch(/style-src 'self' 'unsafe-hashes' 'sha256-[^']+'(;|$)/);
  expect(csp).not.toContain('unsafe-inline');
  expect(refused).toEqual([]);
  // No style attributes in our server-rendered markup (they would need 'unsafe-inline' for good).
  for (const path of ['/atlas/karte', '/atlas/gemeinden', '/atlas/gemeinde/07140064', '/t/kastellaun']) {
    expect(await (await admin.request.get(path)).text(), path).not.toMatch(/<[a-z][^>]* style="/);
  }
  await admin.context().close();
});
