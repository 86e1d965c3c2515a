import { and, asc, count, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../server/db/client.ts';
import type { Actor } from '../../../server/permissions.ts';
import { hashToken, newToken } from '../../../server/tokens.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { emailField } from '../../accounts/server/validation.ts';
import { municipalities } from '../../atlas/server/schema.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { towns } from '../../towns/server/schema.ts';
import * as m from '../../../paraglide/messages.js';
import { defaultIntendedMix } from './components/scenario-group.ts';
import { ageBands, backgrounds, components, genders, scenarioGroupInvitations, scenarioGroupMembers } from './schema.ts';
import type { Component, ProcessContext, ProcessService } from './service.ts';
import { recordAudit } from '../../audit/server/record.ts';

const INVITATION_DAYS = 30;
/** A group share this many percentage points below the intended or official share counts as a gap. */
export const GAP_POINTS = 10;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || (values as readonly string[]).includes(v), 'error_invalid') as unknown as z.ZodType<T[number] | null>;

const describeSchema = z.object({
  ageBand: optionalEnum(ageBands),
  gender: optionalEnum(genders),
  background: optionalEnum(backgrounds),
  ortsteil: z
    .string()
    .trim()
    .max(80, 'error_too_long')
    .optional()
    .transform((v) => (v ? v : null)),
});

export interface Share {
  key: string;
  group: number;
  groupShare: number | null;
  reference: number | null;
  gap: boolean;
}

/** Compares counts in the group with reference shares (percent); unknown answers are left out of the shares. */
export function compare(keys: readonly string[], counts: Record<string, number>, reference: Record<string, number> | null): Share[] {
  const known = keys.reduce((sum, k) => sum + (counts[k] ?? 0), 0);
  return keys.map((key) => {
    const group = counts[key] ?? 0;
    const groupShare = known ? (100 * group) / known : null;
    const ref = reference?.[key] ?? null;
    return { key, group, groupShare, reference: ref, gap: ref !== null && groupShare !== null && groupShare < ref - GAP_POINTS };
  });
}

/** No statistic shows a group of fewer people than this to anyone but the moderators. */
export const SMALLEST_SHOWN_GROUP = 5;

/**
 * A breakdown as members see it: whole, or not at all when any category holds 1 to 4 people (hiding only those
 * cells would not help: they follow from the total and the others). Moderators see every breakdown.
 */
export function protectSmallGroups(shares: Share[], moderator: boolean): Share[] | null {
  if (moderator) return shares;
  return shares.some((s) => s.group > 0 && s.group < SMALLEST_SHOWN_GROUP) ? null : shares;
}

export function createScenarioGroupService(deps: { db: Db; processes: ProcessService; notifications: NotificationService; origin: string }) {
  const { db, processes: processService, notifications, origin } = deps;
  const settingsOf = (component: Component) => component.settings as { maxMembers?: number; intendedMix?: Record<string, number> };

  async function isMember(actor: Actor | null, component: Component) {
    if (!actor) return false;
    const [row] = await db.select().from(scenarioGroupMembers).where(and(eq(scenarioGroupMembers.componentId, component.id), eq(scenarioGroupMembers.userId, actor.userId)));
    return row ?? false;
  }

  async function seatsTaken(tx: Db, component: Component) {
    const [{ members }] = (await tx.select({ members: count() }).from(scenarioGroupMembers).where(eq(scenarioGroupMembers.componentId, component.id))) as [{ members: number }];
    const [{ open }] = (await tx
      .select({ open: count() })
      .from(scenarioGroupInvitations)
      .where(and(eq(scenarioGroupInvitations.componentId, component.id), isNull(scenarioGroupInvitations.acceptedAt), gt(scenarioGroupInvitations.expiresAt, new Date())))) as [{ open: number }];
    return { members, open };
  }

  return {
    isMember,

    /** The composition and the representativeness comparison; member names only for managers and members. */
    /** A person's scenario-group memberships with their self-description, for the GDPR export. */
    async personalData(userId: string) {
      return db
        .select({ group: components.title, ageBand: scenarioGroupMembers.ageBand, gender: scenarioGroupMembers.gender, ortsteil: scenarioGroupMembers.ortsteil, background: scenarioGroupMembers.background, joinedAt: scenarioGroupMembers.joinedAt })
        .from(scenarioGroupMembers)
        .innerJoin(components, eq(components.id, scenarioGroupMembers.componentId))
        .where(eq(scenarioGroupMembers.userId, userId));
    },

    /** Removes a person's memberships and self-description (account deletion). */
    async erasePersonalData(tx: Db | Tx, userId: string): Promise<void> {
      await tx.delete(scenarioGroupMembers).where(eq(scenarioGroupMembers.userId, userId));
      // Invitations name the address they went to (accepted ones too).
      const [person] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
      if (person) await tx.delete(scenarioGroupInvitations).where(eq(scenarioGroupInvitations.email, person.email));
    },

    async overview(actor: Actor | null, ctx: ProcessContext, component: Component) {
      const me = await isMember(actor, component);
      if (!me) processService.authorize(actor, ctx, component, 'scenario_group:view');
      const canManage = processService.can(actor, ctx, component, 'scenario_group:manage');
      const rows = await db
        .select({ userId: scenarioGroupMembers.userId, displayName: users.displayName, ageBand: scenarioGroupMembers.ageBand, gender: scenarioGroupMembers.gender, background: scenarioGroupMembers.background, ortsteil: scenarioGroupMembers.ortsteil })
        .from(scenarioGroupMembers)
        .innerJoin(users, eq(users.id, scenarioGroupMembers.userId))
        .where(eq(scenarioGroupMembers.componentId, component.id))
        .orderBy(asc(users.displayName));
      const tally = (key: 'ageBand' | 'gender' | 'background') => rows.reduce<Record<string, number>>((acc, r) => (r[key] ? { ...acc, [r[key]!]: (acc[r[key]!] ?? 0) + 1 } : acc), {});
      const [official] = await db
        .select({ population: municipalities.population, male: municipalities.populationMale, female: municipalities.populationFemale, stand: municipalities.stand })
        .from(towns)
        .innerJoin(municipalities, eq(municipalities.ags, towns.ags))
        .where(eq(towns.id, ctx.town.id));
      const genderReference = official?.male && official.female ? { female: (100 * official.female) / (official.male + official.female), male: (100 * official.male) / (official.male + official.female), diverse: 0 } : null;
      const mix = settingsOf(component).intendedMix ?? defaultIntendedMix;
      const invitations = canManage
        ? await db
            .select({ id: scenarioGroupInvitations.id, email: scenarioGroupInvitations.email, expiresAt: scenarioGroupInvitations.expiresAt })
            .from(scenarioGroupInvitations)
            .where(and(eq(scenarioGroupInvitations.componentId, component.id), isNull(scenarioGroupInvitations.acceptedAt), gt(scenarioGroupInvitations.expiresAt, new Date())))
        : [];
      return {
        max: settingsOf(component).maxMembers ?? 30,
        count: rows.length,
        members: canManage || me ? rows.map((r) => ({ userId: r.userId, displayName: r.displayName, ...(canManage ? { ageBand: r.ageBand, gender: r.gender, background: r.background, ortsteil: r.ortsteil } : {}) })) : null,
        invitations,
        me: me ? { ageBand: me.ageBand, gender: me.gender, background: me.background, ortsteil: me.ortsteil } : null,
        canManage,
        gender: protectSmallGroups(compare(genders, tally('gender'), genderReference), canManage),
        genderSource: official?.stand ?? null,
        age: protectSmallGroups(compare(ageBands, tally('ageBand'), null), canManage),
        background: protectSmallGroups(compare(backgrounds, tally('background'), mix), canManage),
        unknown: {
          gender: rows.filter((r) => !r.gender).length,
          ageBand: rows.filter((r) => !r.ageBand).length,
          background: rows.filter((r) => !r.background).length,
        },
      };
    },

    /** Invites a person by mail; members plus open invitations never exceed the maximum. */
    async invite(actor: Actor | null, ctx: ProcessContext, component: Component, input: unknown): Promise<void> {
      processService.authorize(actor, ctx, component, 'scenario_group:manage');
      const { email } = parseOrThrow(z.object({ email: emailField }), input);
      const token = newToken();
      await db.transaction(async (tx) => {
        const { members, open } = await seatsTaken(tx as unknown as Db, component);
        if (members + open >= (settingsOf(component).maxMembers ?? 30)) throw new ValidationError({ email: 'error_group_full' });
        await tx.insert(scenarioGroupInvitations).values({ townId: ctx.town.id, componentId: component.id, email, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) });
        const [invitee] = await tx.select({ locale: users.locale }).from(users).where(eq(users.email, email));
        const locale = invitee?.locale === 'en' ? 'en' : 'de';
        const link = `${origin}${locale === 'en' ? '/en' : ''}/t/${ctx.town.slug}/p/${ctx.process.slug}/c/${component.id}?join=${token}`;
        // Through the invitee's notification settings when the address has an account (kind `invitation`).
        await notifications.notifyAddress(email, 'invitation', { subject: m.mail_group_invite_subject({ process: ctx.process.title }, { locale }), text: m.mail_group_invite_body({ process: ctx.process.title, town: ctx.town.name, link }, { locale }) }, tx);
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'scenario_group.invited', details: { componentId: component.id, email } });
      });
    },

    /** Accepts an invitation for the logged-in person (one-time token). */
    async accept(actor: Actor | null, ctx: ProcessContext, component: Component, token: string): Promise<boolean> {
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      return db.transaction(async (tx) => {
        const [invitation] = await tx
          .update(scenarioGroupInvitations)
          .set({ acceptedAt: new Date() })
          .where(and(eq(scenarioGroupInvitations.tokenHash, hashToken(token)), eq(scenarioGroupInvitations.componentId, component.id), isNull(scenarioGroupInvitations.acceptedAt), gt(scenarioGroupInvitations.expiresAt, new Date())))
          .returning();
        if (!invitation) return false;
        await tx.insert(scenarioGroupMembers).values({ componentId: component.id, userId: actor.userId }).onConflictDoNothing();
        await recordAudit(tx, { actorId: actor.userId, townId: ctx.town.id, action: 'scenario_group.joined', details: { componentId: component.id } });
        return true;
      });
    },

    /** A member describes themselves (every field optional). */
    async describe(actor: Actor | null, ctx: ProcessContext, component: Component, input: unknown): Promise<void> {
      if (!(await isMember(actor, component))) throw new ValidationError({ _form: 'error_not_group_member' });
      const data = parseOrThrow(describeSchema, input);
      await db.transaction(async (tx) => {
        await tx.update(scenarioGroupMembers).set(data).where(and(eq(scenarioGroupMembers.componentId, component.id), eq(scenarioGroupMembers.userId, actor!.userId)));
        // The answers themselves are personal and stay out of the log.
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'scenario_group.described', details: { componentId: component.id } });
      });
    },

    async remove(actor: Actor | null, ctx: ProcessContext, component: Component, userId: string): Promise<void> {
      const self = actor?.userId === userId;
      if (!self) processService.authorize(actor, ctx, component, 'scenario_group:manage');
      await db.transaction(async (tx) => {
        await tx.delete(scenarioGroupMembers).where(and(eq(scenarioGroupMembers.componentId, component.id), eq(scenarioGroupMembers.userId, userId)));
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: self ? 'scenario_group.left' : 'scenario_group.removed', details: { componentId: component.id, userId } });
      });
    },
  };
}

export type ScenarioGroupService = ReturnType<typeof createScenarioGroupService>;
