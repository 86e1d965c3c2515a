import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { hashToken } from '../src/lib/server/tokens.ts';
import { memberships } from '../src/lib/modules/towns/server/schema.ts';
import { slugify } from '../src/lib/modules/towns/server/validation.ts';


describe.each(engines)('town spaces on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let platformAdmin: Actor;
  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    const { user } = await app.accounts.createPlatformAdmin({ email: 'root@example.org', password: 'admin-passwort', displayName: 'Root' });
    platformAdmin = { userId: user.id, isPlatformAdmin: true, townRoles: new Map() };
  });
  afterAll(() => dispose());

  const actorFor = (email: string) => testActor(app, email);

  it('seeds the eight model towns idempotently from the built-in list (no official data needed)', async () => {
    expect(await seedDemoTowns(app.db)).toBe(8);
    expect(await seedDemoTowns(app.db)).toBe(0);
    const towns = await app.towns.list();
    expect(towns.map((t) => t.slug)).toEqual(['bad-lobenstein', 'beverungen', 'grossschoenau', 'kastellaun', 'malente', 'muecheln-geiseltal', 'rodewisch', 'zell-am-harmersbach']);
    expect(towns[0]).not.toHaveProperty('internalNotes');
  });

  it('serves a town profile without private fields, with key figures only when the official list is imported', async () => {
    const { town, facts } = await app.towns.profile('kastellaun');
    expect(town.name).toBe('Kastellaun');
    expect(town).not.toHaveProperty('internalNotes');
    expect(facts).toBeNull();
    await expect(app.towns.profile('atlantis')).rejects.toThrowError(/No town space "atlantis"/);
  });

  it('only platform admins create towns; unknown or taken municipalities are field errors', async () => {
    const someone = await actorFor('someone@example.org');
    await expect(app.towns.create(someone, { municipality: 'Kastellaun' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.create(null, { municipality: 'Kastellaun' })).rejects.toBeInstanceOf(ForbiddenError);
    const taken = await app.towns.create(platformAdmin, { municipality: '07140064' }).catch((e: unknown) => e);
    expect((taken as ValidationError).fields).toEqual({ municipality: 'error_town_exists' });
    const unknown = await app.towns.create(platformAdmin, { municipality: 'Atlantis' }).catch((e: unknown) => e);
    expect((unknown as ValidationError).fields).toEqual({ municipality: 'error_municipality_unknown' });
    const badSlug = await app.towns.create(platformAdmin, { municipality: 'Kastellaun', slug: 'Nicht OK!' }).catch((e: unknown) => e);
    expect((badSlug as ValidationError).fields).toEqual({ slug: 'error_slug_invalid' });
  });

  it('invites by mail; the invitee accepts and gets exactly that role in exactly that town', async () => {
    await app.towns.invite(platformAdmin, 'kastellaun', { email: 'Buergermeister@Kastellaun.example', role: 'town_admin' });
    const mails = await app.mailer.list();
    const mail = mails.find((m) => m.recipient === 'buergermeister@kastellaun.example')!;
    expect(mail.subject).toBe('Einladung in den Stadtraum Kastellaun');
    const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
    const mayor = await actorFor('buergermeister@kastellaun.example');
    expect(await app.towns.acceptInvitation(mayor.userId, token)).toEqual({ townSlug: 'kastellaun', role: 'town_admin' });
    expect(await app.towns.acceptInvitation(mayor.userId, token)).toBeNull(); // one-time
    const roles = await app.towns.rolesOf(mayor.userId);
    expect([...roles.values()]).toEqual(['town_admin']);
  });

  it('keeps each town admin inside their own town', async () => {
    const mayor = await actorFor('buergermeister@kastellaun.example');
    const kastellaun = await app.towns.getPublic('kastellaun');
    expect(mayor.townRoles.get(kastellaun.id)).toBe('town_admin');
    // In their town: invite moderators and members, edit, see private notes.
    await app.towns.invite(mayor, 'kastellaun', { email: 'agentur@example.org', role: 'moderator' });
    await app.towns.edit(mayor, 'kastellaun', { descriptionDe: 'neu', descriptionEn: 'new', internalNotes: 'geheim' });
    expect((await app.towns.getPrivate(mayor, 'kastellaun')).internalNotes).toBe('geheim');
    // In another town: nothing but the public view.
    await expect(app.towns.getPrivate(mayor, 'malente')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.edit(mayor, 'malente', { descriptionDe: 'x', descriptionEn: 'x', internalNotes: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.invite(mayor, 'malente', { email: 'x@example.org', role: 'member' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.members(mayor, 'malente')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.removeMember(mayor, 'malente', { userId: mayor.userId })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await app.towns.getPublic('malente')).not.toHaveProperty('internalNotes');
  });

  it('lets members read private data but not administer', async () => {
    await app.towns.invite(platformAdmin, 'kastellaun', { email: 'buergerin@example.org', role: 'member' });
    const invitation = (await app.mailer.list()).find((m) => m.recipient === 'buergerin@example.org')!;
    const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(invitation.textBody)![1]!;
    expect(await app.towns.invitation(token)).toMatchObject({ townName: 'Kastellaun', role: 'member' });
    expect(await app.towns.invitation('falsch')).toBeNull();
    const citizen = await actorFor('buergerin@example.org');
    await app.towns.acceptInvitation(citizen.userId, token);
    const member = await actorFor('buergerin@example.org');
    expect((await app.towns.getPrivate(member, 'kastellaun')).internalNotes).toBe('geheim');
    await expect(app.towns.invite(member, 'kastellaun', { email: 'y@example.org', role: 'member' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.edit(member, 'kastellaun', { descriptionDe: '', descriptionEn: '', internalNotes: '' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.towns.members(member, 'kastellaun')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('never removes the last town admin, not even by themselves', async () => {
    const mayor = await actorFor('buergermeister@kastellaun.example');
    const alone = await app.towns.removeMember(mayor, 'kastellaun', { userId: mayor.userId }).catch((e: unknown) => e);
    expect((alone as ValidationError).fields).toEqual({ _form: 'error_last_town_admin' });
    expect((await actorFor('buergermeister@kastellaun.example')).townRoles.size).toBe(1);
    // With a second town admin, one may go (also themselves); then the other is the last again.
    const second = await actorFor('zweite@kastellaun.example');
    const kastellaun = await app.towns.getPublic('kastellaun');
    await app.db.insert(memberships).values({ userId: second.userId, townId: kastellaun.id, role: 'town_admin' });
    await app.towns.removeMember(mayor, 'kastellaun', { userId: second.userId });
    await app.db.insert(memberships).values({ userId: second.userId, townId: kastellaun.id, role: 'town_admin' });
    await app.towns.removeMember(mayor, 'kastellaun', { userId: mayor.userId });
    await expect(app.towns.removeMember(platformAdmin, 'kastellaun', { userId: second.userId })).rejects.toBeInstanceOf(ValidationError);
    await app.db.insert(memberships).values({ userId: mayor.userId, townId: kastellaun.id, role: 'town_admin' });
  });

  it('rejects bad invitation input without writing anything', async () => {
    const before = (await app.mailer.list()).length;
    const error = await app.towns.invite(platformAdmin, 'kastellaun', { email: 'nope', role: 'king' }).catch((e: unknown) => e);
    expect((error as ValidationError).fields).toEqual({ email: 'error_email_invalid', role: 'error_invalid' });
    expect((await app.mailer.list()).length).toBe(before);
    expect(hashToken('a')).not.toBe('a');
  });

  it('makes URL slugs from German names', () => {
    expect(slugify('Mücheln (Geiseltal)')).toBe('muecheln-geiseltal');
    expect(slugify('Großschönau')).toBe('grossschoenau');
    expect(slugify('Simmern/ Hunsrück, Stadt')).toBe('simmern-hunsrueck');
  });
});
