import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const DEMO_ADMIN = { email: 'admin@kleinstadt.example', password: 'Kleinstadt-Demo-2030' };

const checkedStates = new Set<string>();

/**
 * What makes a page state for axe: the route template (ids and numbers replaced), the query's parameter names, the
 * language and the set of distinct element kinds (tag, role, type, classes, ARIA state) on the page. The same list
 * with more rows is the same state; an error summary, an open dialog or another form is a new one.
 */
async function pageState(page: Page): Promise<string> {
  const url = new URL(page.url());
  const route = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
  const kinds = await page.evaluate(() => {
    const seen = new Set<string>();
    for (const el of document.querySelectorAll('*')) {
      const a = (name: string) => el.getAttribute(name) ?? '';
      seen.add([el.tagName, a('role'), a('type'), a('class'), a('aria-expanded'), a('aria-invalid'), a('aria-current'), (el as HTMLDetailsElement).open ? 'open' : '', el.hasAttribute('hidden') ? 'hidden' : ''].join('|'));
    }
    return [...seen].sort().join('\n');
  });
  return `${route}?${[...url.searchParams.keys()].sort().join('&')}\n${kinds}`;
}

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules on the current page and fails on any violation — once per page state
 * (see pageState): the suite visits many pages of the same kind, and checking each kind once keeps the run short.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  let state = await pageState(page);
  if (checkedStates.has(state)) {
    // A click may have started a navigation that has not replaced the page yet: let the network settle and look
    // again, so a new page is never mistaken for the one already checked.
    await page.waitForLoadState('networkidle').catch(() => {});
    state = await pageState(page);
    if (checkedStates.has(state)) return;
  }
  checkedStates.add(state);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe runs as a script, which a browser without JavaScript does not run. A page shown without JavaScript (also the
 * answer to a form post) is therefore checked as a copy: its HTML, served at its own address to a page that runs
 * scripts but not the app's own (so nothing hydrates or changes it), then axe as on every other page.
 */
export async function expectAccessibleWithoutJs(browser: Browser, page: Page): Promise<void> {
  const html = await page.content();
  const url = page.url();
  const context = await browser.newContext();
  const copy = await context.newPage();
  await copy.route('**/*', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (new URL(request.url()).pathname.startsWith('/_app/') && request.url().endsWith('.js')) return route.abort();
    return route.continue();
  });
  await copy.goto(url);
  await expectAccessible(copy);
  await context.close();
}

/** A full-page screenshot for people to look at (test-results/screenshots/), taken when E2E_SCREENSHOTS is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Navigates and checks the page with axe. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expectAccessible(page);
}

/** Logs in through the form. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/account/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
let adminState: StorageState | undefined;

/**
 * A page in a new browser context logged in as the demo admin. The session is created through the login form once
 * per test run and then reused, so that the specs together stay below the login rate limit (10 per 15 minutes).
 */
export async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(adminState ? { storageState: adminState } : {});
  const page = await context.newPage();
  if (adminState) {
    await page.goto('/account');
    if (await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).isVisible()) return page;
  }
  await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  adminState = await context.storageState();
  return page;
}

/** Reads the newest mail to `to` from the admin outbox (as the demo admin, in its own browser context). */
export async function mailTo(browser: Browser, to: string): Promise<string> {
  const page = await adminPage(browser);
  const context = page.context();
  await visit(page, '/admin/outbox');
  const mail = page.getByTestId('mail').filter({ has: page.getByTestId('mail-to').getByText(to, { exact: true }) }).first();
  const text = (await mail.getByTestId('mail-text').textContent()) ?? '';
  await context.close();
  return text;
}

/** The first link in a mail's text. */
export function linkIn(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error(`no link in mail:\n${text}`);
  return new URL(match[0]).pathname;
}

const sessions = new Map<string, StorageState>();
/**
 * A page logged in as `email` (demo password), in a new browser context. Sessions are kept for the whole run, so the
 * specs together stay below the login rate limits. Waits for hydration before typing: under heavy machine load,
 * hydration can otherwise reset a field that was filled too early.
 */
export async function pageAs(browser: Browser, email: string): Promise<Page> {
  const saved = sessions.get(email);
  if (saved) {
    const page = await (await browser.newContext({ storageState: saved })).newPage();
    await page.goto('/account');
    if (await page.getByRole('heading', { level: 1, name: 'Mein Konto' }).isVisible()) return page;
    await page.context().close();
  }
  const page = await (await browser.newContext()).newPage();
  await page.goto('/account/login');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(DEMO_ADMIN.password);
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible({ timeout: 15_000 });
  sessions.set(email, await page.context().storageState());
  return page;
}
