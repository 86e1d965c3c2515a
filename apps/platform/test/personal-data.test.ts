import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import type { Actor } from '../src/lib/server/permissions.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { towns } from '../src/lib/modules/towns/server/schema.ts';
import { academyEntries } from '../src/lib/modules/academy/server/schema.ts';
import { academyAnswers, academyEventRegistrations, academyEvents, academyQuestions } from '../src/lib/modules/academy/server/events-schema.ts';
import { academyResearchAnswers, academyResearchers, academyResearchQuestions } from '../src/lib/modules/academy/server/network/schema.ts';
import { projectFollowers, projects, projectUpdates, workingGroupMembers, workingGroups } from '../src/lib/modules/projects/server/schema.ts';
import { recordAudit } from '../src/lib/modules/audit/server/record.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

const future = (days: number, hour = 18) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;

/**
 * GDPR Art. 15/17/20: one datum of every kind planted for one person must be in their export, and after the
 * deletion nothing may name them any more (name, address, account id).
 */
describe.each(engines)('the personal data of one person, planted, exported and deleted, on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let person: Actor;
  let ctx: ProcessContext;
  const NAME = 'Paula Plantage';
  const EMAIL = 'paula@k.example';

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    await app.accounts.createConfirmedUser({ email: EMAIL, password: 'Zukunft-2030-paula', displayName: NAME });
    person = await testActor(app, EMAIL, { town: 'kastellaun', role: 'member' });
    ctx = await openKastellaunProcess(app, admin);
    const of = (type: string) => ctx.components.find((c) => c.type === type)!;
    const townId = (await app.db.select().from(towns).where(eq(towns.slug, 'kastellaun')))[0]!.id;

    // Process: an idea, a comment, a support, a report, a meeting registration, the scenario group self-description.
    const own = await app.ideas.submit(person, ctx, of('ideas'), { title: 'Paulas Idee', body: 'Eine Idee von Paula für alle.', field: 'wohnen' });
    const other = await app.ideas.submit(admin, ctx, of('ideas'), { title: 'Andere Idee', body: 'Eine Idee der Stadt für alle.', field: 'wohnen' });
    await app.ideas.comment(person, ctx, of('ideas'), other.id, { body: 'Paulas Kommentar' });
    await app.ideas.support(person, ctx, of('ideas'), other.id);
    await app.ideas.report(person, ctx, of('ideas'), other.id, { reason: 'Paulas Meldung' });
    const meeting = await app.meetings.create(admin, ctx, of('meetings'), { title: 'Werkstatt I', startsAt: future(5), endsAt: future(5, 21), place: 'Stadthalle' });
    await app.meetings.register(person, ctx, of('meetings'), meeting.id);
    await app.scenarioGroup.invite(admin, ctx, of('scenario_group'), { email: EMAIL });
    const token = /join=([A-Za-z0-9_-]+)/.exec((await app.mailer.list()).find((x) => x.recipient === EMAIL && x.textBody.includes('join='))!.textBody)![1]!;
    await app.scenarioGroup.accept(person, ctx, of('scenario_group'), token);
    await app.scenarioGroup.describe(person, ctx, of('scenario_group'), { ageBand: '30_44', gender: 'female', background: 'citizen', ortsteil: 'Paulas Ortsteil' });
    expect(own.authorId).toBe(person.userId);

    // Academy: an event registration, a question and an answer, a knowledge draft, a researcher profile, research.
    const [event] = await app.db.insert(academyEvents).values({ slug: 'werkstatt', form: 'digital', title: 'Akademie-Werkstatt', startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000) }).returning();
    await app.db.insert(academyEventRegistrations).values({ eventId: event!.id, userId: person.userId, status: 'registered' });
    const [question] = await app.db.insert(academyQuestions).values({ slug: 'frage', townId, askedBy: person.userId, title: 'Paulas Frage' }).returning();
    await app.db.insert(academyAnswers).values({ questionId: question!.id, townId, answeredBy: person.userId, body: 'Paulas Antwort' });
    await app.db.insert(academyEntries).values({ slug: 'entwurf', kind: 'praxisbeispiel', title: 'Paulas Entwurf', createdBy: person.userId, authors: NAME });
    const [researcher] = await app.db.insert(academyResearchers).values({ slug: 'paula', userId: person.userId, name: NAME, publicEmail: EMAIL }).returning();
    const [rq] = await app.db.insert(academyResearchQuestions).values({ slug: 'forschung', title: 'Paulas Forschungsfrage', researcherId: researcher!.id, postedBy: person.userId }).returning();
    await app.db.insert(academyResearchAnswers).values({ questionId: rq!.id, body: 'Paulas Forschungsantwort', authorId: person.userId });

    // Projects: the Kümmerer of a project (named by her name), a follow, a working group, a progress update.
    const [project] = await app.db.insert(projects).values({ townId, slug: 'paulas-projekt', title: 'Paulas Projekt', type: 'starterprojekt', responsibleName: NAME, responsibleUserId: person.userId, published: true }).returning();
    await app.db.insert(projectFollowers).values({ projectId: project!.id, userId: person.userId });
    const [group] = await app.db.insert(workingGroups).values({ townId, slug: 'gruppe', name: 'Paulas Gruppe' }).returning();
    await app.db.insert(workingGroupMembers).values({ groupId: group!.id, userId: person.userId });
    await app.db.insert(projectUpdates).values({ projectId: project!.id, title: 'Paulas Bericht', body: 'Es geht voran.', authorId: person.userId });

    // An audit entry that names her address (an invitation), another by her.
    await recordAudit(app.db, { actorId: admin.userId, townId, action: 'town.invited', details: { email: EMAIL, role: 'member' } });
  });
  afterAll(() => dispose());

  it('exports one datum of every kind', async () => {
    const json = JSON.stringify(await app.accounts.exportData(person.userId));
    for (const datum of [
      EMAIL, // profile
      'Paulas Idee',
      'Paulas Kommentar',
      'Andere Idee', // the support
      'Paulas Meldung',
      'Werkstatt I', // meeting registration
      'Paulas Ortsteil', // scenario group self-description
      'Akademie-Werkstatt', // event registration
      'Paulas Frage',
      'Paulas Antwort',
      'Paulas Entwurf',
      'paula@k.example', // researcher profile's public address
      'Paulas Forschungsfrage',
      'Paulas Forschungsantwort',
      'Paulas Projekt', // Kümmerer and follow
      'Paulas Gruppe',
      'Paulas Bericht',
      'member', // her town role
    ]) {
      expect(json, datum).toContain(datum);
    }
  });

  it('leaves nothing that names her after the deletion', async () => {
    await app.accounts.deleteAccount(person.userId, 'Zukunft-2030-paula');
    const everything = await app.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    const tables = ((everything as unknown as { rows?: { table_name: string }[] }).rows ?? (everything as unknown as { table_name: string }[])).map((r) => r.table_name);
    const found: string[] = [];
    for (const table of tables) {
      const rows = await app.db.execute(sql`select * from ${sql.identifier(table)}`);
      const text = JSON.stringify((rows as unknown as { rows?: unknown[] }).rows ?? rows);
      for (const trace of [NAME, EMAIL, person.userId, 'Paulas Ortsteil']) if (text.includes(trace)) found.push(`${table}: ${trace}`);
    }
    // Published contributions stay, without her: their texts mention "Paula" but nothing identifies her.
    expect(found).toEqual([]);
  });
});
