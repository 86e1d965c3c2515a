import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { DEMO_ADMIN } from './support.ts';

/**
 * HTTP-level proof of tenant isolation and role checks: real requests with real session cookies against the
 * running server, no browser UI involved.
 */
const PASSWORD = 'Isolation-Test-2030';
let origin = '';

async function post(ctx: APIRequestContext, path: string, form: Record<string, string>) {
  return ctx.post(path, { form, headers: { Origin: origin, Accept: 'text/html' }, maxRedirects: 0, failOnStatusCode: false });
}

async function loginAs(ctx: APIRequestContext, email: string, password: string) {
  const response = await post(ctx, '/account/login', { email, password });
  expect([200, 303]).toContain(response.status());
  const account = await ctx.get('/account', { maxRedirects: 0 });
  expect(account.status(), `login as ${email}`).toBe(200);
}

async function outboxLink(admin: APIRequestContext, email: string, path: string): Promise<string> {
  const html = await (await admin.get('/admin/outbox')).text();
  // Mails are listed newest first; find the newest to this address with a link of this kind.
  const blocks = html.split('data-testid="mail"').slice(1);
  for (const block of blocks) {
    if (!block.includes(`>${email}<`)) continue;
    const match = new RegExp(`https?://[^\\s<]+${path}/[A-Za-z0-9_-]+`).exec(block);
    if (match) return new URL(match[0]).pathname;
  }
  throw new Error(`no ${path} mail to ${email}`);
}

async function newUser(playwright: PlaywrightWorkerArgs['playwright'], admin: APIRequestContext, email: string) {
  const ctx = await playwright.request.newContext({ baseURL: origin });
  await post(ctx, '/account/register', { email, displayName: email.split('@')[0]!, password: PASSWORD, passwordRepeat: PASSWORD });
  await post(ctx, await outboxLink(admin, email, '/account/confirm'), {});
  await loginAs(ctx, email, PASSWORD);
  return ctx;
}

async function invite(admin: APIRequestContext, user: APIRequestContext, slug: string, email: string, role: string) {
  const response = await post(admin, `/t/${slug}/members?/invite`, { email, role });
  expect(response.status()).toBe(200);
  const accepted = await post(user, await outboxLink(admin, email, '/invitation'), {});
  expect(accepted.status()).toBe(303);
}

test('a town admin of town A can neither read private data of nor write anything in town B', async ({ playwright, baseURL }) => {
  origin = baseURL!;
  const admin = await playwright.request.newContext({ baseURL: origin });
  await loginAs(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const adminA = await newUser(playwright, admin, 'admin-a@iso.example');
  const memberB = await newUser(playwright, admin, 'member-b@iso.example');
  await invite(admin, adminA, 'bad-lobenstein', 'admin-a@iso.example', 'town_admin');
  await invite(admin, memberB, 'beverungen', 'member-b@iso.example', 'member');
  const visitor = await playwright.request.newContext({ baseURL: origin });
  const notes = 'Demo-Stadtraum: interne Notizen';

  // Town admin of A in A: full access.
  expect(await (await adminA.get('/t/bad-lobenstein')).text()).toContain(notes);
  expect((await adminA.get('/t/bad-lobenstein/members')).status()).toBe(200);
  expect((await adminA.get('/t/bad-lobenstein/edit')).status()).toBe(200);

  // …but in B: public page only, no private notes; members, edit, invite, remove are forbidden.
  const publicB = await adminA.get('/t/beverungen');
  expect(publicB.status()).toBe(200);
  expect(await publicB.text()).not.toContain(notes);
  expect((await adminA.get('/t/beverungen/members', { maxRedirects: 0 })).status()).toBe(403);
  expect((await adminA.get('/t/beverungen/edit', { maxRedirects: 0 })).status()).toBe(403);
  expect((await post(adminA, '/t/beverungen/members?/invite', { email: 'eindringling@iso.example', role: 'town_admin' })).status()).toBe(403);
  expect((await post(adminA, '/t/beverungen/edit', { descriptionDe: 'übernommen', descriptionEn: '', internalNotes: '' })).status()).toBe(403);
  expect((await post(adminA, '/t/beverungen/members?/remove', { userId: '00000000-0000-4000-8000-000000000000' })).status()).toBe(403);
  expect(await (await visitor.get('/t/beverungen')).text()).not.toContain('übernommen');

  // A member of B sees B's private notes but may not do admin actions.
  expect(await (await memberB.get('/t/beverungen')).text()).toContain(notes);
  expect((await memberB.get('/t/beverungen/members', { maxRedirects: 0 })).status()).toBe(403);
  expect((await post(memberB, '/t/beverungen/members?/invite', { email: 'freund@iso.example', role: 'member' })).status()).toBe(403);
  expect((await post(memberB, '/t/beverungen/edit', { descriptionDe: 'x', descriptionEn: '', internalNotes: '' })).status()).toBe(403);
  expect((await memberB.get('/admin', { maxRedirects: 0 })).status()).toBe(403);
  expect((await memberB.get('/admin/outbox', { maxRedirects: 0 })).status()).toBe(403);
  expect((await post(memberB, '/admin?/createTown', { municipality: 'Morbach' })).status()).toBe(403);

  // Town admins may not create towns or read the outbox either.
  expect((await adminA.get('/admin/outbox', { maxRedirects: 0 })).status()).toBe(403);

  // Visitors are sent to the login page for protected pages and see no private data.
  expect(await (await visitor.get('/t/beverungen')).text()).not.toContain(notes);
  expect((await visitor.get('/admin', { maxRedirects: 0 })).status()).toBe(303);
  expect((await visitor.get('/t/beverungen/members', { maxRedirects: 0 })).status()).toBe(303);
  expect((await post(visitor, '/t/beverungen/members?/invite', { email: 'x@iso.example', role: 'member' })).status()).toBe(303);
});

test('malformed and cross-site requests get 4xx, never 5xx', async ({ playwright, baseURL }) => {
  origin = baseURL!;
  const ctx = await playwright.request.newContext({ baseURL: origin });
  // Cross-site form posts are refused (CSRF).
  const crossSite = await ctx.post('/account/login', { form: { email: 'a@b.de', password: 'x' }, headers: { Origin: 'http://evil.example' }, failOnStatusCode: false });
  expect(crossSite.status()).toBe(403);
  // A broken multipart body.
  const broken = await ctx.post('/account/login', { data: '--x\r\nnonsense', headers: { Origin: origin, 'Content-Type': 'multipart/form-data; boundary=zzz' }, failOnStatusCode: false });
  expect(broken.status()).toBeGreaterThanOrEqual(400);
  expect(broken.status()).toBeLessThan(500);
  // Missing fields.
  const empty = await ctx.post('/account/register', { form: {}, headers: { Origin: origin }, failOnStatusCode: false });
  expect(empty.status()).toBe(400);
  // Unknown town, unknown legal page, bad token.
  expect((await ctx.get('/t/gibt-es-nicht', { failOnStatusCode: false })).status()).toBe(404);
  expect((await ctx.get('/admin/legal/nope/xx', { failOnStatusCode: false, maxRedirects: 0 })).status()).toBeLessThan(500);
  expect((await ctx.get('/invitation/%00%ff', { failOnStatusCode: false })).status()).toBeLessThan(500);
  const admin = await playwright.request.newContext({ baseURL: origin });
  await loginAs(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);
  expect((await post(admin, '/t/beverungen/members?/remove', { userId: 'keine-uuid' })).status()).toBe(400);
  expect((await post(admin, '/t/beverungen/members?/invite', { email: 'x@y.de', role: 'kaiser' })).status()).toBe(400);
  expect((await post(admin, '/admin?/createTown', { municipality: 'x'.repeat(500) })).status()).toBe(400);
});

test('security headers are set', async ({ request }) => {
  const response = await request.get('/');
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
});
