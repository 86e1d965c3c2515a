import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { can, ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { towns } from '../src/lib/modules/towns/server/schema.ts';
import { outbox } from '../src/lib/modules/mail/server/schema.ts';
import { notificationQueue } from '../src/lib/modules/notifications/server/schema.ts';
import { ideas } from '../src/lib/modules/processes/server/schema.ts';
import { projectFollowers, projectGoals, projectIdeas, projects } from '../src/lib/modules/projects/server/schema.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Geheim', Copyright: 'GPS 50.07 7.44' } })
    .toBuffer();

const projectForm = (extra: Record<string, string> = {}) => ({
  title: 'Bürgerbus in die Dörfer',
  type: 'starterprojekt',
  status: 'vorbereitung',
  field_mobilitaet: 'on',
  field_engagement: 'on',
  responsibleName: 'Seniorenbeirat, Anna Keller',
  partners: 'VRM, Ortsgemeinden',
  startsOn: '2026-03-01',
  endsOn: '2026-12-31',
  budget: 'ca. 12.000 €',
  funding: 'Spenden und Eigenmittel',
  programme_kleinere_staedte: 'on',
  published: 'on',
  ...extra,
});

describe.each(engines)('projects and working groups on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let kastellaun: string;
  let malente: string;
  let admin: Actor;
  let moderator: Actor;
  let member: Actor;
  let citizen: Actor;
  let follower: Actor;
  let otherAdmin: Actor;
  let ctx: ProcessContext;
  let ideaId: string;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    kastellaun = (await app.db.select().from(towns).where(eq(towns.slug, 'kastellaun')))[0]!.id;
    malente = (await app.db.select().from(towns).where(eq(towns.slug, 'malente')))[0]!.id;
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    member = await testActor(app, 'team@k.example', { town: 'kastellaun', role: 'member' });
    citizen = await testActor(app, 'buerger@k.example');
    follower = await testActor(app, 'folgt@k.example');
    otherAdmin = await testActor(app, 'admin@malente.example', { town: 'malente', role: 'town_admin' });
    ctx = await openKastellaunProcess(app, admin);
    const ideasComponent = ctx.components.find((c) => c.type === 'ideas')!;
    const idea = await app.ideas.submit(citizen, ctx, ideasComponent, { title: 'Bürgerbus', body: 'Ein Bürgerbus verbindet die Dörfer mit der Stadt.', field: 'mobilitaet' });
    await app.ideas.support(follower, ctx, ideasComponent, idea.id);
    ideaId = idea.id;
  });
  afterAll(() => dispose());

  it('lets only the town team create projects and names each bad field in a localized key', async () => {
    await expect(app.projects.create(citizen, 'kastellaun', projectForm())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.projects.create(member, 'kastellaun', projectForm())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.projects.create(otherAdmin, 'kastellaun', projectForm())).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.projects
      .create(moderator, 'kastellaun', { title: 'x', type: 'riesenprojekt', status: 'fertig', responsibleName: '', startsOn: '2026-05-01', endsOn: '2026-01-01', responsibleEmail: 'kein-mail', programme_erfunden: 'on' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields).toEqual({
      title: 'error_required',
      type: 'error_project_type_required',
      status: 'error_invalid_choice',
      fields: 'error_project_fields_required',
      responsibleName: 'error_project_responsible_required',
      responsibleEmail: 'error_email_invalid',
      'fundingProgrammes.0': 'error_invalid_choice',
      // The date order is checked although the type is missing (Zod alone would skip it until then).
      endsOn: 'error_date_order',
    });
    const order = await app.projects.create(moderator, 'kastellaun', projectForm({ startsOn: '2026-05-01', endsOn: '2026-01-01' })).catch((e: unknown) => e);
    expect((order as ValidationError).fields).toEqual({ endsOn: 'error_date_order' });
    const unknownAccount = await app.projects.create(moderator, 'kastellaun', projectForm({ responsibleEmail: 'niemand@k.example' })).catch((e: unknown) => e);
    expect((unknownAccount as ValidationError).fields).toEqual({ responsibleEmail: 'error_not_town_member' });
    // The database checks (account, point in the town) run whenever their own fields are valid: all errors at once.
    const everything = await app.projects
      .create(moderator, 'kastellaun', projectForm({ title: '', responsibleEmail: 'niemand@k.example', latitude: '52,52', longitude: '13,405' }))
      .catch((e: unknown) => e);
    expect((everything as ValidationError).fields).toEqual({ title: 'error_required', responsibleEmail: 'error_not_town_member', latitude: 'error_coordinate_outside_town', longitude: 'error_coordinate_outside_town' });
    // A working group of another town cannot be referenced.
    const group = await app.workingGroups.create(otherAdmin, 'malente', { name: 'AG Lebensort', rhythm: 'zweimal im Jahr' });
    const foreign = await app.projects.create(moderator, 'kastellaun', projectForm({ workingGroupId: group.id })).catch((e: unknown) => e);
    expect((foreign as ValidationError).fields).toEqual({ workingGroupId: 'error_invalid_choice' });
    expect(await app.db.select().from(projects)).toHaveLength(0);
  });

  it('takes an idea over as a project: link and status "wird Projekt" in one transaction, the author is told', async () => {
    // A failing create (bad field) leaves the idea untouched.
    await expect(app.projects.create(moderator, 'kastellaun', { ...projectForm({ responsibleName: '' }), ideaId })).rejects.toBeInstanceOf(ValidationError);
    expect((await app.db.select().from(ideas).where(eq(ideas.id, ideaId)))[0]!.status).toBe('neu');
    // An idea of another town cannot be taken over.
    const foreignIdea = await app.projects.create(otherAdmin, 'malente', { ...projectForm(), ideaId }).catch((e: unknown) => e);
    expect((foreignIdea as ValidationError).fields).toEqual({ ideaId: 'error_invalid_choice' });
    expect(await app.db.select().from(projects)).toHaveLength(0);

    const project = await app.projects.create(moderator, 'kastellaun', { ...projectForm({ responsibleEmail: 'team@k.example', processId: ctx.process.id }), ideaId });
    expect(project.slug).toBe('buergerbus-in-die-doerfer');
    expect(project.fields).toEqual(['mobilitaet', 'engagement']);
    expect(project.fundingProgrammes).toEqual(['kleinere_staedte']);
    expect(project.responsibleUserId).toBe(member.userId);
    expect((await app.db.select().from(ideas).where(eq(ideas.id, ideaId)))[0]!.status).toBe('wird_projekt');
    expect(await app.db.select().from(projectIdeas).where(eq(projectIdeas.projectId, project.id))).toEqual([{ projectId: project.id, ideaId }]);
    const mail = (await app.mailer.list()).find((m) => m.kind === 'idea_adopted')!;
    expect(mail.recipient).toBe('buerger@k.example');
    expect(mail.textBody).toContain('/t/kastellaun/projects/buergerbus-in-die-doerfer');

    const detail = await app.projects.get(null, 'kastellaun', project.slug);
    expect(detail.ideas.map((i) => i.title)).toEqual(['Bürgerbus']);
    expect(detail.responsibleEmail).toBe(''); // the Kümmerer's address is not public
    expect(detail.may).toEqual({ edit: false, postUpdate: false, follow: false });
  });

  it('keeps drafts private to the town team; another town and citizens cannot see or edit them', async () => {
    const draft = await app.projects.create(admin, 'kastellaun', projectForm({ title: 'Stadthalle Tivoli', type: 'leitprojekt', published: '' }));
    expect(draft.published).toBe(false);
    for (const who of [null, citizen, otherAdmin]) {
      await expect(app.projects.get(who, 'kastellaun', 'stadthalle-tivoli')).rejects.toThrow(/Not found/);
      expect((await app.projects.list(who, 'kastellaun')).projects.map((p) => p.title)).toEqual(['Bürgerbus in die Dörfer']);
      expect((await app.projects.forTownPage(who, kastellaun)).total).toBe(1);
    }
    expect((await app.projects.list(member, 'kastellaun')).projects.map((p) => p.title)).toEqual(['Stadthalle Tivoli', 'Bürgerbus in die Dörfer']);
    expect((await app.projects.get(member, 'kastellaun', 'stadthalle-tivoli')).project.title).toBe('Stadthalle Tivoli');
    // Not through another town's address either.
    await expect(app.projects.get(otherAdmin, 'malente', 'stadthalle-tivoli')).rejects.toThrow(/Not found/);
    await expect(app.projects.edit(citizen, 'kastellaun', 'buergerbus-in-die-doerfer', projectForm())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.projects.edit(otherAdmin, 'kastellaun', 'buergerbus-in-die-doerfer', projectForm())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.projects.addMilestone(citizen, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Fahrplan' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.projects.postUpdate(citizen, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Hallo', body: 'Darf ich nicht posten.' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.projects.postUpdate(member, 'kastellaun', 'stadthalle-tivoli', { title: 'Hallo', body: 'Nicht mein Projekt.' })).rejects.toBeInstanceOf(ForbiddenError);
    // The Kümmerer (team@k.example, named responsible for the Bürgerbus) reports progress — updates and milestones —
    // but does not edit the project itself.
    expect((await app.projects.get(member, 'kastellaun', 'buergerbus-in-die-doerfer')).may).toMatchObject({ edit: false, postUpdate: true });
    const updateId = await app.projects.postUpdate(member, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Probefahrt', body: 'Der Bus fuhr zum ersten Mal in die Dörfer.' });
    await app.projects.removeUpdate(member, 'kastellaun', 'buergerbus-in-die-doerfer', updateId);
    await expect(app.projects.edit(member, 'kastellaun', 'buergerbus-in-die-doerfer', projectForm())).rejects.toBeInstanceOf(ForbiddenError);
    expect(can(citizen, 'project.edit', kastellaun)).toBe(false);
    expect(can(otherAdmin, 'project.viewDrafts', kastellaun)).toBe(false);
    // Filters.
    expect((await app.projects.list(admin, 'kastellaun', { type: 'leitprojekt' })).projects.map((p) => p.title)).toEqual(['Stadthalle Tivoli']);
    expect((await app.projects.list(admin, 'kastellaun', { status: 'vorbereitung', field: 'engagement' })).projects).toHaveLength(2);
    expect((await app.projects.list(admin, 'kastellaun', { field: 'wohnen' })).projects).toHaveLength(0);
    expect((await app.projects.list(admin, 'kastellaun', { field: "'; drop table projects; --" })).projects).toHaveLength(2);
  });

  it('keeps milestones and names bad fields', async () => {
    const bad = await app.projects.addMilestone(moderator, 'kastellaun', 'buergerbus-in-die-doerfer', { title: '', dueOn: '31.12.2026' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ title: 'error_required', dueOn: 'error_date_invalid' });
    await app.projects.addMilestone(moderator, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Fahrerinnen gefunden', dueOn: '2026-04-30' });
    await app.projects.addMilestone(moderator, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Erste Fahrt', dueOn: '2026-06-01' });
    let detail = await app.projects.get(null, 'kastellaun', 'buergerbus-in-die-doerfer');
    expect(detail.milestones.map((m) => [m.title, m.done])).toEqual([
      ['Fahrerinnen gefunden', false],
      ['Erste Fahrt', false],
    ]);
    await app.projects.changeMilestone(moderator, 'kastellaun', 'buergerbus-in-die-doerfer', detail.milestones[0]!.id, 'done');
    await expect(app.projects.changeMilestone(otherAdmin, 'kastellaun', 'buergerbus-in-die-doerfer', detail.milestones[1]!.id, 'remove')).rejects.toBeInstanceOf(ForbiddenError);
    detail = await app.projects.get(null, 'kastellaun', 'buergerbus-in-die-doerfer');
    expect(detail.milestones.map((m) => m.done)).toEqual([true, false]);
  });

  it('posts an update with a re-encoded photo; followers get one mail each', async () => {
    await expect(app.projects.follow(null, 'kastellaun', 'buergerbus-in-die-doerfer')).rejects.toBeInstanceOf(ForbiddenError);
    await app.projects.follow(follower, 'kastellaun', 'buergerbus-in-die-doerfer');
    await app.projects.follow(follower, 'kastellaun', 'buergerbus-in-die-doerfer'); // idempotent
    await app.projects.follow(citizen, 'kastellaun', 'buergerbus-in-die-doerfer');
    await app.projects.follow(citizen, 'kastellaun', 'buergerbus-in-die-doerfer', false);
    // A citizen cannot follow a draft they cannot see.
    await expect(app.projects.follow(citizen, 'kastellaun', 'stadthalle-tivoli')).rejects.toThrow(/Not found/);
    const before = (await app.mailer.list()).filter((m) => m.kind === 'project_update').length;

    const file = new File([new Uint8Array(await photo())], 'bus.jpg', { type: 'image/jpeg' });
    const noAlt = await app.projects.postUpdate(moderator, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Erste Fahrt', body: 'kurz' }, file).catch((e: unknown) => e);
    expect((noAlt as ValidationError).fields).toEqual({ body: 'error_update_body_short', altText: 'error_alt_required' });
    const garbage = new File([new Uint8Array([1, 2, 3, 4])], 'x.jpg', { type: 'image/jpeg' });
    const badPhoto = await app.projects
      .postUpdate(moderator, 'kastellaun', 'buergerbus-in-die-doerfer', { title: 'Erste Fahrt', body: 'Der Bus ist zum ersten Mal gefahren.', altText: 'Ein weißer Kleinbus' }, garbage)
      .catch((e: unknown) => e);
    expect((badPhoto as ValidationError).fields).toEqual({ photo: 'error_photo_type' });
    expect((await app.mailer.list()).filter((m) => m.kind === 'project_update').length).toBe(before);

    const updateId = await app.projects.postUpdate(
      moderator,
      'kastellaun',
      'buergerbus-in-die-doerfer',
      { title: 'Erste Fahrt', body: 'Der Bürgerbus ist zum ersten Mal nach Bell und Hasselbach gefahren.', altText: 'Ein weißer Kleinbus vor dem Rathaus', status: 'umsetzung' },
      file,
    );
    const detail = await app.projects.get(null, 'kastellaun', 'buergerbus-in-die-doerfer');
    expect(detail.project.status).toBe('umsetzung');
    expect(detail.updates[0]!.id).toBe(updateId);
    expect(detail.updates[0]!.photos).toHaveLength(1);
    const served = await app.projects.photo(null, detail.updates[0]!.photos[0]!.id, 'image');
    const meta = await sharp(served!.data).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(served!.public).toBe(true);

    const mails = (await app.mailer.list()).filter((m) => m.kind === 'project_update');
    expect(mails.map((m) => m.recipient)).toEqual(['folgt@k.example']);
    expect(mails[0]!.subject).toContain('Bürgerbus in die Dörfer');
    expect(mails[0]!.textBody).toContain('Erste Fahrt');
    expect(mails[0]!.textBody).toContain('/t/kastellaun/projects/buergerbus-in-die-doerfer');
  });

  it('traces ideas to projects to updates on "Was wurde aus unseren Ideen?", without drafts', async () => {
    const ideasComponent = ctx.components.find((c) => c.type === 'ideas')!;
    const second = await app.ideas.submit(citizen, ctx, ideasComponent, { title: 'Stadthalle retten', body: 'Die Stadthalle Tivoli braucht eine Zukunft.', field: 'gemeinschaft' });
    await app.projects.linkIdea(admin, 'kastellaun', 'stadthalle-tivoli', { ideaId: second.id });
    const done = await app.ideas.submit(citizen, ctx, ideasComponent, { title: 'Bänke am Markt', body: 'Mehr Bänke auf dem Marktplatz.', field: 'gemeinschaft' });
    await app.ideas.setStatus(moderator, ctx, ideasComponent, done.id, { status: 'umgesetzt', statusReason: 'Vom Bauhof aufgestellt' });

    const visitor = await app.projects.outcomes(null, 'kastellaun');
    expect(visitor.projects.map((p) => [p.title, p.ideas.map((i) => i.title), p.updates.map((u) => u.title)])).toEqual([['Bürgerbus in die Dörfer', ['Bürgerbus'], ['Erste Fahrt']]]);
    expect(visitor.projects[0]!.updates[0]!.photo?.altText).toBe('Ein weißer Kleinbus vor dem Rathaus');
    // The draft's idea appears as "wird Projekt" without naming the draft.
    expect(visitor.decided.map((i) => [i.title, i.status])).toEqual([
      ['Stadthalle retten', 'wird_projekt'],
      ['Bänke am Markt', 'umgesetzt'],
    ]);
    expect(visitor.totals).toEqual({ ideas: 3, becameProjects: 2, done: 1 });
    const team = await app.projects.outcomes(member, 'kastellaun');
    expect(team.projects.map((p) => p.title)).toEqual(['Bürgerbus in die Dörfer', 'Stadthalle Tivoli']);
    // Hidden ideas and ideas of unpublished processes are not public.
    await app.ideas.hide(moderator, ctx, ideasComponent, done.id, { reason: 'Doppelt' });
    expect((await app.projects.outcomes(null, 'kastellaun')).decided.map((i) => i.title)).toEqual(['Stadthalle retten']);
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2040', { title: 'Kastellaun 2040', summary: '' });
    const unpublished = await app.projects.outcomes(null, 'kastellaun');
    expect(unpublished.projects).toEqual([]);
    expect(unpublished.totals.ideas).toBe(0);
    expect((await app.projects.get(null, 'kastellaun', 'buergerbus-in-die-doerfer')).ideas).toEqual([]);
    await app.processes.edit(admin, 'kastellaun', 'kastellaun-2040', { title: 'Kastellaun 2040', summary: '', published: 'on' });
  });

  it('runs working groups: members-only area, linked meetings and projects', async () => {
    await expect(app.workingGroups.create(citizen, 'kastellaun', { name: 'AG Innenstadt' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.workingGroups.create(moderator, 'kastellaun', { name: '', processId: 'nope' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ name: 'error_required', processId: 'error_invalid' });
    const group = await app.workingGroups.create(moderator, 'kastellaun', { name: 'AG Innenstadt', topic: 'Leerstand und Handel', rhythm: 'zweimal im Jahr', processId: ctx.process.id, internalNotes: 'Schlüssel beim Hausmeister.' });
    expect(group.slug).toBe('ag-innenstadt');
    const dup = await app.workingGroups.create(moderator, 'kastellaun', { name: 'AG Innenstadt' }).catch((e: unknown) => e);
    expect((dup as ValidationError).fields).toEqual({ slug: 'error_slug_taken' });

    const unknown = await app.workingGroups.addMember(moderator, 'kastellaun', 'ag-innenstadt', { email: 'niemand@k.example' }).catch((e: unknown) => e);
    expect((unknown as ValidationError).fields).toEqual({ email: 'error_not_town_member' });
    // An account outside the town gets the same answer as an unknown address: no probing who has an account.
    expect(await app.accounts.findByEmail('folgt@k.example')).toBeDefined();
    const outside = await app.workingGroups.addMember(moderator, 'kastellaun', 'ag-innenstadt', { email: 'folgt@k.example' }).catch((e: unknown) => e);
    expect((outside as ValidationError).fields).toEqual({ email: 'error_not_town_member' });
    await testActor(app, 'folgt@k.example', { town: 'kastellaun', role: 'member' });
    await app.workingGroups.addMember(moderator, 'kastellaun', 'ag-innenstadt', { email: 'folgt@k.example', role: 'lead' });
    await expect(app.workingGroups.addMember(otherAdmin, 'kastellaun', 'ag-innenstadt', { email: 'buerger@k.example' })).rejects.toBeInstanceOf(ForbiddenError);

    // Meetings: only meetings of this town can be linked.
    const meetingsComponent = ctx.components.find((c) => c.type === 'meetings')!;
    const meeting = await app.meetings.create(moderator, ctx, meetingsComponent, { title: 'Treffen AG Innenstadt', startsAt: '2027-03-10T18:00', endsAt: '2027-03-10T20:00' });
    await app.workingGroups.linkMeeting(moderator, 'kastellaun', 'ag-innenstadt', { meetingId: meeting.id });
    const badMeeting = await app.workingGroups.linkMeeting(moderator, 'kastellaun', 'ag-innenstadt', { meetingId: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
    expect((badMeeting as ValidationError).fields).toEqual({ meetingId: 'error_invalid_choice' });
    await app.projects.edit(admin, 'kastellaun', 'buergerbus-in-die-doerfer', projectForm({ workingGroupId: group.id }));

    const publicView = await app.workingGroups.get(citizen, 'kastellaun', 'ag-innenstadt');
    expect(publicView.internal).toBeNull();
    expect(publicView.group.rhythm).toBe('zweimal im Jahr');
    expect(publicView.meetings.map((m) => m.title)).toEqual(['Treffen AG Innenstadt']);
    expect(publicView.projects.map((p) => p.title)).toEqual(['Bürgerbus in die Dörfer']);
    const memberView = await app.workingGroups.get(follower, 'kastellaun', 'ag-innenstadt');
    expect(memberView.internal?.notes).toBe('Schlüssel beim Hausmeister.');
    expect(memberView.internal?.members.map((m) => [m.displayName, m.role])).toEqual([['folgt', 'lead']]);
    expect((await app.workingGroups.get(otherAdmin, 'kastellaun', 'ag-innenstadt')).internal).toBeNull();
    expect((await app.workingGroups.get(member, 'kastellaun', 'ag-innenstadt')).internal).toBeNull();
    expect((await app.workingGroups.get(moderator, 'kastellaun', 'ag-innenstadt')).internal).not.toBeNull();
    expect(can(follower, 'workingGroup.viewInternal', kastellaun, { groupMember: true })).toBe(true);
    expect(can(follower, 'workingGroup.viewInternal', kastellaun)).toBe(false);
    // Another town's address does not reach the group.
    await expect(app.workingGroups.get(null, 'malente', 'ag-innenstadt')).rejects.toThrow(/Not found/);
    // Members may leave; they cannot remove others.
    await expect(app.workingGroups.removeMember(citizen, 'kastellaun', 'ag-innenstadt', follower.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await app.workingGroups.removeMember(follower, 'kastellaun', 'ag-innenstadt', follower.userId);
    expect((await app.workingGroups.get(follower, 'kastellaun', 'ag-innenstadt')).internal).toBeNull();
    expect((await app.workingGroups.list(null, 'kastellaun')).groups.map((g) => [g.name, g.members, g.projects])).toEqual([['AG Innenstadt', 0, 1]]);
  });

  it('links projects to goals of their process\'s Zukunftsbild only, shows them both ways, and keeps drafts private', async () => {
    const rufbus = await app.vision.addGoal(moderator, 'kastellaun', 'kastellaun-2040', { field: 'mobilitaet', title: 'Rufbus in alle Ortsteile' });
    const treff = await app.vision.addGoal(moderator, 'kastellaun', 'kastellaun-2040', { field: 'gemeinschaft', title: 'Treffpunkte für alle Generationen' });
    // A goal of another process of the same town, and one of another town.
    await app.processes.create(admin, 'kastellaun', { title: 'Jugend 2030', blueprint: 'szenariowerkstatt' });
    const jugend = await app.vision.addGoal(admin, 'kastellaun', 'jugend-2030', { field: 'engagement', title: 'Jugendraum im Zentrum' });
    await app.processes.create(otherAdmin, 'malente', { title: 'Malente 2030', blueprint: 'szenariowerkstatt' });
    const foreign = await app.vision.addGoal(otherAdmin, 'malente', 'malente-2030', { field: 'mobilitaet', title: 'Radweg am See' });
    const slug = 'buergerbus-in-die-doerfer';
    const form = (extra: Record<string, string>) => projectForm({ processId: ctx.process.id, ...extra });

    await app.projects.edit(admin, 'kastellaun', slug, form({ [`goal_${rufbus}`]: 'on' }));
    for (const [label, extra] of [
      ['another process', { [`goal_${rufbus}`]: 'on', [`goal_${jugend}`]: 'on' }],
      ['another town', { [`goal_${foreign}`]: 'on' }],
      ['unknown', { 'goal_0b7f0c1e-0000-4000-8000-000000000000': 'on' }],
      ['malformed', { 'goal_nicht-eine-id': 'on' }],
    ] as const) {
      const bad = await app.projects.edit(admin, 'kastellaun', slug, form(extra as Record<string, string>)).catch((e: unknown) => e);
      expect(bad, label).toBeInstanceOf(ValidationError);
      expect(Object.keys((bad as ValidationError).fields), label).toEqual([label === 'malformed' ? 'goals.0' : 'goals']);
    }
    // The failed edits changed nothing.
    const project = (await app.db.select().from(projects).where(eq(projects.slug, slug)))[0]!;
    expect((await app.db.select().from(projectGoals).where(eq(projectGoals.projectId, project.id))).map((g) => g.goalId)).toEqual([rufbus]);
    // A goal of another town is refused also for a project without a process; any process of the town is fine then.
    const noProcess = await app.projects.create(moderator, 'kastellaun', projectForm({ title: 'Jugendtreff', [`goal_${foreign}`]: 'on' })).catch((e: unknown) => e);
    expect((noProcess as ValidationError).fields).toEqual({ goals: 'error_project_goals_invalid' });
    const jugendtreff = await app.projects.create(moderator, 'kastellaun', projectForm({ title: 'Jugendtreff', [`goal_${jugend}`]: 'on', [`goal_${treff}`]: 'on' }));
    await app.projects.edit(admin, 'kastellaun', slug, form({ [`goal_${rufbus}`]: 'on', [`goal_${treff}`]: 'on' }));

    // The Zukunftsbild is not published yet: visitors see no goals, the team does.
    expect((await app.projects.get(null, 'kastellaun', slug)).goals).toEqual([]);
    expect((await app.projects.get(member, 'kastellaun', slug)).goals.map((g) => g.title)).toEqual(['Rufbus in alle Ortsteile', 'Treffpunkte für alle Generationen']);
    await app.vision.setVisionPublished(admin, 'kastellaun', 'kastellaun-2040', true);
    const detail = await app.projects.get(null, 'kastellaun', slug);
    expect(detail.goals.map((g) => [g.title, g.field, g.processSlug])).toEqual([
      ['Rufbus in alle Ortsteile', 'mobilitaet', 'kastellaun-2040'],
      ['Treffpunkte für alle Generationen', 'gemeinschaft', 'kastellaun-2040'],
    ]);
    // "Projekte zu diesem Ziel".
    const byGoal = await app.projects.projectsForGoals(null, kastellaun, [rufbus, treff, jugend]);
    expect(byGoal.get(rufbus)?.map((p) => p.title)).toEqual(['Bürgerbus in die Dörfer']);
    expect(byGoal.get(treff)?.map((p) => p.title).sort()).toEqual(['Bürgerbus in die Dörfer', 'Jugendtreff']);
    expect((await app.projects.projectsForGoals(null, malente, [rufbus])).size).toBe(0);
    // A draft project serving a goal is not named to visitors.
    await app.projects.edit(admin, 'kastellaun', 'stadthalle-tivoli', projectForm({ title: 'Stadthalle Tivoli', type: 'leitprojekt', published: '', [`goal_${treff}`]: 'on' }));
    expect((await app.projects.projectsForGoals(null, kastellaun, [treff])).get(treff)?.map((p) => p.title).sort()).toEqual(['Bürgerbus in die Dörfer', 'Jugendtreff']);
    expect((await app.projects.projectsForGoals(member, kastellaun, [treff])).get(treff)).toHaveLength(3);
    // Coverage for the town page, and the goals on "Was wurde aus unseren Ideen?".
    expect((await app.projects.goalCoverage(null, kastellaun)).get('kastellaun-2040')).toEqual({ goals: 2, served: 2 });
    expect((await app.projects.goalCoverage(null, kastellaun)).get('jugend-2030')).toEqual({ goals: 1, served: 1 });
    const outcomes = await app.projects.outcomes(null, 'kastellaun');
    expect(outcomes.projects.find((p) => p.slug === slug)?.goals.map((g) => g.title)).toEqual(['Rufbus in alle Ortsteile', 'Treffpunkte für alle Generationen']);
    // Removing a goal from the vision removes the link; the change is audited with the goals.
    await app.vision.removeGoal(moderator, 'kastellaun', 'kastellaun-2040', rufbus);
    expect((await app.projects.get(null, 'kastellaun', slug)).goals.map((g) => g.title)).toEqual(['Treffpunkte für alle Generationen']);
    const { auditLog } = await import('../src/lib/modules/audit/server/schema.ts');
    const edits = await app.db.select().from(auditLog).where(eq(auditLog.action, 'project.edited'));
    expect(edits.some((e) => JSON.stringify(e.details).includes(treff))).toBe(true);
    expect(jugendtreff.processId).toBeNull();
  });

  it('sends project updates through the followers\' notification settings, with a one-click unfollow for that project only', async () => {
    const slug = 'buergerbus-in-die-doerfer';
    const now = await testActor(app, 'sofort@k.example');
    const weekly = await testActor(app, 'woche@k.example');
    const off = await testActor(app, 'aus@k.example');
    for (const p of [now, weekly, off]) await app.projects.follow(p, 'kastellaun', slug);
    await app.projects.follow(now, 'kastellaun', 'jugendtreff'); // a second project, which the link must not touch
    await app.notifications.updateSettings(weekly.userId, { delivery: 'weekly', kind_project_update: 'on' });
    await app.notifications.updateSettings(off.userId, { delivery: 'immediate', kind_idea_status: 'on' }); // project updates off
    const mailsTo = (email: string) => app.db.select().from(outbox).where(eq(outbox.recipient, email));

    await app.projects.postUpdate(moderator, 'kastellaun', slug, { title: 'Fahrplan steht', body: 'Ab Juni fährt der Bürgerbus dienstags und freitags.' });
    // Immediately: one mail, whose List-Unsubscribe is the one-click unfollow of this project.
    const [mail] = await mailsTo('sofort@k.example');
    expect(mail!.kind).toBe('project_update');
    expect(mail!.subject).toContain('Bürgerbus in die Dörfer');
    const header = /^<(https?:\/\/[^>]+\/unfollow\/([A-Za-z0-9_.-]+))>$/.exec(mail!.headers!['List-Unsubscribe']!);
    expect(header).not.toBeNull();
    expect(mail!.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.textBody).toContain(header![1]!);
    expect(mail!.textBody).toContain('/unsubscribe/'); // the kind can still be switched off in the footer
    // Weekly digest: nothing yet, one line waiting; switched off: nothing at all.
    expect(await mailsTo('woche@k.example')).toHaveLength(0);
    expect((await app.db.select().from(notificationQueue).where(eq(notificationQueue.userId, weekly.userId))).map((q) => q.kind)).toEqual(['project_update']);
    expect(await mailsTo('aus@k.example')).toHaveLength(0);
    expect(await app.db.select().from(notificationQueue).where(eq(notificationQueue.userId, off.userId))).toHaveLength(0);
    // The digest includes the project update, with its own unfollow link.
    await app.notifications.sendDigests(new Date(Date.now() + 8 * 86_400_000));
    const [digest] = await mailsTo('woche@k.example');
    expect(digest!.kind).toBe('digest');
    expect(digest!.textBody).toContain('Fahrplan steht');
    expect(digest!.textBody).toMatch(/\/unfollow\/[A-Za-z0-9_.-]+/);

    // The unfollow link: described without login, works once, and only for this project and person.
    const token = header![2]!;
    expect(await app.projects.describeUnfollow(token)).toMatchObject({ project: 'Bürgerbus in die Dörfer', email: 'sofort@k.example', townSlug: 'kastellaun' });
    expect(await app.notifications.verify(token)).toBeNull(); // not an unsubscribe token
    const [payload, signature] = token.split('.') as [string, string];
    const [uid, pid, nonce] = Buffer.from(payload, 'base64url').toString().split(':');
    const jugendtreff = (await app.db.select().from(projects).where(eq(projects.slug, 'jugendtreff')))[0]!;
    const forged = `${Buffer.from(`${uid}:${jugendtreff.id}:${nonce}`).toString('base64url')}.${signature}`;
    expect(await app.projects.unfollowByToken(forged)).toBe('invalid');
    expect(await app.projects.unfollowByToken(`${token.slice(0, -2)}AA`)).toBe('invalid');
    expect(await app.projects.describeUnfollow('quatsch')).toBe('invalid');
    expect(pid).toBe((await app.db.select().from(projects).where(eq(projects.slug, slug)))[0]!.id);
    expect(await app.projects.unfollowByToken(token)).toMatchObject({ project: 'Bürgerbus in die Dörfer', projectSlug: slug });
    expect(await app.projects.unfollowByToken(token)).toBe('used');
    expect(await app.projects.describeUnfollow(token)).toBe('used');
    const follows = await app.db.select().from(projectFollowers).where(eq(projectFollowers.userId, now.userId));
    expect(follows.map((f) => f.projectId)).toEqual([jugendtreff.id]);
    expect((await app.projects.get(weekly, 'kastellaun', slug)).following).toBe(true);
    // Following again makes a new follow: the old link stays used up.
    await app.projects.follow(now, 'kastellaun', slug);
    expect(await app.projects.unfollowByToken(token)).toBe('used');
    expect((await app.projects.get(now, 'kastellaun', slug)).following).toBe(true);
    const { auditLog } = await import('../src/lib/modules/audit/server/schema.ts');
    expect(await app.db.select().from(auditLog).where(eq(auditLog.action, 'project.unfollowed_by_link'))).toHaveLength(1);
  });

  it('places projects on the town map: checked against the town\'s outline, points and a text list, no drafts for visitors', async () => {
    const slug = 'buergerbus-in-die-doerfer';
    const before = (await app.db.select().from(projects).where(eq(projects.slug, slug)))[0]!;
    for (const [extra, fields] of [
      [{ latitude: '52,52', longitude: '13,405' }, { latitude: 'error_coordinate_outside_town', longitude: 'error_coordinate_outside_town' }], // Berlin
      [{ latitude: '50,07' }, { longitude: 'error_coordinate_pair' }],
      [{ latitude: '50,07', longitude: '99' }, { longitude: 'error_coordinate_invalid' }],
    ] as const) {
      const bad = await app.projects.edit(admin, 'kastellaun', slug, projectForm(extra)).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(ValidationError);
      expect((bad as ValidationError).fields).toEqual(fields);
    }
    const unchanged = (await app.db.select().from(projects).where(eq(projects.slug, slug)))[0]!;
    expect([unchanged.latitude, unchanged.updatedAt]).toEqual([before.latitude, before.updatedAt]);
    // The market square of Kastellaun, typed with decimal commas.
    await app.projects.edit(admin, 'kastellaun', slug, projectForm({ latitude: '50,0694', longitude: '7,4405' }));
    await app.projects.edit(admin, 'kastellaun', 'stadthalle-tivoli', projectForm({ title: 'Stadthalle Tivoli', type: 'leitprojekt', published: '', latitude: '50.0712', longitude: '7.4419' }));
    const map = await app.projects.map(null, 'kastellaun');
    expect(map.map?.d).toMatch(/^M[\d.]+ [\d.]+L/);
    expect(map.projects.map((p) => [p.title, p.latitude, p.longitude])).toEqual([['Bürgerbus in die Dörfer', 50.0694, 7.4405]]);
    const point = map.projects[0]!.point!;
    expect(point.x).toBeGreaterThan(0);
    expect(point.x).toBeLessThan(map.map!.width);
    expect(point.y).toBeGreaterThan(0);
    expect(point.y).toBeLessThan(map.map!.height);
    expect(map.withoutPlace).toBe(1); // Jugendtreff
    expect((await app.projects.map(member, 'kastellaun')).projects.map((p) => p.title)).toEqual(['Stadthalle Tivoli', 'Bürgerbus in die Dörfer']);
    expect((await app.projects.map(null, 'malente')).projects).toEqual([]);
    const detail = await app.projects.get(null, 'kastellaun', slug);
    expect(detail.location?.point).toEqual(point);
  });
});

describe.each(engines)('demo projects and working groups on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    const { seedDemoProcesses } = await import('../src/lib/modules/processes/server/demo-seed.ts');
    const { seedDemoProjects } = await import('../src/lib/modules/projects/server/demo-seed.ts');
    await seedDemoTowns(app.db);
    await seedDemoProcesses(app.db);
    expect(await seedDemoProjects(app.db)).toBe(7);
    expect(await seedDemoProjects(app.db)).toBe(0); // idempotent
  });
  afterAll(() => dispose());

  it('follows the seed: Zell\'s 14 small projects, Rodewisch\'s Neue Mitte, Malente\'s three working groups', async () => {
    const zell = await app.projects.list(null, 'zell-am-harmersbach', { type: 'projekt' });
    expect(zell.projects).toHaveLength(14);
    expect(zell.projects.every((p) => p.responsibleName.length > 3)).toBe(true);
    expect((await app.workingGroups.list(null, 'zell-am-harmersbach')).groups).toHaveLength(6);
    const neueMitte = await app.projects.get(null, 'rodewisch', 'neue-mitte-selbst-gemacht');
    expect(neueMitte.project.type).toBe('leitprojekt');
    expect(neueMitte.project.fundingProgrammes).toEqual(['ab_in_die_mitte']);
    expect(neueMitte.ideas.map((i) => i.title).sort()).toEqual(['Jugendcafé in der Neuen Mitte', 'Sitzbänke und Schatten auf dem Markt']);
    expect(neueMitte.updates).toHaveLength(2);
    const malente = await app.workingGroups.list(null, 'malente');
    expect(malente.groups.map((g) => [g.name, g.rhythm])).toEqual([
      ['Arbeitsgruppe Erholungsort', 'zweimal im Jahr'],
      ['Arbeitsgruppe Lebensort', 'zweimal im Jahr'],
      ['Arbeitsgruppe Wirtschaftsort', 'zweimal im Jahr'],
    ]);
    const lebensort = await app.workingGroups.get(null, 'malente', 'lebensort');
    expect(lebensort.meetings.map((m) => m.title)).toEqual(['Treffen der AG Lebensort']);
    expect(lebensort.projects.map((p) => p.title)).toEqual(['Netzwerk Sport Malente e. V.']);
    const outcomes = await app.projects.outcomes(null, 'rodewisch');
    expect(outcomes.projects.map((p) => p.title)).toEqual(['Neue Mitte – selbst gemacht']);
  });

  it('links demo projects to Malente\'s Zukunftsbild and places them on the town maps, once', async () => {
    const { seedDemoVision } = await import('../src/lib/modules/vision/server/demo-seed.ts');
    const { seedDemoProjectGoalsAndPlaces } = await import('../src/lib/modules/projects/server/demo-seed.ts');
    await app.accounts.createConfirmedUser({ email: 'malente@kleinstadt.example', password: 'Kleinstadt-Demo-2030', displayName: 'Team Malente' });
    await seedDemoVision(app.db);
    expect(await seedDemoProjectGoalsAndPlaces(app.db)).toBe(8);
    expect(await seedDemoProjectGoalsAndPlaces(app.db)).toBe(0);
    expect((await app.projects.get(null, 'malente', 'uferweg-dieksee')).goals.map((g) => g.title)).toEqual(['Uferweg rund um den Dieksee']);
    const map = await app.projects.map(null, 'malente');
    expect(map.projects.map((p) => p.slug).sort()).toEqual(['netzwerk-sport-malente', 'ortsmitte-aktive-zentren', 'uferweg-dieksee']);
    expect(map.projects.every((p) => p.point !== null)).toBe(true);
    expect((await app.projects.map(null, 'kastellaun')).projects).toHaveLength(2);
  });
});
