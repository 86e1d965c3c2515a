import { eq } from 'drizzle-orm';
import type { App } from '../../src/lib/server/app.ts';
import type { Actor } from '../../src/lib/server/permissions.ts';
import { platformRoles, users } from '../../src/lib/modules/accounts/server/schema.ts';
import { memberships, towns } from '../../src/lib/modules/towns/server/schema.ts';
import type { ProcessContext } from '../../src/lib/modules/processes/server/service.ts';

export type TownRole = 'town_admin' | 'moderator' | 'member';

export interface TestActorOptions {
  /** Makes the user a member of this town (by slug), in `role` (default `member`). */
  town?: string;
  role?: TownRole;
  /** Makes the user an academy editor. */
  editor?: boolean;
  locale?: string;
  /** The name shown for the user; default the part of the address before the "@". */
  displayName?: string;
  /** False for an account whose address was never confirmed; default confirmed. */
  confirmed?: boolean;
}

/**
 * The one way tests create users: the actor for a test user, created on first use — confirmed unless told otherwise,
 * optionally a member of a town (by slug) in a role, optionally an academy editor. Calling it again for the same
 * e-mail adds roles and returns the fresh actor.
 */
export async function testActor(app: App, email: string, opts: TestActorOptions = {}): Promise<Actor> {
  let user = await app.accounts.findByEmail(email);
  user ??= (
    await app.db
      .insert(users)
      .values({
        email,
        displayName: opts.displayName ?? email.split('@')[0]!,
        passwordHash: 'not-used',
        emailVerifiedAt: opts.confirmed === false ? null : new Date(),
        ...(opts.locale ? { locale: opts.locale } : {}),
      })
      .returning()
  )[0]!;
  if (opts.town) {
    const [t] = await app.db.select().from(towns).where(eq(towns.slug, opts.town));
    await app.db.insert(memberships).values({ userId: user.id, townId: t!.id, role: opts.role ?? 'member' }).onConflictDoNothing();
  }
  if (opts.editor) await app.db.insert(platformRoles).values({ userId: user.id, role: 'academy_editor' }).onConflictDoNothing();
  return { userId: user.id, isPlatformAdmin: false, townRoles: await app.towns.rolesOf(user.id), platformRoles: await app.accounts.platformRolesOf(user.id) };
}

/**
 * The fixture most process tests start from: "Kastellaun 2040" from the Szenariowerkstatt blueprint, published,
 * in its third phase ("Ideen und Projekte", where citizens submit ideas).
 */
export async function openKastellaunProcess(app: App, admin: Actor): Promise<ProcessContext> {
  await app.processes.create(admin, 'kastellaun', { title: 'Kastellaun 2040', blueprint: 'szenariowerkstatt' });
  await app.processes.edit(admin, 'kastellaun', 'kastellaun-2040', { title: 'Kastellaun 2040', summary: '', published: 'on' });
  const ctx = await app.processes.load(null, 'kastellaun', 'kastellaun-2040');
  await app.processes.setCurrentPhase(admin, 'kastellaun', 'kastellaun-2040', { phaseId: ctx.phases[2]!.id });
  return app.processes.load(null, 'kastellaun', 'kastellaun-2040');
}
