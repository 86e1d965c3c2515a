import { expect, test } from '@playwright/test';
import { expectAccessible, visit, screenshot } from './support.ts';

test('the language switch changes language and URL, and the choice is remembered', async ({ page }) => {
  await visit(page, '/t/kastellaun');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByText('Einwohnerinnen und Einwohner')).toBeVisible();
  await expect(page.getByText('5.759')).toBeVisible();

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/t\/kastellaun$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Inhabitants')).toBeVisible();
  await expect(page.getByText('5,759')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, '10-english');

  // Remembered: a German URL now leads to the English page.
  await page.goto('/impressum');
  await expect(page).toHaveURL(/\/en\/impressum$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legal notice');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Deutsch' }).click();
  await expect(page).toHaveURL(/\/impressum$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kleinstädte gestalten ihre Zukunft – gemeinsam');
});

test('every public page passes axe in both languages', async ({ page }) => {
  for (const prefix of ['', '/en']) {
    for (const path of ['/', '/t/kastellaun', '/t/zell-am-harmersbach', '/account/login', '/account/register', '/account/reset', '/account/resend', '/impressum', '/datenschutz', '/barrierefreiheit', '/seite-gibt-es-nicht']) {
      await page.goto(`${prefix}${path}`);
      await expectAccessible(page);
    }
  }
});
