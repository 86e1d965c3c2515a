import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { adminPage, DEMO_ADMIN, expectAccessible, mailTo, pageAs, visit, screenshot } from './support.ts';

test.describe.configure({ mode: 'serial' });

const FOLLOWER = 'malente@kleinstadt.example';

test('an idea becomes a Starterprojekt with a Kümmerer, gets an update with a photo, and shows up publicly', async ({ browser, page }) => {
  // Submit and support an idea.
  const admin = await adminPage(browser);
  await visit(admin, '/t/kastellaun/p/kastellaun-2030');
  await admin.getByRole('link', { name: 'Ideen für unsere Stadt' }).click();
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Titel der Idee').fill('Offener Bücherschrank am Marktplatz');
  await admin.getByLabel('Beschreibung', { exact: true }).fill('Eine alte Telefonzelle wird zum Bücherschrank: Bücher bringen, Bücher mitnehmen.');
  await admin.getByLabel('Handlungsfeld', { exact: true }).selectOption('gemeinschaft');
  await admin.getByRole('button', { name: 'Idee einreichen' }).click();
  await expect(admin.getByText('Danke! Ihre Idee wurde veröffentlicht.')).toBeVisible();
  await admin.getByRole('link', { name: 'Offener Bücherschrank am Marktplatz' }).click();
  await admin.waitForURL(/[?&]idea=/);
  const ideaUrl = admin.url();
  // Somebody else supports it (authors cannot support their own idea).
  const neighbour = await pageAs(browser, 'kastellaun@kleinstadt.example');
  await neighbour.goto(ideaUrl);
  await neighbour.getByRole('button', { name: 'Idee unterstützen' }).click();
  await expect(neighbour.getByTestId('support-count')).toHaveText('1 Unterstützung');
  await neighbour.context().close();
  await admin.reload();

  // "Als Projekt übernehmen": the form comes prefilled from the idea; a missing Kümmerer is named.
  await admin.getByRole('link', { name: 'Als Projekt übernehmen' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Neues Projekt in Kastellaun' })).toBeVisible();
  await expect(admin.getByText('Aus der Idee „Offener Bücherschrank am Marktplatz“')).toBeVisible();
  await expect(admin.getByLabel('Art des Projekts')).toHaveValue('starterprojekt');
  await expect(admin.getByLabel('Titel')).toHaveValue('Offener Bücherschrank am Marktplatz');
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Projekt anlegen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Kümmerer (Person oder Organisation)');
  await expect(admin.getByRole('alert')).toContainText('Bitte nennen Sie, wer sich kümmert');
  await expectAccessible(admin);
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Kümmerer (Person oder Organisation)').fill('Heimatverein Kastellaun, Anna Keller');
  await admin.getByLabel('Partner').fill('Buchhandlung am Markt');
  await admin.getByLabel('Budget').fill('ca. 1.500 €');
  await admin.getByLabel('Städtebauförderung „Kleinere Städte und Gemeinden“').check();
  await admin.getByRole('button', { name: 'Projekt anlegen' }).click();
  await expect(admin.getByText('Das Projekt wurde angelegt.')).toBeVisible();
  await expect(admin.getByRole('heading', { level: 1, name: 'Offener Bücherschrank am Marktplatz' })).toBeVisible();
  await expect(admin.getByText('Heimatverein Kastellaun, Anna Keller')).toBeVisible();
  await expect(admin.getByRole('link', { name: 'Offener Bücherschrank am Marktplatz' })).toBeVisible(); // the idea
  await expectAccessible(admin);
  const projectUrl = new URL(admin.url()).pathname;

  // Edit: the form keeps every value.
  await visit(admin, `${projectUrl}/edit`);
  await expect(admin.getByLabel('Kümmerer (Person oder Organisation)')).toHaveValue('Heimatverein Kastellaun, Anna Keller');
  await expect(admin.getByLabel('Städtebauförderung „Kleinere Städte und Gemeinden“')).toBeChecked();
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Ende (geplant)').fill('2027-09-30');
  await admin.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.getByText('Die Änderungen wurden gespeichert.')).toBeVisible();
  await expect(admin.getByText('bis 30.09.2027')).toBeVisible();

  // A milestone.
  await admin.getByLabel('Meilenstein', { exact: true }).fill('Telefonzelle aufgestellt');
  await admin.getByLabel('Fällig am').fill('2027-05-01');
  await admin.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  await expect(admin.getByText('Der Meilenstein wurde hinzugefügt.')).toBeVisible();
  // Marking it done: the button shows the short action; its accessible name adds the milestone for screen readers.
  const milestone = admin.locator('section[aria-labelledby="milestones"] li', { hasText: 'Telefonzelle aufgestellt' });
  const markDone = milestone.getByRole('button', { name: 'Als erledigt markieren: Telefonzelle aufgestellt', exact: true });
  await expect(markDone).toHaveText('Als erledigt markieren');
  await markDone.click();
  await expect(admin.getByText('Der Meilenstein wurde geändert.')).toBeVisible();
  await expect(milestone.locator('.kern-badge')).toHaveText('erledigt');
  await expect(milestone.getByRole('button', { name: 'Wieder öffnen: Telefonzelle aufgestellt', exact: true })).toBeVisible();
  await expectAccessible(admin);

  // The idea now says "wird Projekt".
  await admin.goto(ideaUrl);
  await expect(admin.locator('.kern-badge').filter({ hasText: 'wird Projekt' })).toBeVisible();

  // Someone follows the project.
  const follower = await pageAs(browser, FOLLOWER);
  await visit(follower, projectUrl);
  await follower.getByRole('button', { name: 'Projekt folgen' }).click();
  await expect(follower.getByText('Sie folgen diesem Projekt')).toBeVisible();
  await expectAccessible(follower);
  await follower.context().close();

  // Post an update with a photo; the alt text is required.
  await admin.goto(projectUrl);
  await admin.waitForLoadState('networkidle');
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 160, g: 40, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Geheim' } })
    .toBuffer();
  await admin.getByText('Fortschritt berichten').click();
  await admin.getByLabel('Überschrift').fill('Die Telefonzelle steht');
  await admin.getByLabel('Bericht', { exact: true }).fill('Der Bauhof hat die Telefonzelle aufgestellt, die ersten Bücher sind eingezogen.');
  await admin.getByLabel('Foto').setInputFiles({ name: 'telefonzelle.jpg', mimeType: 'image/jpeg', buffer: photo });
  await admin.getByRole('button', { name: 'Bericht veröffentlichen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Bildbeschreibung (Alternativtext)');
  await expectAccessible(admin);
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Foto').setInputFiles({ name: 'telefonzelle.jpg', mimeType: 'image/jpeg', buffer: photo });
  await admin.getByLabel('Bildbeschreibung (Alternativtext)').fill('Eine rote Telefonzelle voller Bücher am Marktplatz');
  await admin.getByLabel('Neuer Stand des Projekts').selectOption({ label: 'in Umsetzung' });
  await admin.getByRole('button', { name: 'Bericht veröffentlichen' }).click();
  await expect(admin.getByText('Der Bericht ist veröffentlicht.')).toBeVisible();
  await expect(admin.getByTestId('project-status')).toHaveText('in Umsetzung');
  await expectAccessible(admin);
  await screenshot(admin, 'project-team');
  await admin.context().close();

  // The follower got a mail.
  const mail = await mailTo(browser, FOLLOWER);
  expect(mail).toContain('Die Telefonzelle steht');
  expect(mail).toContain(projectUrl);

  // A visitor sees the project with update and photo, in the list, on the town page and on "Was wurde aus unseren Ideen?".
  await visit(page, projectUrl);
  await expect(page.getByRole('heading', { name: 'Die Telefonzelle steht' })).toBeVisible();
  const img = page.getByRole('img', { name: 'Eine rote Telefonzelle voller Bücher am Marktplatz' });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'Telefonzelle aufgestellt, fällig' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Anmelden, um dem Projekt zu folgen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bericht veröffentlichen' })).toHaveCount(0);
  await screenshot(page, 'project-public');

  await visit(page, '/t/kastellaun/projects?type=starterprojekt&status=umsetzung');
  await expect(page.getByRole('link', { name: 'Offener Bücherschrank am Marktplatz' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zukunft der Stadthalle „Tivoli“' })).toHaveCount(0);
  await screenshot(page, 'project-list');

  await visit(page, '/t/kastellaun');
  await expect(page.getByRole('link', { name: 'Offener Bücherschrank am Marktplatz' })).toBeVisible();
  await page.getByRole('link', { name: 'Was wurde aus unseren Ideen?' }).click();
  await expectAccessible(page);
  const trace = page.locator('article').filter({ hasText: 'Die Telefonzelle steht' });
  await expect(trace.getByRole('link', { name: 'Offener Bücherschrank am Marktplatz' })).toHaveCount(2); // idea → project
  await expect(trace.getByRole('img', { name: 'Eine rote Telefonzelle voller Bücher am Marktplatz' })).toBeVisible();
  await expect(trace.getByText('in Umsetzung')).toBeVisible();
  await screenshot(page, 'idea-outcomes');
});

test('drafts stay private; working groups show members only to members and the team', async ({ browser, page }) => {
  const admin = await adminPage(browser);
  await visit(admin, '/t/malente/projects/new');
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Titel').fill('Markthalle in der Ortsmitte');
  await admin.getByLabel('Art des Projekts').selectOption('leitprojekt');
  await admin.getByLabel('Wirtschaft entdeckt die Kleinstadt').check();
  await admin.getByLabel('Kümmerer (Person oder Organisation)').fill('Stabsstelle Gemeindeentwicklung');
  await admin.getByLabel('Arbeitsgruppe').selectOption({ label: 'Arbeitsgruppe Wirtschaftsort' });
  await admin.getByLabel(/^Veröffentlichen/).uncheck();
  await admin.getByRole('button', { name: 'Projekt anlegen' }).click();
  await expect(admin.getByText('Entwurf', { exact: true })).toBeVisible();
  const draftUrl = new URL(admin.url()).pathname;

  // A new working group: bad input named, then created.
  await visit(admin, '/t/malente/groups/new');
  await admin.waitForLoadState('networkidle');
  await admin.getByRole('button', { name: 'Arbeitsgruppe anlegen' }).click();
  await expect(admin.getByRole('alert')).toContainText('Name');
  await expectAccessible(admin);
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Name', { exact: true }).fill('Jugendrat Malente');
  await admin.getByRole('textbox', { name: 'Treffen' }).fill('monatlich');
  await admin.getByRole('button', { name: 'Arbeitsgruppe anlegen' }).click();
  await expect(admin.getByText('Die Arbeitsgruppe wurde angelegt.')).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole('link', { name: 'Arbeitsgruppe bearbeiten' }).click();
  await expectAccessible(admin);
  await expect(admin.getByRole('textbox', { name: 'Treffen' })).toHaveValue('monatlich');

  // Working group: public part, members-only part.
  await visit(admin, '/t/malente/groups');
  await expect(admin.getByRole('link', { name: 'Arbeitsgruppe Lebensort' })).toBeVisible();
  await expect(admin.getByText('zweimal im Jahr').first()).toBeVisible();
  await admin.getByRole('link', { name: 'Arbeitsgruppe Wirtschaftsort' }).click();
  await expect(admin.getByRole('heading', { name: 'Nur für Mitglieder' })).toBeVisible();
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('E-Mail-Adresse (Person im Stadtraum)').fill('niemand@example.org');
  await admin.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
  await expect(admin.getByRole('alert')).toContainText('E-Mail-Adresse (Person im Stadtraum)');
  await expectAccessible(admin);
  await admin.waitForLoadState('networkidle');
  // Only people of the town space can be added (no probing for accounts elsewhere): Malente's town admin.
  await admin.getByLabel('E-Mail-Adresse (Person im Stadtraum)').fill('malente@kleinstadt.example');
  await admin.getByLabel('Rolle').selectOption('lead');
  await admin.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
  await expect(admin.getByText('Das Mitglied wurde hinzugefügt.')).toBeVisible();
  await expect(admin.getByRole('link', { name: 'Markthalle in der Ortsmitte' })).toBeVisible();
  await expectAccessible(admin);
  await screenshot(admin, 'working-group-team');
  await admin.context().close();

  // Visitors: no draft, no members.
  const response = await page.goto(draftUrl);
  expect(response?.status()).toBe(404);
  await visit(page, '/t/malente/groups/wirtschaftsort');
  await expect(page.getByRole('heading', { name: 'Nur für Mitglieder' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Markthalle in der Ortsmitte' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Leitprojekte im Ortszentrum' })).toBeVisible();
  await visit(page, '/t/malente/groups/lebensort');
  await expect(page.getByRole('link', { name: 'Treffen der AG Lebensort' })).toBeVisible();
  await screenshot(page, 'working-group-public');
  await visit(page, '/t/rodewisch/projects/neue-mitte-selbst-gemacht');
  await expect(page.getByText('Wettbewerb „Ab in die Mitte!“')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Jugendcafé in der Neuen Mitte' })).toBeVisible();
  await visit(page, '/t/zell-am-harmersbach/projects?type=projekt');
  await expect(page.getByRole('heading', { level: 2, name: '14 Projekte' })).toBeVisible();
  await visit(page, '/en/t/zell-am-harmersbach/idea-outcomes');
  await expect(page.getByRole('heading', { level: 1, name: 'What became of our ideas?' })).toBeVisible();
});

test('projects serve vision goals, sit on the project map (click or typed, also without JavaScript), and followers unfollow with one click', async ({ browser, page }) => {
  test.setTimeout(240_000); // many pages, each checked with axe, on a shared machine
  const admin = await adminPage(browser);
  const projectUrl = '/t/malente/projects/uferweg-dieksee';

  // The form groups the goals of the process's Zukunftsbild by field of action; a point outside the town is named.
  await visit(admin, `${projectUrl}/edit`);
  const goals = admin.getByRole('group', { name: /Dient diesen Zielen des Zukunftsbilds/ });
  await expect(goals.getByRole('group', { name: 'Besucher und Stadtgesellschaft' })).toBeVisible();
  await expect(admin.getByLabel('Uferweg rund um den Dieksee')).toBeChecked(); // from the demo
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Kurpark als Bühne').check();
  await admin.getByLabel('Breitengrad').fill('52,52');
  await admin.getByLabel('Längengrad').fill('13,405');
  await admin.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.getByRole('alert')).toContainText('Breitengrad');
  await expect(admin.getByRole('alert')).toContainText('Dieser Punkt liegt außerhalb des Stadtgebiets.');
  await expectAccessible(admin);
  // Clicking the outline sets the point (progressive enhancement).
  await admin.waitForLoadState('networkidle');
  const picker = admin.getByRole('img', { name: 'Umriss von Malente zum Setzen des Projektorts mit der Maus' });
  const box = (await picker.boundingBox())!;
  await picker.click({ position: { x: box.width * 0.4, y: box.height * 0.5 } });
  await expect(admin.getByText(/^Punkt gesetzt: 54\.\d+, 10\.\d+$/)).toBeVisible();
  const lat = Number(await admin.getByLabel('Breitengrad').inputValue());
  expect(lat).toBeGreaterThan(54.13);
  expect(lat).toBeLessThan(54.24);
  await expect(admin.getByLabel('Kurpark als Bühne')).toBeChecked(); // kept after the failed submit
  await admin.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.getByText('Die Änderungen wurden gespeichert.')).toBeVisible();
  const served = admin.getByTestId('project-goals');
  await expect(served.getByRole('link', { name: 'Uferweg rund um den Dieksee' })).toBeVisible();
  await expect(served.getByRole('link', { name: 'Kurpark als Bühne' })).toBeVisible();
  await expect(admin.getByRole('img', { name: 'Lage des Projekts „Uferweg am Dieksee“ im Umriss von Malente' })).toBeVisible();
  await expectAccessible(admin);

  // Without JavaScript the typed coordinates do the same.
  const noJs = await (await browser.newContext({ storageState: await admin.context().storageState(), javaScriptEnabled: false })).newPage();
  await noJs.goto('/t/malente/projects/netzwerk-sport-malente/edit'); // axe needs scripts: the same page is checked above
  await noJs.getByLabel('Breitengrad').fill('54,1711');
  await noJs.getByLabel('Längengrad').fill('10,5512');
  await noJs.getByRole('button', { name: 'Speichern' }).click();
  await expect(noJs.getByText('Die Änderungen wurden gespeichert.')).toBeVisible();
  await expect(noJs.getByText('54.17110, 10.55120')).toBeVisible();
  await noJs.context().close();

  // Someone follows the project; an update reaches them with a one-click unfollow link.
  const follower = await pageAs(browser, FOLLOWER);
  await visit(follower, projectUrl);
  await follower.getByRole('button', { name: 'Projekt folgen' }).click();
  await expect(follower.getByText('Sie folgen diesem Projekt')).toBeVisible();
  await follower.context().close();
  await admin.goto(projectUrl);
  await admin.waitForLoadState('networkidle');
  await admin.getByText('Fortschritt berichten').click();
  await admin.getByLabel('Überschrift').fill('Erster Abschnitt ist frei');
  await admin.getByLabel('Bericht', { exact: true }).fill('Zwischen Bahnhof und Kurpark ist der Uferweg jetzt durchgängig begehbar.');
  await admin.getByRole('button', { name: 'Bericht veröffentlichen' }).click();
  await expect(admin.getByText('Der Bericht ist veröffentlicht.')).toBeVisible();
  await screenshot(admin, 'project-goals-map');
  await admin.context().close();

  // The vision page names the projects of each goal; the town page counts the goals pursued.
  await visit(page, '/t/malente/p/malente-2030/vision');
  const goal = page.locator('li[id^="goal-"]').filter({ hasText: 'Kurpark als Bühne' });
  await expect(goal.getByRole('link', { name: 'Uferweg am Dieksee' })).toBeVisible();
  await expect(goal.getByRole('link', { name: 'Netzwerk Sport Malente e. V.' })).toBeVisible();
  await screenshot(page, 'vision-goal-projects');
  await visit(page, '/t/malente');
  await expect(page.getByTestId('goals-served')).toContainText(/Ziele, die Projekte verfolgen: \d+ von 6/);
  // The vision link shows its short text and names the process for screen readers (no stray space before the colon).
  const visionLink = page.getByRole('link', { name: 'Zukunftsbild ansehen: Malente 2030', exact: true });
  await expect(visionLink).toHaveText('Zukunftsbild ansehen');

  // The public project map: points are links, and the same projects are listed as text.
  await page.getByRole('link', { name: 'Projekte auf der Karte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projekte in Malente auf der Karte' })).toBeVisible();
  await expectAccessible(page);
  const map = page.getByRole('group', { name: /Umriss von Malente mit 3 Projekten als Punkte/ });
  await expect(map.getByRole('link')).toHaveCount(3);
  await expect(page.getByTestId('project-map-list').getByRole('link')).toHaveCount(3);
  await screenshot(page, 'project-map');
  await map.getByRole('link', { name: /^Uferweg am Dieksee/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uferweg am Dieksee' })).toBeVisible();

  // The unfollow link works without login, asks first, and only once.
  const mail = await mailTo(browser, FOLLOWER);
  expect(mail).toContain('Erster Abschnitt ist frei');
  const unfollow = new URL(/https?:\/\/\S+\/unfollow\/\S+/.exec(mail)![0]).pathname;
  await visit(page, unfollow);
  await expect(page.getByText('Möchten Sie dem Projekt „Uferweg am Dieksee“ in Malente nicht mehr folgen?')).toBeVisible();
  await page.getByRole('button', { name: 'Nicht mehr folgen' }).click();
  await expect(page.getByText('Sie folgen dem Projekt „Uferweg am Dieksee“ nicht mehr.')).toBeVisible();
  await expectAccessible(page);
  // A used link is gone (410), a link we never made unknown (404): both still explain themselves.
  expect((await page.goto(unfollow))!.status()).toBe(410);
  await expect(page.getByText('Dieser Link ist ungültig oder wurde schon benutzt.')).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto('/unfollow/kein-gueltiger-link'))!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Nicht mehr folgen' })).toBeVisible();
  await expect(page.getByText('Dieser Link ist ungültig oder wurde schon benutzt.')).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto('/en/unfollow/kein-gueltiger-link'))!.status()).toBe(404);
  await expect(page.getByText('This link is invalid or has already been used.')).toBeVisible();
  const check = await pageAs(browser, FOLLOWER);
  await visit(check, projectUrl);
  await expect(check.getByRole('button', { name: 'Projekt folgen' })).toBeVisible();

  // RFC 8058: following again and a new update; the mail program's one-click POST (foreign origin) unfollows.
  await check.getByRole('button', { name: 'Projekt folgen' }).click();
  await expect(check.getByText('Sie folgen diesem Projekt')).toBeVisible();
  const again = await adminPage(browser);
  await again.goto(projectUrl);
  await again.waitForLoadState('networkidle');
  await again.getByText('Fortschritt berichten').click();
  await again.getByLabel('Überschrift').fill('Zweiter Abschnitt ist frei');
  await again.getByLabel('Bericht', { exact: true }).fill('Auch zwischen Kurpark und Strandbad ist der Uferweg jetzt begehbar.');
  await again.getByRole('button', { name: 'Bericht veröffentlichen' }).click();
  await expect(again.getByText('Der Bericht ist veröffentlicht.')).toBeVisible();
  await again.context().close();
  const second = await mailTo(browser, FOLLOWER);
  expect(second).toContain('Zweiter Abschnitt ist frei');
  const oneClickLink = new URL(/https?:\/\/\S+\/unfollow\/\S+/.exec(second)![0]).pathname;
  expect(oneClickLink).not.toBe(unfollow);
  const oneClick = await page.request.post(oneClickLink, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { Origin: 'https://mail.example' } });
  expect(oneClick.status()).toBe(200);
  const oneClickAgain = await page.request.post(oneClickLink, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { Origin: 'https://mail.example' } });
  expect(oneClickAgain.status()).toBe(410);
  const oneClickForged = await page.request.post(`${oneClickLink.slice(0, -3)}xyz`, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { Origin: 'https://mail.example' } });
  expect(oneClickForged.status()).toBe(404);
  await check.goto(projectUrl);
  await expect(check.getByRole('button', { name: 'Projekt folgen' })).toBeVisible();
  await check.context().close();
});
