import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { adminPage, DEMO_ADMIN, expectAccessible, mailTo, pageAs, visit } from './support.ts';

/**
 * Attacks on the running server with raw HTTP (a browser cannot forge the Host header): links in mails must come
 * from the configured public origin, and forwarded headers count only from configured proxies.
 */
function raw(baseURL: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), Accept: 'text/html', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('a forged Host header does not put another site into a reset mail', async ({ playwright, baseURL }) => {
  const victim = 'admin@kleinstadt.example';
  const forged = await raw(baseURL!, '/account/reset', { Host: 'evil.example', Origin: 'http://evil.example' }, `email=${encodeURIComponent(victim)}`);
  expect(forged.status).toBeLessThan(500);

  const admin = await playwright.request.newContext({ baseURL });
  await admin.post('/account/login', { form: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  const outbox = await (await admin.get('/admin/outbox')).text();
  const links = [...outbox.matchAll(/https?:\/\/[^\s<"]+\/account\/reset\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);
  expect(links.length).toBeGreaterThan(0);
  expect(outbox).not.toContain('evil.example');
  for (const link of links) expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
  await admin.dispose();
});

test('X-Forwarded-Proto from a direct client is not trusted', async ({ baseURL }) => {
  const origin = new URL(baseURL!);
  // A client claiming https would pass Kit's origin check with an https Origin and get a Secure cookie over http.
  const claimed = await raw(baseURL!, '/account/login', { 'X-Forwarded-Proto': 'https', Origin: `https://${origin.host}` }, `email=x%40example.org&password=falsch-falsch`);
  expect(claimed.status).toBe(403);
  const plain = await raw(baseURL!, '/account/login', { Origin: origin.origin }, `email=x%40example.org&password=falsch-falsch`);
  expect(plain.status).toBe(400);
});

test('malformed input gets 4xx, never 5xx, and control characters in text are dropped', async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  const post = (path: string, form: Record<string, string>) => admin.post(path, { form, headers: { Origin: baseURL!, Accept: 'text/html' }, maxRedirects: 0, failOnStatusCode: false });
  await post('/account/login', { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  for (const path of ['/t/%00', '/atlas/gemeinde/%00', '/t/kastellaun/p/%00', '/t/kastellaun/projects/%00']) {
    const status = (await admin.get(path, { failOnStatusCode: false })).status();
    expect(status, path).toBeGreaterThanOrEqual(400);
    expect(status, path).toBeLessThan(500);
  }
  const process = '/t/kastellaun/p/kastellaun-2030';
  const html = await (await admin.get(process)).text();
  const components = [...new Set([...html.matchAll(/href="(\/t\/kastellaun\/p\/kastellaun-2030\/c\/[0-9a-f-]{36})"/g)].map((m) => m[1]!))];
  expect(components.length).toBeGreaterThan(2);
  const requests: [string, Record<string, string>][] = [
    ['/admin/academy?/revoke', { userId: 'kein-uuid' }],
    [`${process}/story?/publish`, { number: '99999999999999999999999' }],
    ...components.flatMap((c): [string, Record<string, string>][] => [
      [c, { intent: 'remove', memberId: 'kein-uuid', userId: 'kein-uuid' }],
      [c, { intent: 'support', ideaId: 'kein-uuid' }],
      [c, { intent: 'register', meetingId: 'kein-uuid' }],
    ]),
  ];
  for (const [path, form] of requests) {
    const status = (await post(path, form)).status();
    expect(status, `${path} ${JSON.stringify(form)}`).toBeLessThan(500);
  }
  let ideas = '';
  for (const c of components) if ((await (await admin.get(c)).text()).includes('name="title"')) ideas = c;
  const saved = await admin.post(ideas, {
    multipart: { intent: 'submit', title: 'Nul\u0000Bank am Markt', body: 'Eine Bank\u0001 am Marktplatz zum Ausruhen', field: 'gemeinschaft', place: '' },
    headers: { Origin: baseURL!, Accept: 'text/html' },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(saved.status()).toBeLessThan(400);
  expect(await (await admin.get(`${ideas}?sort=new`)).text()).toContain('NulBank am Markt');
  await admin.dispose();
});

test('a page that needs an account offers the login and leads back to it', async ({ page }) => {
  await page.goto('/t/kastellaun/p/kastellaun-2030');
  await page.getByRole('link', { name: 'Die Szenariogruppe', exact: true }).click();
  await expect(page).toHaveURL(/\/account\/login\?next=/);
  await expect(page.getByText('Diese Seite ist nur für angemeldete Personen sichtbar.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('E-Mail-Adresse').fill('kastellaun@kleinstadt.example');
  await page.getByLabel('Passwort', { exact: true }).fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Die Szenariogruppe' })).toBeVisible();
});

test('in a phase without idea collection, the idea page says so instead of asking to log in', async ({ browser }) => {
  const admin = await adminPage(browser);
  // Kastellaun's demo process: switch to its first phase, where the Szenariowerkstatt blueprint closes submissions.
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  const ideas = admin.getByRole('link', { name: 'Ideen für unsere Stadt', exact: true });
  const ideasUrl = (await ideas.getAttribute('href'))!;
  const current = await admin.getByLabel('Aktuelle Phase').inputValue();
  await admin.getByLabel('Aktuelle Phase').selectOption({ index: 0 });
  await admin.getByRole('button', { name: 'Phase wechseln' }).click();
  const visitor = await (await browser.newContext()).newPage();
  await visit(visitor, ideasUrl);
  await expect(visitor.getByText('In der Phase „Vorbereitung“ werden keine neuen Ideen gesammelt.')).toBeVisible();
  await expect(visitor.getByRole('link', { name: 'Zum Einreichen von Ideen bitte einloggen' })).toHaveCount(0);
  await visitor.context().close();
  // Back to the phase it was in.
  await admin.getByLabel('Aktuelle Phase').selectOption(current);
  await admin.getByRole('button', { name: 'Phase wechseln' }).click();
  await admin.context().close();
});

test('a report reaches the town’s moderation queue; closing it tells the reporter', async ({ browser }) => {
  const reporter = await pageAs(browser, 'malente@kleinstadt.example');
  await reporter.goto('/t/kastellaun/p/kastellaun-2030');
  await reporter.getByRole('link', { name: 'Ideen für unsere Stadt', exact: true }).click();
  const first = reporter.locator('main h3 a').first();
  const title = ((await first.textContent()) ?? '').trim();
  await first.click();
  await reporter.waitForURL(/[?&]idea=/);
  await reporter.getByText('Beitrag melden', { exact: true }).click();
  await reporter.getByLabel('Warum melden Sie den Beitrag?').fill('Enthält Werbung für ein Geschäft');
  await reporter.getByRole('button', { name: 'Melden', exact: true }).click();
  await expect(reporter.getByText('Danke, die Moderation sieht sich den Beitrag an.')).toBeVisible();
  await reporter.context().close();

  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun');
  await admin.getByRole('link', { name: 'Moderation', exact: true }).click();
  const card = admin.getByTestId('reports').getByRole('listitem').filter({ hasText: 'Enthält Werbung für ein Geschäft' });
  await expect(card.getByRole('heading', { name: title })).toBeVisible();
  await expectAccessible(admin);
  await card.getByRole('button', { name: `Kein Verstoß – Meldung erledigen: ${title}` }).click();
  await expect(admin.getByText('Die Meldung ist erledigt; die meldende Person wird benachrichtigt.')).toBeVisible();
  await expectAccessible(admin);
  await admin.context().close();
  expect(await mailTo(browser, 'malente@kleinstadt.example')).toContain('keinen Verstoß');
});
