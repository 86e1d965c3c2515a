import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { seedAcademyDemo } from '../src/lib/modules/academy/server/demo-content.ts';
import { seedNetworkDemo } from '../src/lib/modules/academy/server/network/demo.ts';
import { EntryNotFoundError } from '../src/lib/modules/academy/server/service.ts';
import { auditLog } from '../src/lib/modules/audit/server/schema.ts';

describe.each(engines)('network directory and research on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;

  const actorFor = (email: string, opts: Parameters<typeof testActor>[2] = {}) => testActor(app, email, opts);

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    await seedAcademyDemo(app.db);
    await seedNetworkDemo(app.db);
    expect(await seedNetworkDemo(app.db)).toBe(0);
  });
  afterAll(() => dispose());

  it('filters the public directory by kind, field, Land (nationwide actors included), partnership and umlaut-insensitive text', async () => {
    const all = await app.network.list({});
    expect(all.orgs.map((o) => o.slug)).not.toContain('demo-stiftung-kleinstadtleben'); // pending
    expect((await app.network.list({ kind: 'kommunalverband' })).orgs.map((o) => o.slug).sort()).toEqual(['deutscher-landkreistag', 'dstgb']);
    const bavaria = (await app.network.list({ land: 'Bayern' })).orgs.map((o) => o.slug);
    expect(bavaria).toContain('isw-muenchen');
    expect(bavaria).toContain('dstgb');
    expect(bavaria).not.toContain('hochschule-neubrandenburg');
    expect((await app.network.list({ partner: '1' })).orgs.every((o) => o.isPartner)).toBe(true);
    expect((await app.network.list({ field: 'mobilitaet' })).orgs.map((o) => o.slug)).toEqual(['deutscher-landkreistag']);
    for (const q of ['Städtebau', 'Staedtebau', 'stadtebau']) expect((await app.network.list({ q })).orgs.map((o) => o.slug), q).toContain('isw-muenchen');
    // Unknown filter values are ignored, LIKE wildcards are literal.
    expect((await app.network.list({ kind: 'nonsense', land: 'Atlantis' })).orgs.length).toBe(all.orgs.length);
    expect((await app.network.list({ q: '%' })).orgs).toEqual([]);
  });

  it('takes an application, hides it until an editor approves it, and refuses others', async () => {
    const applicant = await actorFor('buero@planung.example');
    const other = await actorFor('someone@else.example');
    const editor = await actorFor('editor@academy.example', { editor: true });
    await expect(app.network.apply(null, { name: 'Planungsbüro Beispiel', kind: 'planung', contactEmail: 'a@b.de' })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await app.network.apply(applicant, { name: '', kind: 'bank', contactEmail: 'nope', website: 'ftp://x' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields).toEqual({ name: 'error_required', kind: 'error_invalid_choice', contactEmail: 'error_email_invalid', website: 'error_url_invalid' });
    // Applicants cannot make themselves partners: the field is not part of an application.
    const org = await app.network.apply(applicant, { name: 'Planungsbüro Beispiel', kind: 'planung', contactEmail: 'buero@planung.example', fieldsOfAction: ['wohnen'], land: 'Sachsen', isPartner: 'on' });
    expect(org).toMatchObject({ status: 'pending', isPartner: false });
    await expect(app.network.get(null, org.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(app.network.get(other, org.slug)).rejects.toBeInstanceOf(EntryNotFoundError);
    expect((await app.network.get(applicant, org.slug)).org.status).toBe('pending');
    await expect(app.network.decide(applicant, org.slug, 'approved')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.network.pending(applicant)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await app.network.pending(editor)).map((o) => o.slug)).toContain(org.slug);
    await app.network.decide(editor, org.slug, 'approved');
    expect((await app.network.get(null, org.slug)).org.status).toBe('approved');
    expect((await app.network.list({ land: 'Sachsen' })).orgs.map((o) => o.slug)).toContain(org.slug);
    await expect(app.network.update(applicant, org.slug, { name: 'X', kind: 'planung' })).rejects.toBeInstanceOf(ForbiddenError);
    const updated = await app.network.update(editor, org.slug, { name: 'Planungsbüro Beispiel', kind: 'planung', isPartner: 'on', partnerSince: '2025' });
    expect(updated).toMatchObject({ isPartner: true, partnerSince: 2025 });
    await expect(app.network.update(editor, org.slug, { name: 'Planungsbüro Beispiel', kind: 'planung', partnerSince: 'gestern' })).rejects.toMatchObject({ fields: { partnerSince: 'error_year_invalid' } });
  });

  it('keeps researcher profiles: own ones by their users, standalone ones by editors', async () => {
    const researcher = await actorFor('forscherin@uni.example');
    const stranger = await actorFor('stranger@uni.example');
    const editor = await actorFor('editor@academy.example', { editor: true });
    await expect(app.research.saveOwnProfile(null, { name: 'Dr. X' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.saveOwnProfile(researcher, { name: 'Dr. Erika Beispiel', org: 'no-such-org' })).rejects.toMatchObject({ fields: { org: 'error_invalid_choice' } });
    const profile = await app.research.saveOwnProfile(researcher, { name: 'Dr. Erika Beispiel', institution: 'Uni Beispiel', topics: 'Leerstand, Innenentwicklung', fieldsOfAction: ['wohnen'], org: 'arl' });
    expect(profile.topics).toEqual(['Leerstand', 'Innenentwicklung']);
    const again = await app.research.saveOwnProfile(researcher, { name: 'Dr. Erika Beispiel', topics: 'Leerstand' });
    expect(again.id).toBe(profile.id);
    await expect(app.research.update(stranger, profile.slug, { name: 'Gekapert' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.createStandalone(researcher, { name: 'Prof. Y' })).rejects.toBeInstanceOf(ForbiddenError);
    const standalone = await app.research.createStandalone(editor, { name: 'Prof. Y', institution: 'Institut Z' });
    expect(standalone.userId).toBeNull();
    expect((await app.research.researcher(null, 'rudolf-schaefer')).org?.slug).toBe('forschungsgruppe-stadt-dorf');
    expect((await app.research.literature()).length).toBeGreaterThan(5);
  });

  it('edits standalone profiles (editors only) and own profiles (the researcher or editors), with validation and audit', async () => {
    const researcher = await actorFor('forscher-edit@uni.example');
    const stranger = await actorFor('stranger-edit@uni.example');
    const editor = await actorFor('editor-edit@academy.example', { editor: true });
    const standalone = await app.research.createStandalone(editor, { name: 'Dr. Ohne Konto', institution: 'Institut A' });
    // Standalone: no owner, so only editors (and platform admins) may open the form or change it.
    await expect(app.research.forEdit(researcher, standalone.slug)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.forEdit(null, standalone.slug)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.update(researcher, standalone.slug, { name: 'Gekapert' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.forEdit(editor, 'no-such-profile')).rejects.toBeInstanceOf(EntryNotFoundError);
    expect((await app.research.researcher(researcher, standalone.slug)).mayEdit).toBe(false);
    expect((await app.research.researcher(editor, standalone.slug)).mayEdit).toBe(true);
    const form = await app.research.forEdit(editor, standalone.slug);
    expect(form.standalone).toBe(true);
    expect(form.researcher.name).toBe('Dr. Ohne Konto');
    // Bad input: field errors, nothing changed.
    const bad = await app.research.update(editor, standalone.slug, { name: 'X', website: 'javascript:alert(1)', publicEmail: 'kein-at', org: 'no-such-org' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields).toMatchObject({ name: 'error_required', website: 'error_url_invalid' });
    expect((await app.research.researcher(null, standalone.slug)).researcher.name).toBe('Dr. Ohne Konto');
    const changed = await app.research.update(editor, standalone.slug, { name: 'Dr. Ohne Konto', institution: 'Institut B', topics: 'Ehrenamt, Mobilität', org: 'arl', fieldsOfAction: ['mobilitaet'] });
    expect(changed).toMatchObject({ institution: 'Institut B', topics: ['Ehrenamt', 'Mobilität'], fieldsOfAction: ['mobilitaet'], userId: null });
    expect((await app.research.forEdit(editor, standalone.slug)).org).toBe('arl');
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.action, 'academy.researcher_updated'));
    expect(audit.some((a) => a.actorId === editor.userId && (a.details as { slug?: string; standalone?: boolean }).slug === standalone.slug && (a.details as { standalone?: boolean }).standalone === true)).toBe(true);
    // An own profile: its researcher and editors may edit it, nobody else.
    const own = await app.research.saveOwnProfile(researcher, { name: 'Dr. Mit Konto' });
    expect((await app.research.forEdit(researcher, own.slug)).standalone).toBe(false);
    expect((await app.research.update(researcher, own.slug, { name: 'Dr. Mit Konto', institution: 'Uni C' })).institution).toBe('Uni C');
    expect((await app.research.update(editor, own.slug, { name: 'Dr. Mit Konto', institution: 'Uni D' })).institution).toBe('Uni D');
    await expect(app.research.update(stranger, own.slug, { name: 'Gekapert' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lets researchers and towns post research questions, anyone with an account answer, and the poster change the status', async () => {
    const researcher = await actorFor('forscherin@uni.example');
    const member = await actorFor('member@rodewisch.example', { town: 'rodewisch', role: 'member' });
    const noProfile = await actorFor('noprofile@x.example');
    await expect(app.research.ask(noProfile, { as: 'researcher', title: 'Eine ausreichend lange Frage?' })).rejects.toMatchObject({ fields: { as: 'error_research_profile_required' } });
    await expect(app.research.ask(noProfile, { as: 'rodewisch', title: 'Eine ausreichend lange Frage?' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.ask(member, { as: 'rodewisch', title: 'kurz' })).rejects.toMatchObject({ fields: { title: 'error_question_too_short' } });
    const q1 = await app.research.ask(researcher, { as: 'researcher', title: 'Wie verändert Homeoffice die Kleinstädte?', fieldsOfAction: ['digital'] });
    const q2 = await app.research.ask(member, { as: 'rodewisch', title: 'Was bringt ein Bürgerhaushalt in einer Kleinstadt?' });
    expect(q2.townId).not.toBeNull();
    await expect(app.research.answer(null, q1.slug, { body: 'Antwort' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.answer(member, q1.slug, { body: 'Siehe Studie', url: 'javascript:alert(1)' })).rejects.toMatchObject({ fields: { url: 'error_url_invalid' } });
    await app.research.answer(member, q1.slug, { body: 'Siehe die Studie', url: 'https://example.org/studie' });
    const shown = await app.research.question(null, q1.slug);
    expect(shown.answers).toHaveLength(1);
    expect(shown.mayChangeStatus).toBe(false);
    await expect(app.research.setStatus(member, q1.slug, { status: 'beantwortet' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(app.research.setStatus(researcher, q1.slug, { status: 'vergessen' })).rejects.toMatchObject({ fields: { status: 'error_invalid_choice' } });
    expect(await app.research.setStatus(researcher, q1.slug, { status: 'beantwortet' })).toBe('beantwortet');
    expect((await app.research.questions({ status: 'beantwortet' })).map((q) => q.slug)).toEqual([q1.slug]);
    expect((await app.research.questions({ field: 'digital', status: 'bogus' })).map((q) => q.slug)).toEqual([q1.slug]);
  });
});
