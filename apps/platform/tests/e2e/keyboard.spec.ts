import { expect, test, type Page } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible } from './support.ts';

/** Presses Tab until the focused element matches, failing after `limit` presses. */
async function tabTo(page: Page, name: RegExp, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return `${el.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el.textContent ?? ''}`.replace(/\s+/g, ' ').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`could not reach ${name} with the Tab key`);
}

test('skip link, login and town creation work with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  await tabTo(page, /^Anmelden$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/account\/login/);
  await tabTo(page, /E-Mail-Adresse/);
  await page.keyboard.type(DEMO_ADMIN.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();

  await tabTo(page, /^Verwaltung$/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin$/);
  await tabTo(page, /Gemeinde \(Name oder Gemeindeschlüssel\)/, 60);
  await page.keyboard.type('07140144');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Der Stadtraum Simmern/ Hunsrück wurde angelegt.')).toBeVisible();
  await expectAccessible(page);

  // Focus is always visible: the focused element has an outline or box shadow.
  await tabTo(page, /Mitglieder und Einladungen/);
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
  });
  expect(outline).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/t\/simmern-hunsrueck\/members$/);
  await tabTo(page, /E-Mail-Adresse/, 60);
  await page.keyboard.type('buero@simmern.example');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // select: town admin → moderator
  await tabTo(page, /Einladung senden/);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Die Einladung an buero@simmern.example wurde verschickt.')).toBeVisible();
});
