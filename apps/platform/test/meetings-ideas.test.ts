import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { ideas, ideaSupports } from '../src/lib/modules/processes/server/schema.ts';
import { icalFeed } from '../src/lib/modules/processes/server/meetings.ts';
import { renderMarkdown } from '../src/lib/server/content/markdown.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';
import { toBerlin } from '../src/lib/server/berlin-time.ts';

const future = (days: number, hour = 18) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
};

describe.each(engines)('meetings and ideas on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let moderator: Actor;
  const people: Actor[] = [];
  let ctx: ProcessContext;

  const meetingsOf = () => ctx.components.find((c) => c.type === 'meetings')!;
  const ideasOf = () => ctx.components.find((c) => c.type === 'ideas')!;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    for (let i = 0; i < 12; i++) people.push(await testActor(app, `p${i}@k.example`));
    ctx = await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('creates meetings (managers only) and names each bad field', async () => {
    const input = { title: 'Werkstatt I', startsAt: future(10), endsAt: future(10, 21), place: 'Stadthalle', address: 'Bopparder Straße 1', agenda: '- Start', capacity: '2' };
    await expect(app.meetings.create(people[0]!, ctx, meetingsOf(), input)).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.meetings.create(moderator, ctx, meetingsOf(), { title: '', startsAt: 'morgen', endsAt: future(1), onlineUrl: 'javascript:alert(1)', capacity: '-3' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ title: 'error_required', startsAt: 'error_datetime_invalid', onlineUrl: 'error_url_https_invalid', capacity: 'error_capacity_optional_invalid' });
    const order = await app.meetings.create(moderator, ctx, meetingsOf(), { ...input, endsAt: future(9) }).catch((e: unknown) => e);
    expect((order as ValidationError).fields).toEqual({ endsAt: 'error_date_order' });
    const orderAndTitle = await app.meetings.create(moderator, ctx, meetingsOf(), { ...input, title: undefined, endsAt: future(9) }).catch((e: unknown) => e);
    expect((orderAndTitle as ValidationError).fields).toEqual({ title: 'error_required', endsAt: 'error_date_order' });
    const meeting = await app.meetings.create(moderator, ctx, meetingsOf(), input);
    expect(meeting.capacity).toBe(2);
    // Berlin local time: 18:00 in Kastellaun is 16:00 or 17:00 UTC.
    expect([16, 17]).toContain(meeting.startsAt.getUTCHours());
  });

  it('registers up to the capacity, then the waiting list; cancelling promotes the first waiting', async () => {
    const [meeting] = await app.meetings.list(null, ctx, meetingsOf());
    await expect(app.meetings.register(null, ctx, meetingsOf(), meeting!.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await app.meetings.register(people[0]!, ctx, meetingsOf(), meeting!.id)).toBe('registered');
    expect(await app.meetings.register(people[0]!, ctx, meetingsOf(), meeting!.id)).toBe('registered'); // idempotent
    expect(await app.meetings.register(people[1]!, ctx, meetingsOf(), meeting!.id)).toBe('registered');
    expect(await app.meetings.register(people[2]!, ctx, meetingsOf(), meeting!.id)).toBe('waiting');
    expect(await app.meetings.register(people[3]!, ctx, meetingsOf(), meeting!.id)).toBe('waiting');
    await app.meetings.cancel(people[0]!, ctx, meetingsOf(), meeting!.id);
    const list = await app.meetings.registrations(moderator, ctx, meetingsOf(), meeting!.id);
    expect(list.map((r) => [r.displayName, r.status])).toEqual([
      ['p1', 'registered'],
      ['p2', 'registered'],
      ['p3', 'waiting'],
    ]);
    await expect(app.meetings.registrations(people[1]!, ctx, meetingsOf(), meeting!.id)).rejects.toBeInstanceOf(ForbiddenError);
    // Each person heard what happened, in their mail: a seat, the waiting list, moving up (p2 took p0's seat).
    const mails = await app.mailer.list();
    const kindsTo = (i: number) => mails.filter((x) => x.recipient === `p${i}@k.example`).map((x) => x.kind).sort();
    expect(kindsTo(0)).toEqual(['meeting_registered']);
    expect(kindsTo(2)).toEqual(['meeting_promoted', 'meeting_waiting']);
    expect(kindsTo(3)).toEqual(['meeting_waiting']);
    const promoted = mails.find((x) => x.recipient === 'p2@k.example' && x.kind === 'meeting_promoted')!;
    expect(promoted.subject).toBe('Ein Platz ist frei: Werkstatt I');
    expect(promoted.textBody).toContain(`${app.config.publicOrigin}/t/kastellaun/p/kastellaun-2040/c/${meetingsOf().id}?meeting=${meeting!.id}`);
    expect(promoted.textBody).toContain('Stadthalle, Bopparder Straße 1');
    await app.meetings.setAttendance(moderator, ctx, meetingsOf(), meeting!.id, { [`a|${people[1]!.userId}`]: 'on', [`a|${people[3]!.userId}`]: 'on' });
    const after = await app.meetings.registrations(moderator, ctx, meetingsOf(), meeting!.id);
    expect(after.filter((r) => r.attended).map((r) => r.displayName)).toEqual(['p1']); // waiting people cannot attend
  });

  it('never gives away more seats than there are, even when everyone registers at once', async () => {
    const meeting = await app.meetings.create(moderator, ctx, meetingsOf(), { title: 'Volles Haus', startsAt: future(20), endsAt: future(20, 20), capacity: '3' });
    const results = await Promise.all(people.slice(0, 10).map((p) => app.meetings.register(p, ctx, meetingsOf(), meeting.id)));
    expect(results.filter((r) => r === 'registered')).toHaveLength(3);
    expect(results.filter((r) => r === 'waiting')).toHaveLength(7);
  });

  it('stores protocols as Markdown and shows them sanitized', async () => {
    const [meeting] = await app.meetings.list(null, ctx, meetingsOf());
    await expect(app.meetings.saveProtocol(people[0]!, ctx, meetingsOf(), meeting!.id, { protocol: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await app.meetings.saveProtocol(moderator, ctx, meetingsOf(), meeting!.id, { protocol: '## Ergebnis\n<img src=x onerror=alert(1)><script>alert(2)</script>[klick](javascript:alert(3))' });
    const [saved] = await app.meetings.list(null, ctx, meetingsOf());
    const html = renderMarkdown(saved!.protocol);
    expect(html).toContain('<h2>Ergebnis</h2>');
    expect(html).not.toMatch(/onerror|<script|javascript:/);
  });

  it('publishes public meetings as iCal feeds per process and per town', async () => {
    const { rows } = await app.meetings.publicFeed('kastellaun', 'kastellaun-2040');
    expect(rows.map((r) => r.meeting.title)).toEqual(['Werkstatt I', 'Volles Haus']);
    const ics = icalFeed('Kastellaun 2040', 'https://example.org', rows.map((r) => ({ meeting: r.meeting, url: '/x' })));
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('SUMMARY:Werkstatt I\r\n');
    expect(ics).toContain('LOCATION:Stadthalle\\, Bopparder Straße 1');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect((await app.meetings.publicFeed('kastellaun')).rows.length).toBe(2);
    // Drafts are not in any feed.
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2040', { title: 'Kastellaun 2040', summary: '' });
    expect((await app.meetings.publicFeed('kastellaun')).rows.length).toBe(0);
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2040', { title: 'Kastellaun 2040', summary: '', published: 'on' });
  });

  it('submits ideas by the data-collection mode; names each bad field', async () => {
    await expect(app.ideas.submit(null, ctx, ideasOf(), { title: 'Anonym', body: 'Ohne Anmeldung geht es nicht.', field: 'wohnen' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.ideas.submit(people[0]!, ctx, ideasOf(), { title: 'ab', body: 'kurz', field: 'quatsch', latitude: '99' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ title: 'error_required', body: 'error_idea_body_short', field: 'error_field_required', latitude: 'error_coordinate_invalid' });
    const named = await app.ideas.submit(people[0]!, ctx, ideasOf(), { title: 'Bürgerbus', body: 'Ein Bürgerbus in die Dörfer.', field: 'mobilitaet', latitude: '50,07', longitude: '7.44' });
    expect(named.authorId).toBe(people[0]!.userId);
    expect(named.latitude).toBeCloseTo(50.07);
    // Anonymous visitors with an access link may submit (default grant), and are never named.
    const viaLink = await app.ideas.submit(null, ctx, ideasOf(), { title: 'Über den QR-Code', body: 'Mehr Bänke am Marktplatz.', field: 'gemeinschaft' }, { viaLink: true, key: 'link-session-1' });
    expect(viaLink.authorId).toBeNull();
    expect(viaLink.pseudonym).toMatch(/^Teilnehmende·r [0-9A-F]{6}$/);
  });

  it('counts supports exactly once per person, also under concurrency', async () => {
    const [idea] = await app.db.select().from(ideas).where(eq(ideas.title, 'Bürgerbus'));
    await expect(app.ideas.support(null, ctx, ideasOf(), idea!.id)).rejects.toBeInstanceOf(ForbiddenError);
    // The author (people[0]) cannot support their own idea; everybody else once.
    const own = await app.ideas.support(people[0]!, ctx, ideasOf(), idea!.id).catch((e: unknown) => e);
    expect((own as ValidationError).fields).toEqual({ _form: 'error_support_own_idea' });
    expect((await app.ideas.get(people[0]!, ctx, ideasOf(), idea!.id)).ownIdea).toBe(true);
    const attempts = people.slice(1, 11).flatMap((p) => [p, p, p]);
    await Promise.all(attempts.map((p) => app.ideas.support(p, ctx, ideasOf(), idea!.id)));
    const [after] = await app.db.select().from(ideas).where(eq(ideas.id, idea!.id));
    expect(after!.supportCount).toBe(10);
    expect((await app.db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, idea!.id))).length).toBe(10);
    expect(await app.ideas.unsupport(people[1]!, ctx, ideasOf(), idea!.id)).toBe(true);
    expect(await app.ideas.unsupport(people[1]!, ctx, ideasOf(), idea!.id)).toBe(false);
    expect((await app.db.select().from(ideas).where(eq(ideas.id, idea!.id)))[0]!.supportCount).toBe(9);
    const { items: sorted } = await app.ideas.list(people[2]!, ctx, ideasOf(), { sort: 'support' });
    expect(sorted[0]!.title).toBe('Bürgerbus');
    expect(sorted[0]!.supportedByMe).toBe(true);
  });

  it('comments, reports, hides with a visible reason, sets the status and tells the author', async () => {
    const [idea] = await app.db.select().from(ideas).where(eq(ideas.title, 'Bürgerbus'));
    await app.ideas.comment(people[1]!, ctx, ideasOf(), idea!.id, { body: 'Gute Idee, ich fahre mit!' });
    await expect(app.ideas.comment(people[1]!, ctx, ideasOf(), idea!.id, { body: '' })).rejects.toBeInstanceOf(ValidationError);
    await app.ideas.report(people[2]!, ctx, ideasOf(), idea!.id, { reason: 'Werbung' });
    expect((await app.ideas.get(moderator, ctx, ideasOf(), idea!.id)).openReports).toBe(1);
    await expect(app.ideas.hide(people[2]!, ctx, ideasOf(), idea!.id, { reason: 'weg damit' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.ideas.hide(moderator, ctx, ideasOf(), idea!.id, { reason: '' })).rejects.toBeInstanceOf(ValidationError);
    await app.ideas.hide(moderator, ctx, ideasOf(), idea!.id, { reason: 'Enthält persönliche Daten' });
    const hidden = await app.ideas.get(null, ctx, ideasOf(), idea!.id);
    expect(hidden.idea.hiddenReason).toBe('Enthält persönliche Daten');
    expect(hidden.openReports).toBe(0);
    await expect(app.ideas.support(people[11]!, ctx, ideasOf(), idea!.id)).rejects.toBeInstanceOf(ValidationError);
    // No comments on a hidden idea either (as with supports).
    const commentOnHidden = await app.ideas.comment(people[3]!, ctx, ideasOf(), idea!.id, { body: 'Trotzdem!' }).catch((e: unknown) => e);
    expect((commentOnHidden as ValidationError).fields).toEqual({ _form: 'error_idea_hidden' });
    await app.ideas.hide(moderator, ctx, ideasOf(), idea!.id, { show: '1' });

    const noReason = await app.ideas.setStatus(moderator, ctx, ideasOf(), idea!.id, { status: 'nicht_umsetzbar', statusReason: '' }).catch((e: unknown) => e);
    expect((noReason as ValidationError).fields).toEqual({ statusReason: 'error_reason_required' });
    await expect(app.ideas.setStatus(people[0]!, ctx, ideasOf(), idea!.id, { status: 'umgesetzt' })).rejects.toBeInstanceOf(ForbiddenError);
    await app.ideas.setStatus(moderator, ctx, ideasOf(), idea!.id, { status: 'wird_projekt', statusReason: 'Wird Starterprojekt' });
    const mail = (await app.mailer.list()).find((m) => m.kind === 'idea_status')!;
    expect(mail.recipient).toBe('p0@k.example');
    expect(mail.textBody).toContain('wird Projekt');
    expect(mail.textBody).toContain(`${app.config.publicOrigin}/t/kastellaun/p/kastellaun-2040/c/${ideasOf().id}?idea=${idea!.id}`);
  });

  it('records every change to meetings and ideas in the town audit log, with who', async () => {
    const log = await app.audit.forTown(admin, 'kastellaun', { action: 'idea.' });
    const actions = new Set(log.rows.map((r) => r.action));
    for (const a of ['idea.submitted', 'idea.supported', 'idea.unsupported', 'idea.commented', 'idea.reported', 'idea.hidden', 'idea.shown', 'idea.status_set']) expect(actions).toContain(a);
    const reported = log.rows.find((r) => r.action === 'idea.reported')!;
    expect(reported.actor).toBe('p2');
    const meetingLog = await app.audit.forTown(admin, 'kastellaun', { action: 'meeting.' });
    for (const a of ['meeting.created', 'meeting.registered', 'meeting.cancelled', 'meeting.attendance_saved', 'meeting.protocol_saved']) expect(meetingLog.rows.map((r) => r.action)).toContain(a);
 
    // Date filters are Berlin days; a date that does not exist is ignored, not a server error.
    const today = toBerlin(new Date()).slice(0, 10);
    expect((await app.audit.forTown(admin, 'kastellaun', { action: 'idea.', from: today, to: today })).total).toBe(log.total);
    expect((await app.audit.forTown(admin, 'kastellaun', { action: 'idea.', to: '2020-01-01' })).total).toBe(0);
    const impossible = await app.audit.forTown(admin, 'kastellaun', { action: 'idea.', from: '2027-02-30', to: '2020-13-01' });
    expect(impossible.total).toBe(log.total);
    expect(impossible.filter).toMatchObject({ from: '', to: '' });
  });

  it('keeps contributions anonymised when the author deletes the account', async () => {
    const [idea] = await app.db.select().from(ideas).where(eq(ideas.title, 'Bürgerbus'));
    await app.db.delete(users).where(eq(users.id, people[0]!.userId));
    await app.db.delete(users).where(eq(users.id, people[1]!.userId));
    const after = await app.ideas.get(null, ctx, ideasOf(), idea!.id);
    expect(after.idea.authorId).toBeNull();
    expect(after.idea.author).toBeNull();
    expect(after.idea.supportCount).toBe(9);
    expect((await app.db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, idea!.id))).length).toBe(9);
    expect(after.comments[0]!.body).toBe('Gute Idee, ich fahre mit!');
    expect(after.comments[0]!.authorName).toBeNull();
  });

  it('keeps towns apart: ideas and meetings of Kastellaun are not reachable through another town', async () => {
    const [idea] = await app.db.select().from(ideas).where(eq(ideas.title, 'Bürgerbus'));
    const other = { ...ctx, town: { ...ctx.town, id: '00000000-0000-0000-0000-000000000000' } };
    await expect(app.ideas.get(null, other, ideasOf(), idea!.id)).rejects.toThrow(/Not found/);
    const malenteAdmin = { userId: admin.userId, isPlatformAdmin: false, townRoles: new Map([['someone-else', 'town_admin' as const]]) };
    await expect(app.ideas.setStatus(malenteAdmin, ctx, ideasOf(), idea!.id, { status: 'umgesetzt' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
