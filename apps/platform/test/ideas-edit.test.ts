import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { engines } from './helpers/app.ts';
import { openKastellaunProcess, testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { can, ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { ValidationError } from '../src/lib/server/validation.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { seedDemoProcesses } from '../src/lib/modules/processes/server/demo-seed.ts';
import { auditLog } from '../src/lib/modules/audit/server/schema.ts';
import { componentPermissions, ideaImages, ideaRevisions, ideas, ideaSupports } from '../src/lib/modules/processes/server/schema.ts';
import { blueprints } from '../src/lib/modules/processes/server/blueprints.ts';
import { componentType, grantKindsFor } from '../src/lib/modules/processes/server/components/index.ts';
import type { Idea } from '../src/lib/modules/processes/server/ideas.ts';
import type { ProcessContext } from '../src/lib/modules/processes/server/service.ts';

describe('the ideas:edit rule', () => {
  const town = 'town-a';
  const citizen: Actor = { userId: 'u1', isPlatformAdmin: false, townRoles: new Map() };
  const moderatorHere: Actor = { userId: 'u2', isPlatformAdmin: false, townRoles: new Map([[town, 'moderator']]) };
  const moderatorElsewhere: Actor = { userId: 'u3', isPlatformAdmin: false, townRoles: new Map([['town-b', 'moderator']]) };
  const rule = { grants: ['owner', 'town_admin', 'moderator'] };

  it('grants `owner` only to the logged-in person who submitted, and town roles only in their own town', () => {
    expect(can(citizen, 'ideas:edit', town, { rule, owner: true })).toBe(true);
    expect(can(citizen, 'ideas:edit', town, { rule, owner: false })).toBe(false);
    expect(can(null, 'ideas:edit', town, { rule, owner: true })).toBe(false);
    expect(can(citizen, 'ideas:edit', town, { rule: { grants: ['town_admin', 'moderator'] }, owner: true })).toBe(false);
    expect(can(moderatorHere, 'ideas:edit', town, { rule })).toBe(true);
    expect(can(moderatorElsewhere, 'ideas:edit', town, { rule })).toBe(false);
    expect(can(citizen, 'ideas:edit', town, { rule: undefined, owner: true })).toBe(false);
  });

  it('offers the `owner` grant only for actions about one contribution', () => {
    const manifest = componentType('ideas')!;
    expect(grantKindsFor(manifest.actions.edit!)).toEqual(['owner', 'moderator', 'town_admin']);
    for (const action of ['view', 'submit', 'support', 'comment', 'report', 'moderate']) expect(grantKindsFor(manifest.actions[action]!)).not.toContain('owner');
  });

  it('takes the author’s right to edit away in every blueprint phase that stops collecting ideas', () => {
    const edit = componentType('ideas')!.actions.edit!;
    const submit = componentType('ideas')!.actions.submit!;
    for (const bp of Object.values(blueprints)) {
      const index = bp.components.findIndex((c) => c.type === 'ideas');
      if (index < 0) continue;
      for (const phase of bp.phases) {
        const submitGrants = phase.grants?.[`${index}:submit`] ?? submit.defaultGrants;
        const editGrants = phase.grants?.[`${index}:edit`] ?? edit.defaultGrants;
        expect(editGrants.includes('owner'), `${bp.key} / ${phase.name}`).toBe(submitGrants.length > 0);
        expect(editGrants, `${bp.key} / ${phase.name}`).toEqual(expect.arrayContaining(['town_admin', 'moderator']));
      }
    }
  });
});

describe.each(engines)('editing ideas on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  let moderator: Actor;
  let author: Actor;
  let neighbour: Actor;
  let foreignModerator: Actor;
  let ctx: ProcessContext;
  const ideasOf = () => ctx.components.find((c) => c.type === 'ideas')!;
  const jpeg = (r: number) => sharp({ create: { width: 900, height: 600, channels: 3, background: { r, g: 120, b: 90 } } }).jpeg().toBuffer();
  const file = (bytes: Uint8Array) => new File([new Uint8Array(bytes)], 'bild.jpg', { type: 'image/jpeg' });
  const row = async (id: string) => (await app.db.select().from(ideas).where(eq(ideas.id, id)))[0]!;
  const imageOf = async (id: string) => (await app.db.select().from(ideaImages).where(eq(ideaImages.ideaId, id)))[0];
  const revisionsOf = (id: string) => app.db.select().from(ideaRevisions).where(eq(ideaRevisions.ideaId, id)).orderBy(desc(ideaRevisions.replacedAt));
  const editsOf = async (id: string) => (await app.db.select().from(auditLog).where(eq(auditLog.action, 'idea.edited')).orderBy(desc(auditLog.at))).filter((a) => (a.details as { ideaId: string }).ideaId === id);
  const valid = { title: 'Bürgerbus in die Dörfer', body: 'Ein Bürgerbus fährt zweimal am Tag in die Ortsteile.', field: 'mobilitaet', place: '', latitude: '', longitude: '' };
  let idea: Idea;

  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    await seedDemoProcesses(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
    moderator = await testActor(app, 'moderation@k.example', { town: 'kastellaun', role: 'moderator' });
    author = await testActor(app, 'autorin@k.example');
    neighbour = await testActor(app, 'nachbar@k.example');
    foreignModerator = await testActor(app, 'moderation@malente.example', { town: 'malente', role: 'moderator' });
    ctx = await openKastellaunProcess(app, admin);
    idea = await app.ideas.submit(author, ctx, ideasOf(), valid);
    await app.ideas.support(neighbour, ctx, ideasOf(), idea.id);
  });
  afterAll(() => dispose());

  it('lets the author change every field, set a place and add an image; keeps the old version, the supports and an audit entry', async () => {
    const edited = await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, title: 'Bürgerbus für alle Ortsteile', field: 'gemeinschaft', place: 'Marktplatz', latitude: '50,07', longitude: '7.44', imageAlt: 'Ein Kleinbus vor dem Rathaus' }, file(await jpeg(40)));
    expect(edited).toMatchObject({ title: 'Bürgerbus für alle Ortsteile', field: 'gemeinschaft', place: 'Marktplatz', latitude: 50.07, longitude: 7.44, supportCount: 1, authorId: author.userId });
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect((await imageOf(idea.id))?.altText).toBe('Ein Kleinbus vor dem Rathaus');
    expect(await app.db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, idea.id))).toHaveLength(1);
    const [revision] = await revisionsOf(idea.id);
    expect(revision).toMatchObject({ title: valid.title, body: valid.body, field: 'mobilitaet', place: '', latitude: null, imageAltText: null, image: null, byModeration: false, editedBy: author.userId });
    const [entry] = await editsOf(idea.id);
    expect(entry).toMatchObject({ actorId: author.userId, townId: ctx.town.id });
    expect(entry!.details).toMatchObject({ revisionId: revision!.id, changed: ['title', 'field', 'place', 'latitude', 'longitude'], image: 'added', byModeration: false });
    const shown = await app.ideas.get(null, ctx, ideasOf(), idea.id);
    expect(shown.idea.editedAt).toBeInstanceOf(Date);
    expect(shown.editedByModeration).toBe(false);
    expect(shown.mayEdit).toBe(false);
    expect((await app.ideas.get(author, ctx, ideasOf(), idea.id)).mayEdit).toBe(true);
  });

  it('replaces the image (the old one kept with the revision), changes the alt text alone, then removes image and point', async () => {
    const before = await imageOf(idea.id);
    await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, imageAlt: 'Der neue Bus an der Haltestelle' }, file(await jpeg(200)));
    const after = await imageOf(idea.id);
    expect(after!.altText).toBe('Der neue Bus an der Haltestelle');
    expect(Buffer.compare(after!.image, before!.image)).not.toBe(0);
    const [replaced] = await revisionsOf(idea.id);
    expect(replaced!.imageAltText).toBe('Ein Kleinbus vor dem Rathaus');
    expect(Buffer.compare(replaced!.image!, before!.image)).toBe(0);
    // The point and place of the last version went away with this edit: `valid` has none.
    expect(await row(idea.id)).toMatchObject({ latitude: null, longitude: null, place: '' });

    await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, imageAlt: 'Ein Bus an der Haltestelle am Markt' });
    expect((await imageOf(idea.id))!.altText).toBe('Ein Bus an der Haltestelle am Markt');
    expect(Buffer.compare((await imageOf(idea.id))!.image, after!.image)).toBe(0);
    expect((await editsOf(idea.id))[0]?.details).toMatchObject({ image: 'alt_changed', changed: [] });

    await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, removeImage: 'on', imageAlt: '' });
    expect(await imageOf(idea.id)).toBeUndefined();
    expect((await revisionsOf(idea.id))[0]!.imageAltText).toBe('Ein Bus an der Haltestelle am Markt');
    expect(await revisionsOf(idea.id)).toHaveLength(4);
  });

  it('stores nothing for an edit that changes nothing', async () => {
    const revisions = (await revisionsOf(idea.id)).length;
    const unchanged = await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid });
    expect(unchanged.editedAt).toEqual((await row(idea.id)).editedAt);
    expect(await revisionsOf(idea.id)).toHaveLength(revisions);
  });

  it('names every bad field at once and leaves idea, image, revisions and audit log as they were', async () => {
    await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, imageAlt: 'Ein Bus am Marktplatz' }, file(await jpeg(90)));
    const before = { idea: await row(idea.id), image: await imageOf(idea.id), revisions: (await revisionsOf(idea.id)).length, edits: (await editsOf(idea.id)).length };
    const bad = await app.ideas.edit(author, ctx, ideasOf(), idea.id, { title: 'ab', body: 'kurz', field: 'quatsch', latitude: '52.52', longitude: '13.40', imageAlt: '' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    // The stored image stays, so its alt text may not be emptied.
    expect((bad as ValidationError).fields).toEqual({ title: 'error_required', body: 'error_idea_body_short', field: 'error_field_required', latitude: 'error_coordinate_outside_town', longitude: 'error_coordinate_outside_town', imageAlt: 'error_alt_required' });
    const both = await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, title: 'x', removeImage: 'on', imageAlt: 'Ein anderes Bild vom Bus' }, file(await jpeg(10))).catch((e: unknown) => e);
    expect((both as ValidationError).fields).toEqual({ title: 'error_required', removeImage: 'error_image_remove_or_replace' });
    const notAnImage = await app.ideas.edit(author, ctx, ideasOf(), idea.id, { ...valid, imageAlt: 'Ein anderes Bild vom Bus' }, new File(['<svg/>'], 'x.jpg', { type: 'image/jpeg' })).catch((e: unknown) => e);
    expect((notAnImage as ValidationError).fields).toEqual({ image: 'error_photo_type' });
    expect(await row(idea.id)).toEqual(before.idea);
    expect(await imageOf(idea.id)).toEqual(before.image);
    expect(await revisionsOf(idea.id)).toHaveLength(before.revisions);
    expect(await editsOf(idea.id)).toHaveLength(before.edits);
  });

  it('lets the town’s moderators edit any idea, marked as the moderation’s edit', async () => {
    await app.ideas.edit(moderator, ctx, ideasOf(), idea.id, { ...valid, body: 'Ein Bürgerbus fährt zweimal am Tag in die Ortsteile (Name der Person entfernt).', imageAlt: 'Ein Bus am Marktplatz' });
    const [revision] = await revisionsOf(idea.id);
    expect(revision).toMatchObject({ byModeration: true, editedBy: moderator.userId });
    expect((await app.ideas.get(null, ctx, ideasOf(), idea.id)).editedByModeration).toBe(true);
    expect((await app.ideas.revisions(moderator, ctx, ideasOf(), idea.id))[0]!.body).toBe(valid.body);
    await expect(app.ideas.revisions(author, ctx, ideasOf(), idea.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(idea.id)).authorId).toBe(author.userId);
  });

  it('refuses other citizens, visitors and the moderators of another town, and changes nothing', async () => {
    const before = await row(idea.id);
    for (const actor of [neighbour, null, foreignModerator]) {
      await expect(app.ideas.edit(actor, ctx, ideasOf(), idea.id, { ...valid, title: 'Übernommen' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(app.ideas.editForm(actor, ctx, ideasOf(), idea.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Malente's moderator cannot reach Kastellaun's idea through a Malente process either.
    const malente = await app.processes.load(foreignModerator, 'malente', 'malente-2030');
    const malenteIdeas = malente.components.find((c) => c.type === 'ideas')!;
    await expect(app.ideas.edit(foreignModerator, malente, malenteIdeas, idea.id, { ...valid, title: 'Übernommen' })).rejects.toThrow(/Not found/);
    // An idea submitted without an account (access link) has no owner to edit it.
    const viaLink = await app.ideas.submit(null, ctx, ideasOf(), { ...valid, title: 'Über den QR-Code' }, { viaLink: true, key: 'link-1' });
    await expect(app.ideas.edit(null, ctx, ideasOf(), viaLink.id, { ...valid, title: 'Geändert' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await row(idea.id)).toEqual(before);
  });

  it('closes editing for authors when the phase stops collecting ideas; moderators keep it', async () => {
    await app.processes.setCurrentPhase(admin, 'kastellaun', 'kastellaun-2040', { phaseId: ctx.phases[3]!.id });
    const later = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
    const component = later.components.find((c) => c.type === 'ideas')!;
    expect(app.processes.can(author, later, component, 'ideas:submit')).toBe(false);
    await expect(app.ideas.edit(author, later, component, idea.id, { ...valid, title: 'Zu spät geändert', imageAlt: 'Ein Bus am Marktplatz' })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await app.ideas.get(author, later, component, idea.id)).mayEdit).toBe(false);
    const edited = await app.ideas.edit(moderator, later, component, idea.id, { ...valid, title: 'Bürgerbus (umgesetzt)', imageAlt: 'Ein Bus am Marktplatz' });
    expect(edited.title).toBe('Bürgerbus (umgesetzt)');
    await app.processes.setCurrentPhase(admin, 'kastellaun', 'kastellaun-2040', { phaseId: ctx.phases[2]!.id });
  });

  it('keeps the `owner` grant to `ideas:edit` in the matrix editor and refuses it for other actions', async () => {
    const { components } = await app.processes.matrix(admin, 'kastellaun', 'kastellaun-2040');
    const ideasMatrix = components.find((c) => c.component.type === 'ideas')!;
    expect(ideasMatrix.actions.find((a) => a.action === 'edit')!.grantKinds).toContain('owner');
    expect(ideasMatrix.actions.find((a) => a.action === 'submit')!.grantKinds).not.toContain('owner');
    const phaseId = ctx.currentPhase!.id;
    const error = await app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', { [`g|${ideasMatrix.component.id}|${phaseId}|submit|owner`]: 'on' }).catch((e: unknown) => e);
    expect((error as ValidationError).fields).toEqual({ _form: 'error_invalid' });
    // Nor can a town admin let everyone, every logged-in person or access-link holders edit every idea.
    for (const grant of ['anyone', 'user', 'link', 'member']) {
      expect(ideasMatrix.actions.find((a) => a.action === 'edit')!.grantKinds).not.toContain(grant);
      const refused = await app.processes.setMatrix(admin, 'kastellaun', 'kastellaun-2040', { [`g|${ideasMatrix.component.id}|${phaseId}|edit|${grant}`]: 'on' }).catch((e: unknown) => e);
      expect((refused as ValidationError).fields, grant).toEqual({ _form: 'error_invalid' });
    }
  });

  it('gives processes from before `ideas:edit` the rule through the custom migration', async () => {
    const component = ideasOf();
    await app.db.delete(componentPermissions).where(and(eq(componentPermissions.componentId, component.id), eq(componentPermissions.action, 'edit')));
    const statements = readFileSync(new URL('../drizzle/0016_ideas_edit_grants.sql', import.meta.url), 'utf8').split('--> statement-breakpoint');
    for (const statement of statements) await app.db.execute(sql.raw(statement));
    const rows = await app.db.select().from(componentPermissions).where(and(eq(componentPermissions.componentId, component.id), eq(componentPermissions.action, 'edit')));
    const byPhase = new Map(rows.map((r) => [r.phaseId, r.grants]));
    // Szenariowerkstatt: ideas are submitted in phases 2 and 3 (index 1, 2), not in preparation or afterwards.
    expect(ctx.phases.map((p) => byPhase.get(p.id)?.includes('owner'))).toEqual([false, true, true, false]);
    expect(ctx.phases.every((p) => byPhase.get(p.id)?.includes('moderator'))).toBe(true);
  });

  it('lists and exports the same columns, with the time of the last edit', async () => {
    const list = await app.ideas.list(null, ctx, ideasOf(), {});
    const listed = list.items.find((i) => i.id === idea.id)!;
    expect(listed.editedAt).toBeInstanceOf(Date);
    expect(listed.supportCount).toBe(1);
    const csv = await app.ideas.exportCsv(moderator, ctx, ideasOf(), 'de');
    const [header, ...lines] = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toBe('ID;Titel;Text;Handlungsfeld;Status;Begründung des Status;Unterstützungen;Kommentare;Eingereicht;Bearbeitet;Ort;Pseudonym;Ausgeblendet;Grund der Ausblendung');
    const line = lines.find((l) => l.startsWith(idea.id))!;
    expect(line.split(';')[9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const fresh = lines.find((l) => l.includes('Über den QR-Code'))!;
    expect(fresh.split(';')[9]).toBe('');
  });
});
