import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { adminPage, expectAccessible, visit, screenshot } from './support.ts';
import { xssCorpus } from './xss-corpus.ts';

test.describe.configure({ mode: 'serial' });

const PROCESS = '/t/kastellaun/p/kastellaun-2030';
const V1 = 'Kastellaun im Jahr 2030: Die Stadt ist lebendig.\n\nAm Marktplatz steht ein Bürgerhaus, in dem sich Jung und Alt treffen.\n\nDer Bus fährt jede Stunde in alle Ortsteile.';
const V2 = 'Kastellaun im Jahr 2030: Die Stadt ist lebendig.\n\nAm Marktplatz steht ein Bürgerhaus, das die Vereine gemeinsam betreiben und in dem sich Jung und Alt treffen.\n\nDer Rufbus fährt jede halbe Stunde in alle Ortsteile.';

async function writeVersion(page: Page, body: string, note: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Text der Zukunftsgeschichte' }).fill(body);
  await page.getByRole('textbox', { name: /Was haben Sie geändert/ }).fill(note);
  await page.getByRole('button', { name: 'Als neue Fassung speichern' }).click();
}

test('the team builds a Zukunftsbild with goals and an image, then publishes it', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, `${PROCESS}/vision`);
  // Bad input: the field is named, nothing saved.
  await admin.getByRole('button', { name: 'Ziel hinzufügen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Ziel');
  await expectAccessible(admin);
  await admin.getByLabel('Handlungsfeld').selectOption('mobilitaet');
  await admin.getByRole('textbox', { name: 'Ziel', exact: true }).fill('Rufbus in alle Ortsteile');
  await admin.getByRole('button', { name: 'Ziel hinzufügen' }).click();
  await expect(admin.getByText('Das Ziel wurde hinzugefügt.')).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Mobilität gut vernetzt' })).toBeVisible();

  // The image needs alt text; it is re-encoded.
  const png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: { r: 40, g: 130, b: 90 } } }).png().toBuffer();
  await admin.getByLabel('Bilddatei').setInputFiles({ name: 'zukunftsbild.png', mimeType: 'image/png', buffer: png });
  await admin.getByRole('button', { name: 'Bild hochladen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Beschreibung des Bildes');
  await expectAccessible(admin);
  await admin.getByLabel('Bilddatei').setInputFiles({ name: 'zukunftsbild.png', mimeType: 'image/png', buffer: png });
  await admin.getByRole('textbox', { name: /Beschreibung des Bildes/ }).fill('Gezeichnete Ansicht des Marktplatzes im Jahr 2030');
  await admin.getByRole('button', { name: 'Bild hochladen' }).click();
  await expect(admin.getByText('Das Bild wurde gespeichert.')).toBeVisible();
  await expect(admin.getByRole('img', { name: 'Gezeichnete Ansicht des Marktplatzes im Jahr 2030' })).toBeVisible();

  // Drafts are invisible to visitors.
  await visit(page, `${PROCESS}/vision`);
  await expect(page.getByText('Das Zukunftsbild ist noch nicht veröffentlicht.')).toBeVisible();
  expect((await page.request.get(`${PROCESS}/vision/image/image`)).status()).toBe(404);

  await admin.getByRole('button', { name: 'Zukunftsbild veröffentlichen' }).click();
  await expect(admin.getByText('Das Zukunftsbild ist veröffentlicht.')).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'vision');

  await visit(page, `${PROCESS}/vision`);
  await expect(page.getByText('Rufbus in alle Ortsteile')).toBeVisible();
  const image = page.getByRole('img', { name: 'Gezeichnete Ansicht des Marktplatzes im Jahr 2030' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await expect(page.getByRole('button', { name: 'Ziel hinzufügen' })).toHaveCount(0);
});

test('writing story versions, comparing two of them, commenting a passage, publishing one', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, `${PROCESS}/story`);
  await expect(admin.getByText('Noch keine Fassung.')).toBeVisible();
  await admin.getByRole('button', { name: 'Als neue Fassung speichern' }).click();
  await expect(admin.getByRole('alert')).toContainText('Text der Zukunftsgeschichte');
  await expectAccessible(admin);
  await writeVersion(admin, V1, 'Erster Entwurf aus Werkstatt III');
  await expect(admin.getByText('Fassung 1 wurde gespeichert.')).toBeVisible();
  await writeVersion(admin, V2, 'Vereine und Rufbus');
  await expect(admin.getByText('Fassung 2 wurde gespeichert.')).toBeVisible();
  await expect(admin.getByTestId('story-meta')).toContainText('Fassung 2 von Demo-Administration');
  await expect(admin.getByRole('table')).toContainText('Erster Entwurf aus Werkstatt III');
  await expectAccessible(admin);

  // Diff between the two versions.
  await admin.getByLabel('Von Fassung').selectOption('1');
  await admin.getByLabel('Zu Fassung').selectOption('2');
  await admin.getByRole('button', { name: 'Unterschiede zeigen' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Unterschiede zwischen Fassung 1 und 2' })).toBeVisible();
  await expect(admin.getByTestId('diff').locator('ins', { hasText: 'Rufbus' })).toBeVisible();
  await expect(admin.getByTestId('diff').locator('del', { hasText: 'Bus' })).toBeVisible();
  await expect(admin.getByTestId('diff-summary')).toContainText('Wörter hinzugefügt');
  await expectAccessible(admin);
  await screenshot(admin, 'story-diff');
  expect((await admin.request.get(`${PROCESS}/story/diff?from=1&to=abc`)).status()).toBe(400);

  // A comment anchored to a passage of paragraph 2.
  await admin.getByRole('link', { name: 'Zurück zur Zukunftsgeschichte' }).click();
  await admin.getByLabel('Absatz', { exact: true }).selectOption({ index: 1 });
  await admin.getByRole('textbox', { name: /Zitierte Stelle/ }).fill('Text, der dort nicht steht');
  await admin.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Welche Vereine genau?');
  await admin.getByRole('button', { name: 'Kommentar speichern' }).click();
  await expect(admin.getByRole('alert')).toContainText('Die zitierte Stelle steht nicht in diesem Absatz.');
  await expectAccessible(admin);
  await admin.getByRole('textbox', { name: /Zitierte Stelle/ }).fill('die Vereine gemeinsam betreiben');
  await admin.getByRole('button', { name: 'Kommentar speichern' }).click();
  await expect(admin.getByText('Ihr Kommentar wurde gespeichert.')).toBeVisible();
  const comment = admin.locator('#absatz-2').getByTestId('story-comment');
  await expect(comment).toContainText('zu „die Vereine gemeinsam betreiben“');
  await expect(comment).toContainText('Welche Vereine genau?');
  await expectAccessible(admin);

  // Nothing is public before publishing; then version 2 is, on the process page and the town page.
  await visit(page, `${PROCESS}/story`);
  await expect(page.getByText('Die Zukunftsgeschichte ist noch nicht veröffentlicht.')).toBeVisible();
  await admin.getByRole('button', { name: 'Diese Fassung veröffentlichen' }).click();
  await expect(admin.getByText('Die Fassung ist veröffentlicht.')).toBeVisible();
  await expect(admin.getByText('Veröffentlicht ist Fassung 2.')).toBeVisible();
  await screenshot(admin, 'story');

  await visit(page, `${PROCESS}/story`);
  await expect(page.getByTestId('story-paragraph').nth(2)).toHaveText('Der Rufbus fährt jede halbe Stunde in alle Ortsteile.');
  await expect(page.getByTestId('story-comment')).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
  await visit(page, PROCESS);
  await expect(page.getByRole('heading', { name: 'Zukunftsbild und Zukunftsgeschichte 2030' })).toBeVisible();
  await expect(page.getByText('Kastellaun im Jahr 2030: Die Stadt ist lebendig.')).toBeVisible();
  await visit(page, '/t/kastellaun');
  await expect(page.getByRole('heading', { name: 'Zukunftsbilder' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Gezeichnete Ansicht des Marktplatzes im Jahr 2030' })).toBeVisible();
  await screenshot(page, 'town-visions');
});

test('the audit log is for town admins: filterable and paginated', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/audit');
  // In words: the action's name and the names of what it concerns, no keys or ids.
  await expect(admin.getByTestId('audit')).toContainText('Fassung der Zukunftsgeschichte gespeichert');
  await expect(admin.getByTestId('audit')).not.toContainText('story.version_saved');
  await expect(admin.getByTestId('audit')).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await admin.getByLabel('Art der Änderung').selectOption('vision.goal_added');
  await admin.getByRole('button', { name: 'Filter anwenden' }).click();
  await expect(admin.getByTestId('audit').locator('tbody tr')).toHaveCount(1);
  await expect(admin.getByTestId('audit')).toContainText('Rufbus in alle Ortsteile');
  await expectAccessible(admin);
  await screenshot(admin, 'audit');
  // Visitors are sent to the login page.
  await page.goto('/t/kastellaun/audit');
  await expect(page).toHaveURL(/\/account\/login/);
});

test('no payload of the XSS corpus executes through the story path', async ({ browser }) => {
  const admin = await adminPage(browser);
  let dialogs = 0;
  admin.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const body = xssCorpus.join('\n\n');
  await visit(admin, `${PROCESS}/story`);
  await writeVersion(admin, body, 'XSS-Korpus');
  await expect(admin.getByText(/Fassung \d+ wurde gespeichert\./)).toBeVisible();
  // Every paragraph is there (as text or sanitized markup), nothing ran.
  expect(await admin.getByTestId('story-paragraph').count()).toBeGreaterThanOrEqual(xssCorpus.length - 2);
  await admin.waitForTimeout(500);
  expect(await admin.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(admin.locator('.story script, .story iframe, .story object, .story embed, .story svg, .story style, .story [onerror], .story [onload], .story a[href^="javascript" i]')).toHaveCount(0);
  // Hover and click every link and element of the story, in case a handler survived.
  const scriptish = async (scope: Page | Locator) => {
    for (const link of await scope.locator('a').all()) {
      const href = (await link.getAttribute('href')) ?? '';
      if (!/^(https?:|mailto:|tel:)/i.test(href.trim())) await link.click({ timeout: 2000 }).catch(() => undefined);
    }
  };
  await scriptish(admin.locator('.story'));
  await admin.locator('.story').hover();

  // The same sanitized markup without the page's CSP: still nothing runs, so the sanitizer alone holds.
  const html = await admin.locator('.story').innerHTML();
  const bare = await browser.newPage();
  bare.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await bare.setContent(`<!doctype html><html><body>${html}</body></html>`);
  await bare.waitForTimeout(500);
  await scriptish(bare);
  await bare.waitForTimeout(200);
  expect(await bare.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await bare.close();

  // The diff page shows the payloads as text.
  await admin.getByLabel('Von Fassung').selectOption({ index: 1 });
  await admin.getByLabel('Zu Fassung').selectOption({ index: 0 });
  await admin.getByRole('button', { name: 'Unterschiede zeigen' }).click();
  await expect(admin.getByTestId('diff')).toContainText('<script>window.__xss=1</script>');
  expect(await admin.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
  // Restore the readable version for the pages that follow.
  await visit(admin, `${PROCESS}/story?v=2`);
  await admin.getByRole('button', { name: 'Als neue Fassung speichern' }).click();
  await expect(admin.getByText(/Fassung \d+ wurde gespeichert\./)).toBeVisible();
});
