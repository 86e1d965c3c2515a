import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { outbox } from '../src/lib/modules/mail/server/schema.ts';
import { ideaReports } from '../src/lib/modules/processes/server/schema.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

/** Reports reach the town's moderators, wait in one queue, and the reporter hears the outcome. */
describe.each(engines)('the moderation of reports on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let moderator: Actor;
  let citizen: Actor;
  let reporter: Actor;
  let ctx: ProcessContext;
  const ideasOf = () => ctx.components.find((c) => c.type === 'ideas')!;
  const kindsTo = async (email: string) => (await app.db.select().from(outbox).where(eq(outbox.recipient, email))).map((x) => x.kind);

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    citizen = await testActor(app, 'buerger@k.example');
    reporter = await testActor(app, 'melder@k.example');
    ctx = await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('tells the moderators, lists the report in the town queue, and tells the reporter when dismissed', async () => {
    const idea = await app.ideas.submit(citizen, ctx, ideasOf(), { title: 'Laute Idee', body: 'Eine Idee, die jemand meldet.', field: 'wohnen' });
    await app.ideas.report(reporter, ctx, ideasOf(), idea.id, { reason: 'Werbung für ein Geschäft' });
    expect(await kindsTo('moderation@k.example')).toContain('moderation');
    const mails = await app.db.select().from(outbox).where(eq(outbox.recipient, 'moderation@k.example'));
    expect(mails.at(-1)!.subject).toBe('Neue Meldung in Kastellaun');
    expect(mails.at(-1)!.textBody).toContain(`${app.config.publicOrigin}/t/kastellaun/moderation`);

    await expect(app.moderation.queue(citizen, 'kastellaun')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.moderation.queue(moderator, 'malente')).rejects.toBeInstanceOf(ForbiddenError);
    const queue = await app.moderation.queue(moderator, 'kastellaun');
    expect(queue.reports.map((r) => [r.ideaTitle, r.reason])).toEqual([['Laute Idee', 'Werbung für ein Geschäft']]);
    expect(JSON.stringify(queue)).not.toContain('melder');

    await expect(app.moderation.dismiss(citizen, 'kastellaun', queue.reports[0]!.reportId)).rejects.toBeInstanceOf(ForbiddenError);
    await app.moderation.dismiss(moderator, 'kastellaun', queue.reports[0]!.reportId);
    expect((await app.moderation.queue(moderator, 'kastellaun')).reports).toEqual([]);
    const [report] = await app.db.select().from(ideaReports).where(eq(ideaReports.ideaId, idea.id));
    expect(report!.outcome).toBe('dismissed');
    const outcome = (await app.db.select().from(outbox).where(eq(outbox.recipient, 'melder@k.example'))).at(-1)!;
    expect(outcome.subject).toBe('Ihre Meldung zu „Laute Idee“');
    expect(outcome.textBody).toContain('keinen Verstoß');
  });

  it('tells the reporter when the contribution is hidden', async () => {
    const idea = await app.ideas.submit(citizen, ctx, ideasOf(), { title: 'Beleidigende Idee', body: 'Eine Idee, die gegen die Regeln verstößt.', field: 'wohnen' });
    await app.ideas.report(reporter, ctx, ideasOf(), idea.id, { reason: 'Beleidigung' });
    await app.ideas.hide(moderator, ctx, ideasOf(), idea.id, { reason: 'Verstößt gegen die Regeln' });
    const [report] = await app.db.select().from(ideaReports).where(eq(ideaReports.ideaId, idea.id));
    expect(report!.outcome).toBe('hidden');
    const outcome = (await app.db.select().from(outbox).where(eq(outbox.recipient, 'melder@k.example'))).at(-1)!;
    expect(outcome.textBody).toContain('ausgeblendet');
    expect((await app.moderation.queue(admin, 'kastellaun')).reports).toEqual([]);
  });
});
