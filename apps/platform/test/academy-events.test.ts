import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { testActor, type TownRole } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { outbox } from '../src/lib/modules/mail/server/schema.ts';
import { notificationQueue } from '../src/lib/modules/notifications/server/schema.ts';
import { academyEvents } from '../src/lib/modules/academy/server/events-schema.ts';
import { icalendar } from '../src/lib/modules/academy/server/ical.ts';
import { fold } from '../src/lib/server/ical.ts';
import { fromBerlin, isLocalDateTime, toBerlin } from '../src/lib/server/berlin-time.ts';
import { optionalDate } from '../src/lib/server/validation.ts';
import { meetingSchema } from '../src/lib/modules/processes/server/meetings.ts';
import { seedAcademyDemo } from '../src/lib/modules/academy/server/demo-content.ts';

describe('iCalendar and Berlin time', () => {
  it('escapes text, folds long lines at 75 octets and uses UTC', () => {
    const ics = icalendar([{ uid: 'x@k', title: 'Werkstatt; Jugend, Stadt', description: 'Zeile 1\nZeile 2', location: 'Rathaus', url: 'https://k.example/e', startsAt: new Date('2027-03-12T09:00:00Z'), endsAt: new Date('2027-03-12T15:00:00Z'), cancelled: false, updatedAt: new Date('2026-11-01T00:00:00Z') }], new Date('2026-11-24T12:00:00Z'));
    expect(ics).toContain('SUMMARY:Werkstatt\\; Jugend\\, Stadt\r\n');
    expect(ics).toContain('DESCRIPTION:Zeile 1\\nZeile 2\r\n');
    expect(ics).toContain('DTSTART:20270312T090000Z\r\n');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    const long = fold(`SUMMARY:${'Ä'.repeat(100)}`);
    for (const line of long.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('reads datetime-local values as German time, in winter and summer', () => {
    expect(fromBerlin('2027-01-15T10:00').toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(fromBerlin('2027-07-15T10:00').toISOString()).toBe('2027-07-15T08:00:00.000Z');
    expect(toBerlin(new Date('2027-07-15T08:00:00Z'))).toBe('2027-07-15T10:00');
  });

  it('accepts only wall-clock times that exist (JavaScript would turn 30 February into 2 March)', () => {
    expect(isLocalDateTime('2028-02-29T23:59')).toBe(true);
    for (const bad of ['2027-02-29T10:00', '2027-02-30T10:00', '2027-13-01T10:00', '2027-01-01T24:00', '2027-01-01T10:60', '2027-1-01T10:00', '']) expect(isLocalDateTime(bad), bad).toBe(false);
    const result = meetingSchema.safeParse({ title: 'Bürgerforum', startsAt: '2027-02-30T18:00', endsAt: '2027-13-01T20:00' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['startsAt', 'error_datetime_invalid'],
      ['endsAt', 'error_datetime_invalid'],
    ]);
  });

  it('accepts only dates that exist in optional date fields', () => {
    expect(optionalDate.parse('2028-02-29')).toBe('2028-02-29');
    expect(optionalDate.parse('')).toBe(null);
    for (const bad of ['2027-02-29', '2027-04-31', '2027-00-10', '27-01-01']) expect(optionalDate.safeParse(bad).success, bad).toBe(false);
  });
});

describe.each(engines)('academy events and questions on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let editor: Actor;

  const actorFor = (email: string, town?: string, role: TownRole = 'town_admin') => testActor(app, email, { town, role });
  const mails = async (kind: string) => (await app.db.select().from(outbox).where(eq(outbox.kind, kind))).map((m) => m.recipient).sort();
  const mailTo = async (kind: string, recipient: string) => (await app.db.select().from(outbox).where(eq(outbox.kind, kind))).find((m) => m.recipient === recipient)!;
  const speaksEnglish = (email: string) => app.db.update(users).set({ locale: 'en' }).where(eq(users.email, email));

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    await seedAcademyDemo(app.db);
    const { user } = await app.accounts.createPlatformAdmin({ email: 'root@example.org', password: 'admin-passwort', displayName: 'Root' });
    admin = { userId: user.id, isPlatformAdmin: true, townRoles: new Map() };
    await actorFor('redaktion@example.org');
    await app.academy.grantEditor(admin, { email: 'redaktion@example.org' });
    editor = await actorFor('redaktion@example.org');
  });
  afterAll(() => dispose());

  const workshop = { form: 'erfahrungswerkstatt', title: 'Erfahrungswerkstatt Jugend', summary: 'Austausch', startsAt: '2099-03-12T10:00', endsAt: '2099-03-12T16:00', place: 'Kastellaun', land: 'Rheinland-Pfalz', capacity: '2', fieldsOfAction: ['engagement'] };

  it('only editors create events; bad input names the fields', async () => {
    const someone = await actorFor('someone@example.org');
    await expect(app.academyEvents.create(someone, workshop)).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.academyEvents.create(editor, { ...workshop, endsAt: '2099-03-12T09:00', capacity: '0', form: 'digital', onlineUrl: '' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ endsAt: 'error_end_before_start', capacity: 'error_capacity_invalid', onlineUrl: 'error_online_url_required' });
    // Without a format, the date order is still checked (the rules that need the format wait for it).
    const noForm = await app.academyEvents.create(editor, { ...workshop, form: '', endsAt: '2099-03-12T09:00' }).catch((e: unknown) => e);
    expect((noForm as ValidationError).fields).toEqual({ form: 'error_invalid_choice', endsAt: 'error_end_before_start' });
    expect(await app.academyEvents.list()).toHaveLength(0);
  });

  it('registers first come first served, then the waiting list; a cancellation moves the first waiting person up', async () => {
    const event = await app.academyEvents.create(editor, workshop, 'kastellaun');
    expect(event.startsAt.toISOString()).toBe('2099-03-12T09:00:00.000Z');
    const [a, b, c, d] = await Promise.all(['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org'].map((e) => actorFor(e)));
    await speaksEnglish('b@x.org');
    await speaksEnglish('c@x.org');
    expect(await app.academyEvents.register(a!, event.slug)).toEqual({ status: 'registered' });
    expect(await app.academyEvents.register(a!, event.slug)).toEqual({ status: 'registered' }); // idempotent
    expect(await app.academyEvents.register(b!, event.slug)).toEqual({ status: 'registered' });
    expect(await app.academyEvents.register(c!, event.slug)).toEqual({ status: 'waiting' });
    expect(await app.academyEvents.register(d!, event.slug)).toEqual({ status: 'waiting' });
    await expect(app.academyEvents.register(null, event.slug)).rejects.toBeInstanceOf(ForbiddenError);
    let seen = await app.academyEvents.get(d!, event.slug);
    expect(seen).toMatchObject({ registered: 2, waiting: 2, free: 0, mine: { status: 'waiting', waitingPosition: 2 } });
    expect(await mails('event_registered')).toEqual(['a@x.org', 'b@x.org']);
    expect(await mails('event_waiting')).toEqual(['c@x.org', 'd@x.org']);
    const { promoted } = await app.academyEvents.cancel(a!, event.slug);
    expect(promoted).toBe(c!.userId);
    expect(await mails('event_promoted')).toEqual(['c@x.org']);
    // Each mail in the recipient's language, with the date in German local time.
    const de = await mailTo('event_registered', 'a@x.org');
    expect(de.subject).toBe('Anmeldung bestätigt: Erfahrungswerkstatt Jugend');
    expect(de.textBody).toContain('12. März 2099 um 10:00');
    expect(de.textBody).toMatch(/Veranstaltung: http\S*\/academy\/events\//);
    expect(de.textBody).not.toContain('/en/');
    const en = await mailTo('event_registered', 'b@x.org');
    expect(en.subject).toBe('Registration confirmed: Erfahrungswerkstatt Jugend');
    expect(en.textBody).toContain('12 March 2099');
    expect(en.textBody).toContain('10:00');
    expect(en.textBody).toMatch(/Event: http\S*\/en\/academy\/events\//);
    expect((await mailTo('event_waiting', 'c@x.org')).subject).toBe('Waiting list: Erfahrungswerkstatt Jugend');
    expect((await mailTo('event_waiting', 'd@x.org')).subject).toBe('Warteliste: Erfahrungswerkstatt Jugend');
    expect((await mailTo('event_promoted', 'c@x.org')).subject).toBe('A place is free: Erfahrungswerkstatt Jugend');
    expect((await mailTo('event_promoted', 'c@x.org')).textBody).toContain('You are now registered.');
    seen = await app.academyEvents.get(d!, event.slug);
    expect(seen).toMatchObject({ registered: 2, waiting: 1, mine: { status: 'waiting', waitingPosition: 1 } });
    // Cancelling a waiting place moves nobody.
    expect((await app.academyEvents.cancel(d!, event.slug)).promoted).toBeNull();
    expect((await app.academyEvents.participants(editor, event.slug)).map((p) => [p.email, p.status])).toEqual([
      ['b@x.org', 'registered'],
      ['c@x.org', 'registered'],
    ]);
    await expect(app.academyEvents.participants(a!, event.slug)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('never gives more places than there are, also under concurrent registrations', async () => {
    const event = await app.academyEvents.create(editor, { ...workshop, title: 'Voll besetzt', capacity: '3' });
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => actorFor(`p${i}@x.org`)));
    const results = await Promise.all(people.map((p) => app.academyEvents.register(p, event.slug)));
    expect(results.filter((r) => r.status === 'registered')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'waiting')).toHaveLength(5);
  });

  it('sends one reminder per registration within a day before the start', async () => {
    const soon = new Date(Date.now() + 6 * 3_600_000);
    const event = await app.academyEvents.create(editor, { ...workshop, title: 'Bald', capacity: '' });
    await app.db.update(academyEvents).set({ startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000) }).where(eq(academyEvents.id, event.id));
    await app.academyEvents.register(await actorFor('r@x.org'), event.slug);
    await speaksEnglish('r@x.org');
    expect(await app.academyEvents.sendReminders()).toBe(1);
    expect(await app.academyEvents.sendReminders()).toBe(0);
    expect(await mails('event_reminder')).toEqual(['r@x.org']);
    const reminder = await mailTo('event_reminder', 'r@x.org');
    expect(reminder.subject).toBe('Reminder: Bald');
    expect(reminder.textBody).toContain('Place: Kastellaun');
  });

  it('serves the event and the feed as iCalendar', async () => {
    const [event] = await app.academyEvents.list();
    const ics = await app.academyEvents.ical(event!.slug);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`URL:http://localhost:3000/academy/events/${event!.slug}`);
    expect((await app.academyEvents.feed()).match(/BEGIN:VEVENT/g)).toHaveLength(3);
  });

  it('filters the calendar by form, region and topic', async () => {
    await app.academyEvents.create(editor, { ...workshop, form: 'digital', title: 'Webinar Szenarien', place: '', land: '', onlineUrl: 'https://web.example/w', fieldsOfAction: ['digital'] });
    expect((await app.academyEvents.list({ form: 'digital' })).map((e) => e.title)).toEqual(['Webinar Szenarien']);
    expect((await app.academyEvents.list({ land: 'Rheinland-Pfalz' })).length).toBe(3);
    expect((await app.academyEvents.list({ field: 'digital' })).map((e) => e.title)).toEqual(['Webinar Szenarien']);
    expect((await app.academyEvents.list({ form: 'quatsch' })).length).toBe(4);
  });

  it('publishes the documentation afterwards in the knowledge base', async () => {
    const [event] = await app.academyEvents.list({ form: 'digital' });
    const { entrySlug } = await app.academyEvents.document(editor, event!.slug, { documentation: 'Protokoll: 40 Teilnehmende aus 25 Kleinstädten. Folien: https://web.example/folien.pdf' });
    const { entry } = await app.academy.get(null, entrySlug);
    expect(entry).toMatchObject({ status: 'published', sourcePath: `/academy/events/${event!.slug}` });
    expect((await app.academy.search({ q: 'Teilnehmende Folien' })).hits.map((h) => h.slug)).toContain(entrySlug);
    // Documenting again updates the same entry.
    expect((await app.academyEvents.document(editor, event!.slug, { documentation: 'Neues Protokoll mit Folien.' })).entrySlug).toBe(entrySlug);
  });

  it('lets a town admin request the mobile academy; editors answer', async () => {
    const mayor = await actorFor('mayor@beverungen.example', 'beverungen');
    const member = await actorFor('member@beverungen.example', 'beverungen', 'member');
    const input = { topics: ['mobilitaet'], topicText: 'Mobilität der Ortsteile', preferredDates: 'März oder April, abends', participants: '30' };
    await expect(app.academyEvents.requestVisit(member, 'beverungen', input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.academyEvents.requestVisit(mayor, 'malente', input)).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.academyEvents.requestVisit(mayor, 'beverungen', { topicText: '', preferredDates: '' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ topicText: 'error_required', preferredDates: 'error_required' });
    const request = await app.academyEvents.requestVisit(mayor, 'beverungen', input);
    expect(request).toMatchObject({ status: 'requested', participants: 30 });
    expect((await app.academyEvents.visitRequests(mayor, 'beverungen')).length).toBe(1);
    await expect(app.academyEvents.visitRequests(mayor)).rejects.toBeInstanceOf(ForbiddenError);
    await app.academyEvents.setVisitStatus(editor, request.id, { status: 'scheduled', note: 'Wir kommen am 14. April.' });
    expect((await app.academyEvents.visitRequests(editor))[0]!.request.status).toBe('scheduled');
    expect(await mails('visit_status')).toEqual(['mayor@beverungen.example']);
    const status = await mailTo('visit_status', 'mayor@beverungen.example');
    expect(status.subject).toBe('Mobile Akademie: Ihre Anfrage ist terminiert');
    expect(status.textBody).toContain('Hinweis der Redaktion: Wir kommen am 14. April.');
  });

  it('lets a town ask, notifies towns with matching experience, and another town answers', async () => {
    const asker = await actorFor('ask@muecheln.example', 'muecheln-geiseltal', 'member');
    await actorFor('mayor@rodewisch.example', 'rodewisch');
    await speaksEnglish('mayor@rodewisch.example');
    await actorFor('mayor@muecheln.example', 'muecheln-geiseltal');
    const answerer = await actorFor('team@zell.example', 'zell-am-harmersbach', 'member');
    await expect(app.questions.ask(answerer, 'muecheln-geiseltal', { title: 'Wie bekommen wir Jugendliche in den Rat?' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.questions.ask(asker, 'muecheln-geiseltal', { title: 'Kurz' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ title: 'error_question_too_short' });
    const { question, notified } = await app.questions.ask(asker, 'muecheln-geiseltal', { title: 'Wie bekommen wir Jugendliche in den Rat?', body: 'Unser Jugendforum schläft ein.', fieldsOfAction: ['engagement'] });
    // Towns whose published examples are about engagement, except the asking town.
    expect(notified.map((t) => t.slug)).toContain('rodewisch');
    expect(notified.map((t) => t.slug)).not.toContain('muecheln-geiseltal');
    expect(await mails('question_match')).toContain('mayor@rodewisch.example');
    const match = await mailTo('question_match', 'mayor@rodewisch.example');
    expect(match.subject).toBe('Mücheln (Geiseltal) asks: Wie bekommen wir Jugendliche in den Rat?');
    expect(match.textBody).toMatch(/Answer here: http\S*\/en\/academy\/questions\//);
    await app.questions.answer(answerer, question.slug, 'zell-am-harmersbach', { body: 'Bei uns hat das Jugendhaus „Die Linde“ geholfen.' });
    const answered = await mailTo('question_answered', 'mayor@muecheln.example');
    expect(answered.subject).toBe('Zell am Harmersbach hat geantwortet: Wie bekommen wir Jugendliche in den Rat?');
    expect(answered.textBody).toContain(`/academy/questions/${question.slug}`);
    await expect(app.questions.answer(answerer, question.slug, 'muecheln-geiseltal', { body: 'Fremde Stadt' })).rejects.toBeInstanceOf(ForbiddenError);
    const found = await app.questions.get(question.slug);
    expect(found.answers.map((a) => a.townName)).toEqual(['Zell am Harmersbach']);
    expect((await app.questions.list('engagement'))[0]).toMatchObject({ title: 'Wie bekommen wir Jugendliche in den Rat?', answers: 1, townName: 'Mücheln (Geiseltal)' });
    expect(await app.questions.list('digital')).toHaveLength(0);
    // Q&A mails are notifications of kind "academy": an admin who switched them off hears nothing.
    const mayor = (await app.accounts.findByEmail('mayor@muecheln.example'))!;
    await app.notifications.updateSettings(mayor.id, { delivery: 'immediate', kind_invitation: 'on' });
    const before = (await mails('question_answered')).length;
    await app.questions.answer(answerer, question.slug, 'zell-am-harmersbach', { body: 'Und der Jugendrat tagt im Rathaus.' });
    expect((await mails('question_answered')).length).toBe(before);
  });
  it('sends reminders through the notification settings (kind "academy"), never into a digest; registration mails stay plain mails', async () => {
    const soon = new Date(Date.now() + 5 * 3_600_000);
    const event = await app.academyEvents.create(editor, { ...workshop, title: 'Gleich', capacity: '' });
    await app.db.update(academyEvents).set({ startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000) }).where(eq(academyEvents.id, event.id));
    const off = await actorFor('ohne-akademie@x.org');
    const weekly = await actorFor('woechentlich@x.org');
    await app.notifications.updateSettings(off.userId, { delivery: 'immediate', kind_project_update: 'on' }); // academy off
    await app.notifications.updateSettings(weekly.userId, { delivery: 'weekly', kind_academy: 'on' });
    await app.academyEvents.register(off, event.slug);
    await app.academyEvents.register(weekly, event.slug);
    // The registration confirmations are not notifications: they arrive whatever the settings say.
    expect(await mails('event_registered')).toEqual(expect.arrayContaining(['ohne-akademie@x.org', 'woechentlich@x.org']));
    expect(await app.academyEvents.sendReminders()).toBe(2);
    expect(await mails('event_reminder')).not.toContain('ohne-akademie@x.org');
    // A weekly digest would arrive days after the event: the reminder goes out now, as a single mail.
    expect((await mailTo('event_reminder', 'woechentlich@x.org')).subject).toBe('Erinnerung: Gleich');
    expect(await app.db.select().from(notificationQueue).where(eq(notificationQueue.userId, weekly.userId))).toHaveLength(0);
    expect(await app.db.select().from(notificationQueue).where(eq(notificationQueue.userId, off.userId))).toHaveLength(0);
    // An immediate reminder carries the one-click unsubscribe of the kind.
    expect((await mailTo('event_reminder', 'r@x.org')).headers?.['List-Unsubscribe']).toMatch(/\/unsubscribe\//);
  });
});
