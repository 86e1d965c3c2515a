import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { testActor, type TownRole } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { outbox } from '../src/lib/modules/mail/server/schema.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { seedAcademyDemo } from '../src/lib/modules/academy/server/demo-content.ts';

describe.each(engines)('towns like mine on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;

  const actorFor = (email: string, town?: string, role: TownRole = 'town_admin') => testActor(app, email, { town, role });

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    await seedAcademyDemo(app.db);
  });
  afterAll(() => dispose());

  it('suggests similar towns with the reasons, best first, never the town itself', async () => {
    const { peers } = await app.peers.suggest('kastellaun');
    expect(peers.length).toBeGreaterThan(0);
    expect(peers.map((p) => p.slug)).not.toContain('kastellaun');
    for (let i = 1; i < peers.length; i++) expect(peers[i - 1]!.score).toBeGreaterThanOrEqual(peers[i]!.score);
    // Without the official atlas (tests have no shared data), type and location come from the model-town facts.
    const rodewisch = peers.find((p) => p.slug === 'rodewisch')!;
    expect(rodewisch.reasons.map((r) => r.key)).toEqual(expect.arrayContaining(['type', 'lage', 'topics']));
    expect(rodewisch.reasons.find((r) => r.key === 'type')!.values).toEqual({ type: 'kleine_kleinstadt' });
    for (const p of peers) expect(p.reasons.length).toBeGreaterThan(0);
    await expect(app.peers.suggest('atlantis')).rejects.toThrowError(/atlantis/);
  });

  it('lets a town admin ask a peer town for exchange by mail', async () => {
    const mayor = await actorFor('mayor@kastellaun.example', 'kastellaun');
    await actorFor('mayor@rodewisch.example', 'rodewisch');
    const member = await actorFor('member@kastellaun.example', 'kastellaun', 'member');
    await expect(app.peers.contact(member, 'kastellaun', 'rodewisch', { message: 'Hallo Rodewisch, wie macht ihr das?' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.peers.contact(mayor, 'rodewisch', 'kastellaun', { message: 'Hallo, wie macht ihr das?' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.peers.contact(mayor, 'kastellaun', 'rodewisch', { message: 'kurz' }).catch((e: unknown) => e);
    expect((bad as ValidationError).fields).toEqual({ message: 'error_message_too_short' });
    expect(await app.peers.contact(mayor, 'kastellaun', 'rodewisch', { message: 'Hallo Rodewisch, wie habt ihr die Jugend beteiligt?' })).toEqual({ recipients: 1 });
    const [mail] = await app.db.select().from(outbox).where(eq(outbox.kind, 'peer_contact'));
    expect(mail).toMatchObject({ recipient: 'mayor@rodewisch.example', subject: 'Kastellaun möchte sich mit Rodewisch austauschen' });
    expect(mail!.textBody).toContain('mayor@kastellaun.example');
    // In the recipient's language: an English-speaking admin gets the English mail and link.
    await app.db.update(users).set({ locale: 'en' }).where(eq(users.email, 'mayor@rodewisch.example'));
    await app.db.delete(outbox).where(eq(outbox.kind, 'peer_contact'));
    await app.peers.contact(mayor, 'kastellaun', 'rodewisch', { message: 'Hello Rodewisch, how did you involve young people?' });
    const [english] = await app.db.select().from(outbox).where(eq(outbox.kind, 'peer_contact'));
    expect(english!.subject).toBe('Kastellaun would like to exchange experience with Rodewisch');
    expect(english!.textBody).toContain('/en/t/kastellaun');
  });
});
