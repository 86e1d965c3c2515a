import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible, pageAs, visit } from './support.ts';

const EDITOR = 'redaktion@kleinstadt.example';

test('showcase stories are public and shareable, with Open Graph tags', async ({ page }) => {
  await visit(page, '/academy/showcase');
  await expect(page.getByRole('heading', { level: 1, name: 'Kleinstädte zeigen, wie es geht' })).toBeVisible();
  await expect(page.getByTestId('story')).toHaveCount(3);
  await page.getByRole('link', { name: 'Rodewisch macht seine Mitte selbst' }).click();
  await expectAccessible(page);
  await expect(page.getByRole('img', { name: /Illustration: zwei Häuser .* „Neue Mitte“/ })).toBeVisible();
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Rodewisch macht seine Mitte selbst');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toMatch(/^http:\/\/localhost:\d+\/media\/academy\/story\/[0-9a-f-]{36}\/image$/);
  const response = await page.request.get(image!);
  expect(response.headers()['content-type']).toBe('image/webp');
  const share = page.getByLabel('Link zu dieser Geschichte');
  await expect(share).toHaveValue(/\/academy\/showcase\/rodewisch-neue-mitte-selbst-gemacht$/);
  await expect(page.getByRole('link', { name: 'Per E-Mail teilen' })).toHaveAttribute('href', /^mailto:\?subject=/);
});

test('an editor writes a story, adds a photo with alt text and publishes it', async ({ browser }) => {
  const editor = await pageAs(browser, EDITOR);
  await visit(editor, '/academy/showcase/new');
  await editor.getByLabel('Titel').fill('Malente lädt zum Forum');
  await editor.getByLabel('Kurzfassung').fill('Einmal im Jahr beraten Bürgerschaft und Verwaltung im Malente-Forum über die Zukunft der Gemeinde.');
  await editor.getByLabel(/^Geschichte/).fill('## Das Forum\n\nDas **Malente-Forum** findet einmal jährlich statt.');
  await editor.getByLabel(/^Stadt/).selectOption({ label: 'Malente' });
  await editor.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(editor.getByText('Entwurf – nur für die Redaktion sichtbar.')).toBeVisible();
  await expectAccessible(editor);
  const url = editor.url();

  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(url))!.status()).toBe(404);

  // Without alt text the photo is refused, naming the field.
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2e7d32' } }).png().toBuffer();
  await editor.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'forum.png', mimeType: 'image/png', buffer: png });
  await editor.getByRole('button', { name: 'Foto hinzufügen' }).click();
  await expect(editor.getByRole('alert')).toContainText('Alternativtext');
  await expectAccessible(editor);
  await editor.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'forum.png', mimeType: 'image/png', buffer: png });
  await editor.getByLabel('Alternativtext').fill('Grüne Fläche als Platzhalter für ein Foto vom Forum');
  await editor.getByRole('button', { name: 'Foto hinzufügen' }).click();
  await expect(editor.getByText('Das Foto ist hinzugefügt.')).toBeVisible();
  await editor.getByRole('button', { name: 'Veröffentlichen' }).click();
  await expect(editor.getByText('Die Geschichte ist veröffentlicht.')).toBeVisible();
  await expectAccessible(editor);
  await editor.context().close();

  await visit(visitor, url);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Malente lädt zum Forum' })).toBeVisible();
  await expect(visitor.getByRole('img', { name: 'Grüne Fläche als Platzhalter für ein Foto vom Forum' })).toBeVisible();
  await expect(visitor.locator('meta[property="og:image:alt"]')).toHaveAttribute('content', 'Grüne Fläche als Platzhalter für ein Foto vom Forum');
  await visitor.context().close();
});

test('the events calendar has a map view with a list of places, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/academy/events');
  await page.getByRole('link', { name: 'Kartenansicht' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Veranstaltungen auf der Karte' })).toBeVisible();
  await expect(page.getByTestId('event-place').first()).toBeVisible();
  const marker = page.getByRole('link', { name: /^Kastellaun: (1 Veranstaltung|([02-9]|\d\d+) Veranstaltungen)$/ });
  await expect(marker).toBeVisible();
  await marker.click();
  await expect(page).toHaveURL(/#ort-/);
  const url = page.url();
  await context.close();
  const checker = await (await browser.newContext()).newPage();
  await visit(checker, url);
  await checker.context().close();
});
