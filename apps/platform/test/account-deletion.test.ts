import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import type { Actor } from '../src/lib/server/permissions.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { memberships, towns } from '../src/lib/modules/towns/server/schema.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { ideaSupports } from '../src/lib/modules/processes/server/schema.ts';
import { storyVersions } from '../src/lib/modules/vision/server/schema.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

describe.each(engines)('deleting an account keeps contributions, anonymised, on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let leaving: Actor;
  let ctx: ProcessContext;
  const ideasOf = () => ctx.components.find((c) => c.type === 'ideas')!;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    const townId = (await app.db.select().from(towns).where(eq(towns.slug, 'kastellaun')))[0]!.id;
    const a = await app.accounts.createConfirmedUser({ email: 'admin@k.example', password: 'Zukunft-2030-admin', displayName: 'Admin' });
    await app.db.insert(memberships).values({ userId: a.id, townId, role: 'town_admin' });
    admin = { userId: a.id, isPlatformAdmin: false, townRoles: await app.towns.rolesOf(a.id) };
    const l = await app.accounts.createConfirmedUser({ email: 'geht@k.example', password: 'Zukunft-2030-geht', displayName: 'Greta Geht' });
    await app.db.insert(memberships).values({ userId: l.id, townId, role: 'moderator' });
    leaving = { userId: l.id, isPlatformAdmin: false, townRoles: await app.towns.rolesOf(l.id) };
    ctx = await openKastellaunProcess(app, admin);
  });
  afterAll(() => dispose());

  it('shows ideas, comments, story versions and story comments of a deleted person as "gelöschte Person"', async () => {
    const idea = await app.ideas.submit(leaving, ctx, ideasOf(), { title: 'Dorfladen', body: 'Ein Laden für alles im Ortskern.', field: 'wirtschaft' });
    const adminIdea = await app.ideas.submit(admin, ctx, ideasOf(), { title: 'Marktcafé', body: 'Ein Café am Marktplatz für alle.', field: 'gemeinschaft' });
    await app.ideas.comment(leaving, ctx, ideasOf(), adminIdea.id, { body: 'Da helfe ich mit.' });
    await app.ideas.support(leaving, ctx, ideasOf(), adminIdea.id);
    await app.vision.saveStory(leaving, 'kastellaun', 'kastellaun-2040', { body: 'Erster Absatz.\n\nZweiter Absatz.' });
    await app.vision.saveStory(admin, 'kastellaun', 'kastellaun-2040', { body: 'Erster Absatz.\n\nZweiter Absatz, länger.' });
    await app.vision.comment(leaving, 'kastellaun', 'kastellaun-2040', 2, { paragraph: '1', body: 'Gefällt mir.' });
    expect((await app.ideas.get(null, ctx, ideasOf(), idea.id)).idea.author).toBe('Greta Geht');

    // The password is checked; then the account goes.
    await expect(app.accounts.deleteAccount(leaving.userId, 'falsch')).rejects.toThrow();
    await app.accounts.deleteAccount(leaving.userId, 'Zukunft-2030-geht');
    expect(await app.db.select().from(users).where(eq(users.id, leaving.userId))).toEqual([]);

    const kept = await app.ideas.get(null, ctx, ideasOf(), idea.id);
    expect([kept.idea.title, kept.idea.authorId, kept.idea.author, kept.idea.authorDeleted]).toEqual(['Dorfladen', null, null, true]);
    const listed = (await app.ideas.list(null, ctx, ideasOf())).items.find((i) => i.id === idea.id)!;
    expect(listed.authorDeleted).toBe(true);
    // Someone else's idea is untouched; the comment stays with a deleted author; the support still counts.
    const other = await app.ideas.get(null, ctx, ideasOf(), adminIdea.id);
    expect([other.idea.author, other.idea.authorDeleted, other.idea.supportCount]).toEqual(['Admin', false, 1]);
    expect(other.comments.map((c) => [c.body, c.authorName, c.authorDeleted])).toEqual([['Da helfe ich mit.', null, true]]);
    expect((await app.db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, adminIdea.id))).length).toBe(1);

    const story = await app.vision.version(admin, 'kastellaun', 'kastellaun-2040', '2');
    expect(story.versions.map((v) => [v.number, v.author])).toEqual([
      [2, { name: 'Admin', deleted: false }],
      [1, { name: null, deleted: true }],
    ]);
    expect(story.paragraphs[1]!.comments.map((c) => [c.body, c.author])).toEqual([['Gefällt mir.', { name: null, deleted: true }]]);
    expect((await app.db.select().from(storyVersions)).length).toBe(2);
  });

  it('does not mark anonymous ideas as by a deleted person', async () => {
    const rules = await app.processes.matrix(admin, 'kastellaun', 'kastellaun-2040');
    const form: Record<string, string> = {};
    for (const c of rules.components)
      for (const a of c.actions)
        for (const p of a.phases) {
          for (const g of p.grants) form[`g|${c.component.id}|${p.phaseId}|${a.action}|${g}`] = 'on';
          form[`m|${c.component.id}|${p.phaseId}|${a.action}`] = a.action === 'submit' && c.component.type === 'ideas' && a.spec.dataModes.includes('anonymous') ? 'anonymous' : p.dataMode;
        }
    await app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', form);
    ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const anonymous = await app.ideas.submit(admin, ctx, ideasOf(), { title: 'Ohne Namen', body: 'Eine Idee ohne Namen dazu.', field: 'wohnen' });
    const got = await app.ideas.get(null, ctx, ideasOf(), anonymous.id);
    expect([got.idea.authorId, got.idea.authorDeleted]).toEqual([null, false]);
  });
});
