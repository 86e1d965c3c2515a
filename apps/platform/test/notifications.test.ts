import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { IncomingMessage } from 'node:http';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import type { Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { notificationQueue } from '../src/lib/modules/notifications/server/schema.ts';
import { outbox } from '../src/lib/modules/mail/server/schema.ts';
import { oneClickUnsubscribe } from '../src/lib/server/cli/serve.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

const HOUR = 3_600_000;
const localIn = (hours: number) => {
  const d = new Date(Date.now() + hours * HOUR);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d).replace(' ', 'T');
};

describe('one-click unsubscribe reaches the page despite the CSRF origin check', () => {
  it('gives exactly the unsubscribe path our own origin', () => {
    const req = (method: string, url: string) => ({ method, url, headers: { host: 'kleinstadt.example', 'x-forwarded-proto': 'https', origin: 'https://mail.example' } }) as unknown as IncomingMessage;
    const post = req('POST', '/unsubscribe/abc.def');
    oneClickUnsubscribe(post);
    expect(post.headers.origin).toBe('https://kleinstadt.example');
    const en = req('POST', '/en/unsubscribe/abc.def?x=1');
    oneClickUnsubscribe(en);
    expect(en.headers.origin).toBe('https://kleinstadt.example');
    const unfollow = req('POST', '/en/unfollow/abc.def');
    oneClickUnsubscribe(unfollow);
    expect(unfollow.headers.origin).toBe('https://kleinstadt.example');
    for (const other of [req('POST', '/account/login'), req('POST', '/unsubscribe/abc/../../account'), req('GET', '/unsubscribe/abc.def'), req('POST', '/unfollow/abc/../x'), req('POST', '/t/x/unfollow/abc')]) {
      oneClickUnsubscribe(other);
      expect(other.headers.origin).toBe('https://mail.example');
    }
  });
});

describe.each(engines)('notifications on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let moderator: Actor;
  let author: Actor;
  let ctx: ProcessContext;
  const ideasOf = () => ctx.components.find((c) => c.type === 'ideas')!;
  const meetingsOf = () => ctx.components.find((c) => c.type === 'meetings')!;
  const mailsTo = async (email: string) => (await app.db.select().from(outbox).where(eq(outbox.recipient, email))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    const admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    author = await testActor(app, 'autorin@k.example', { locale: 'en' });
    ctx = await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('sends idea status changes through notify: in the author’s language, with RFC 8058 headers and a signed link', async () => {
    const idea = await app.ideas.submit(author, ctx, ideasOf(), { title: 'Bürgerbus', body: 'Ein Bus, der auf Anruf fährt.', field: 'mobilitaet' });
    await app.ideas.setStatus(moderator, ctx, ideasOf(), idea.id, { status: 'geprueft' });
    const [mail] = await mailsTo('autorin@k.example');
    expect(mail!.kind).toBe('idea_status');
    expect(mail!.subject).toContain('Bürgerbus');
    const unsubscribe = /^<(https?:\/\/[^>]+\/en\/unsubscribe\/([^>]+))>$/.exec(mail!.headers!['List-Unsubscribe']!);
    expect(unsubscribe).not.toBeNull();
    expect(mail!.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.textBody).toContain(unsubscribe![1]);
    expect(mail!.textBody).toContain('Status changes of my ideas');

    // The link names the person and the kind; a tampered one is worthless.
    const token = unsubscribe![2]!;
    expect(await app.notifications.describe(token)).toEqual({ kind: 'idea_status', email: 'autorin@k.example' });
    const forged = `${Buffer.from(`${moderator.userId}:idea_status`).toString('base64url')}.${token.split('.')[1]}`;
    expect(await app.notifications.describe(forged)).toBeNull();
    expect(await app.notifications.unsubscribe(forged)).toBeNull();
    expect(await app.notifications.unsubscribe('nonsense')).toBeNull();

    // One click switches that kind off (twice is fine); the next status change sends nothing.
    expect(await app.notifications.unsubscribe(token)).toEqual({ kind: 'idea_status' });
    expect(await app.notifications.unsubscribe(token)).toEqual({ kind: 'idea_status' });
    const settings = await app.notifications.settings(author.userId);
    expect(settings.kinds.filter((k) => !k.enabled).map((k) => k.kind)).toEqual(['idea_status']);
    await app.ideas.setStatus(moderator, ctx, ideasOf(), idea.id, { status: 'wird_projekt' });
    expect(await mailsTo('autorin@k.example')).toHaveLength(1);
    const log = await app.audit.forTown({ userId: 'x', isPlatformAdmin: true, townRoles: new Map() }, 'kastellaun', { action: 'idea.status_set' });
    expect(log.total).toBe(2);
  });

  it('saves settings from the form and names a bad delivery field', async () => {
    const bad = await app.notifications.updateSettings(author.userId, { delivery: 'hourly' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ delivery: 'error_delivery_invalid' });
    await app.notifications.updateSettings(author.userId, { kind_idea_status: 'on', kind_meeting_reminder: 'on', delivery: 'daily' });
    const s = await app.notifications.settings(author.userId);
    expect(s.delivery).toBe('daily');
    expect(s.kinds.filter((k) => k.enabled).map((k) => k.kind)).toEqual(['meeting_reminder', 'idea_status']);
    expect(await app.notifications.notify(author.userId, 'academy', { subject: 'x', text: 'y' })).toBe('skipped');
  });

  it('collects a daily digest: nothing before a day has passed, then one mail with everything, then a day of quiet', async () => {
    const t0 = new Date();
    for (const n of [1, 2, 3]) expect(await app.notifications.notify(author.userId, 'idea_status', { subject: `Nachricht ${n}`, text: `Text ${n}`, link: `https://kleinstadt.example/${n}` })).toBe('queued');
    const before = (await mailsTo('autorin@k.example')).length;
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 23 * HOUR))).toEqual({ sent: 0 });
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 25 * HOUR))).toEqual({ sent: 1 });
    const mails = await mailsTo('autorin@k.example');
    expect(mails).toHaveLength(before + 1);
    const digest = mails.at(-1)!;
    expect(digest.kind).toBe('digest');
    expect(digest.subject).toBe('Your daily digest: 3 messages');
    for (const n of [1, 2, 3]) expect(digest.textBody).toContain(`Nachricht ${n}`);
    expect(digest.textBody).toContain('https://kleinstadt.example/2');
    expect(digest.headers!['List-Unsubscribe']).toMatch(/\/en\/unsubscribe\//);
    expect((await app.db.select().from(notificationQueue).where(eq(notificationQueue.userId, author.userId))).every((q) => q.digestedAt)).toBe(true);
    // Sending again finds nothing; a new item waits for the next day.
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 26 * HOUR))).toEqual({ sent: 0 });
    await app.notifications.notify(author.userId, 'meeting_reminder', { subject: 'Später', text: 'später' });
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 30 * HOUR))).toEqual({ sent: 0 });
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 50 * HOUR))).toEqual({ sent: 1 });
  });

  it('sends a weekly digest after a week; its link unsubscribes from everything', async () => {
    const weekly = await testActor(app, 'woche@k.example');
    await app.notifications.updateSettings(weekly.userId, { kind_idea_status: 'on', kind_project_update: 'on', delivery: 'weekly' });
    const t0 = new Date();
    await app.notifications.notify(weekly.userId, 'project_update', { subject: 'Neues vom Bürgerbus', text: 'Der Bus fährt.' });
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 6 * 24 * HOUR))).toEqual({ sent: 0 });
    expect(await app.notifications.sendDigests(new Date(t0.getTime() + 7 * 24 * HOUR + HOUR))).toEqual({ sent: 1 });
    const [digest] = await mailsTo('woche@k.example');
    expect(digest!.subject).toBe('Ihre wöchentliche Zusammenfassung: 1 Nachricht');
    const token = /\/unsubscribe\/([^>]+)>/.exec(digest!.headers!['List-Unsubscribe']!)![1]!;
    expect(await app.notifications.unsubscribe(token)).toEqual({ kind: 'all' });
    expect((await app.notifications.settings(weekly.userId)).kinds.every((k) => !k.enabled)).toBe(true);
  });

  it('reminds registered people of meetings within a day, once, through their settings', async () => {
    const soon = await app.meetings.create(moderator, ctx, meetingsOf(), { title: 'Werkstatt morgen', startsAt: localIn(10), endsAt: localIn(12), place: 'Stadthalle' });
    const later = await app.meetings.create(moderator, ctx, meetingsOf(), { title: 'Werkstatt nächste Woche', startsAt: localIn(24 * 6), endsAt: localIn(24 * 6 + 2) });
    const guest = await testActor(app, 'gast@k.example');
    const quiet = await testActor(app, 'ruhe@k.example');
    await app.notifications.updateSettings(quiet.userId, { kind_idea_status: 'on', delivery: 'immediate' });
    for (const p of [guest, quiet]) {
      await app.meetings.register(p, ctx, meetingsOf(), soon.id);
      await app.meetings.register(p, ctx, meetingsOf(), later.id);
    }
    expect(await app.meetings.sendReminders()).toBe(2);
    expect(await app.meetings.sendReminders()).toBe(0);
    const reminder = (await mailsTo('gast@k.example')).find((x) => x.kind === 'meeting_reminder');
    expect(reminder!.subject).toContain('Werkstatt morgen');
    expect(reminder!.textBody).toContain('Stadthalle');
    expect(reminder!.textBody).toContain(`?meeting=${soon.id}`);
    expect(reminder!.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // No reminders for who switched them off; the registration confirmations are transactional and always sent.
    expect((await mailsTo('ruhe@k.example')).map((x) => x.kind)).toEqual(['meeting_registered', 'meeting_registered']);
  });

  it('sends meeting reminders to digest readers at once: a digest could come after the meeting', async () => {
    const meeting = await app.meetings.create(moderator, ctx, meetingsOf(), { title: 'Ortsbegehung', startsAt: localIn(3), endsAt: localIn(5), place: 'Marktplatz' });
    const daily = await testActor(app, 'taeglich@k.example');
    await app.notifications.updateSettings(daily.userId, { kind_meeting_reminder: 'on', kind_idea_status: 'on', delivery: 'daily' });
    await app.meetings.register(daily, ctx, meetingsOf(), meeting.id);
    expect(await app.meetings.sendReminders()).toBe(1);
    const reminder = (await mailsTo('taeglich@k.example')).find((x) => x.kind === 'meeting_reminder');
    expect(reminder!.subject).toContain('Ortsbegehung');
    expect(await app.db.select().from(notificationQueue).where(eq(notificationQueue.userId, daily.userId))).toHaveLength(0);
    // News without a date still waits for the digest.
    expect(await app.notifications.notify(daily.userId, 'idea_status', { subject: 'Status', text: 'Neu' })).toBe('queued');
    // A time-bound message whose moment has passed is not sent at all.
    expect(await app.notifications.notify(daily.userId, 'meeting_reminder', { subject: 'Vorbei', text: 'vorbei', expiresAt: new Date(Date.now() - HOUR) })).toBe('skipped');
    expect((await mailsTo('taeglich@k.example')).map((x) => x.kind)).toEqual(['meeting_registered', 'meeting_reminder']);
  });

  it('mails an address without an account plainly, and one with an account through its settings', async () => {
    expect(await app.notifications.notifyAddress('Neu@Example.org', 'invitation', { subject: 'Einladung', text: 'Kommen Sie dazu.' })).toBe('sent');
    const [plain] = await mailsTo('Neu@Example.org');
    expect(plain!.headers).toBeNull();
    expect(await app.notifications.notifyAddress('RUHE@k.example', 'invitation', { subject: 'Einladung', text: 'Kommen Sie dazu.' })).toBe('skipped');
  });
});
