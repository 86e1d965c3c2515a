import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { parseOrThrow, ValidationError } from '../../../server/validation.ts';
import { hashToken, newToken } from '../../../server/tokens.ts';
import { hitRateLimit, peekRateLimit } from '../../../server/rate-limit.ts';
import type { Mailer } from '../../mail/server/outbox.ts';
import { accountMails } from './mails.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { platformRoles, sessions, users, userTokens, type PlatformRole } from './schema.ts';
import { auditLog } from '../../audit/server/schema.ts';
import { memberships, invitations } from '../../towns/server/schema.ts';
import { outbox } from '../../mail/server/schema.ts';
import {
  emailOnlySchema,
  loginSchema,
  passwordChangeSchema,
  profileSchema,
  registrationSchema,
  resetSchema,
} from './validation.ts';
import { forgetPersonInAudit, recordAudit } from '../../audit/server/record.ts';

export type User = typeof users.$inferSelect;
export type Locale = 'de' | 'en';

const SESSION_DAYS = 30;
const CONFIRM_HOURS = 48;
const RESET_HOURS = 2;
const DAY_MS = 86_400_000;
/** Login throttling (window, failures of one client on one account, failures on an account that mean "under attack"). */
const LOGIN_WINDOW_SECONDS = 900;
const LOGIN_CLIENT_ATTEMPTS = 30;
const LOGIN_PAIR_FAILURES = 10;
const LOGIN_ACCOUNT_UNDER_ATTACK = 10;

/** Outcome of a login attempt; the route maps each to a localized message. */
export type LoginResult =
  | { ok: true; token: string; user: User; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'unconfirmed' | 'rate_limited'; retryAfterSeconds?: number };

/**
 * Personal data another module stores about a person (each component type's provider, wired in the composition
 * root): part of the export under `name`, and erased or anonymised inside the deletion's transaction, before the
 * account row goes.
 */
export interface PersonalDataSource {
  name: string;
  collect(userId: string): Promise<Record<string, unknown[]>>;
  erase(tx: Tx, userId: string): Promise<void>;
}

/**
 * `origin` is the configured public origin (PUBLIC_ORIGIN): every link in a mail is built from it, never from the
 * request, so a forged Host header cannot send a victim a reset link to another site.
 */
export function createAccountService(deps: { db: Db; mailer: Mailer; origin: string }) {
  const personalDataSources: PersonalDataSource[] = [];
  const { db, mailer, origin } = deps;

  async function issueToken(tx: Db | Parameters<Parameters<Db['transaction']>[0]>[0], userId: string, purpose: 'confirm_email' | 'reset_password', hours: number) {
    const token = newToken();
    await tx.insert(userTokens).values({ id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + hours * 3_600_000) });
    return token;
  }

  /** Takes a valid, unused token of `purpose` and marks it used; returns its user id or null. */
  async function consumeToken(token: string, purpose: 'confirm_email' | 'reset_password', tx: Db | Parameters<Parameters<Db['transaction']>[0]>[0]) {
    const [row] = await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(userTokens.id, hashToken(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())))
      .returning({ userId: userTokens.userId });
    return row?.userId ?? null;
  }

  /** Ends every unused reset link of a person: after a reset or a password change, no older link may work. */
  async function endResetTokens(tx: Tx, userId: string) {
    await tx.update(userTokens).set({ usedAt: new Date() }).where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, 'reset_password'), isNull(userTokens.usedAt)));
  }

  async function createSession(userId: string) {
    const token = newToken();
    const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
    await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
    return { token, expiresAt };
  }

  return {
    /** Display names of people by id (for the audit log in words). */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...ids]));
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /**
     * Registers a person and mails a confirmation link. When the address is taken, the owner gets a notice
     * instead, and the caller sees the same answer, so registration does not reveal who has an account.
     */
    async register(input: unknown, clientKey: string): Promise<{ rateLimited: boolean }> {
      const data = parseOrThrow(registrationSchema, input);
      const limit = await hitRateLimit(db, `register:${clientKey}`, 10, 3600);
      if (!limit.allowed) return { rateLimited: true };
      await db.transaction(async (tx) => {
        const [existing] = await tx.select().from(users).where(eq(users.email, data.email));
        if (existing) {
          await mailer.enqueue(tx, accountMails.alreadyRegistered(existing, origin));
          return;
        }
        const [user] = await tx
          .insert(users)
          .values({ email: data.email, displayName: data.displayName, passwordHash: await hashPassword(data.password), locale: data.locale })
          .returning();
        if (!user) throw new Error('insert returned no row');
        const token = await issueToken(tx, user.id, 'confirm_email', CONFIRM_HOURS);
        await mailer.enqueue(tx, accountMails.confirm(user, origin, token));
        await recordAudit(tx, { actorId: user.id, action: 'account.registered' });
      });
      return { rateLimited: false };
    },

    /** Confirms an email address with the mailed token. */
    async confirmEmail(token: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const userId = await consumeToken(token, 'confirm_email', tx);
        if (!userId) return false;
        await tx.update(users).set({ emailVerifiedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, userId));
        return true;
      });
    },

    /** Sends the confirmation mail again (if the account exists and is unconfirmed). */
    async resendConfirmation(input: unknown, clientKey: string): Promise<{ rateLimited: boolean }> {
      const { email } = parseOrThrow(emailOnlySchema, input);
      const limit = await hitRateLimit(db, `resend:${clientKey}`, 5, 3600);
      if (!limit.allowed) return { rateLimited: true };
      await db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.email, email));
        if (!user || user.emailVerifiedAt) return;
        const token = await issueToken(tx, user.id, 'confirm_email', CONFIRM_HOURS);
        await mailer.enqueue(tx, accountMails.confirm(user, origin, token));
      });
      return { rateLimited: false };
    },

    /** Checks credentials (rate-limited per address and per client) and opens a session. */
    async login(input: unknown, clientKey: string): Promise<LoginResult> {
      const data = parseOrThrow(loginSchema, input);
      // Failures count per account and per client on that account, so a stranger's wrong guesses never lock the
      // owner out: a client that has not failed on an account always gets its password checked. A client that keeps
      // failing is stopped; once an account is under attack, every client that has failed on it is stopped.
      const pairKey = `login:fail:${data.email}:${clientKey}`;
      const accountKey = `login:fail:${data.email}`;
      const client = await hitRateLimit(db, `login:client:${clientKey}`, LOGIN_CLIENT_ATTEMPTS, LOGIN_WINDOW_SECONDS);
      if (!client.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: client.retryAfterSeconds };
      const [pair, account] = await Promise.all([peekRateLimit(db, pairKey, LOGIN_WINDOW_SECONDS), peekRateLimit(db, accountKey, LOGIN_WINDOW_SECONDS)]);
      if (pair.count >= LOGIN_PAIR_FAILURES || (pair.count > 0 && account.count >= LOGIN_ACCOUNT_UNDER_ATTACK)) {
        return { ok: false, reason: 'rate_limited', retryAfterSeconds: pair.retryAfterSeconds };
      }
      const [user] = await db.select().from(users).where(eq(users.email, data.email));
      const valid = await verifyPassword(user?.passwordHash, data.password);
      if (!user || !valid) {
        await hitRateLimit(db, pairKey, LOGIN_PAIR_FAILURES, LOGIN_WINDOW_SECONDS);
        await hitRateLimit(db, accountKey, LOGIN_ACCOUNT_UNDER_ATTACK, LOGIN_WINDOW_SECONDS);
        return { ok: false, reason: 'invalid' };
      }
      if (!user.emailVerifiedAt) return { ok: false, reason: 'unconfirmed' };
      const session = await createSession(user.id);
      await recordAudit(db, { actorId: user.id, action: 'account.login' });
      return { ok: true, token: session.token, user, expiresAt: session.expiresAt };
    },

    /** Looks up the session of a cookie token; extends it when half of its lifetime has passed. */
    async validateSession(token: string): Promise<{ user: User; expiresAt: Date; renewed: boolean } | null> {
      const id = hashToken(token);
      const [row] = await db
        .select({ user: users, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id));
      if (!row) return null;
      if (row.expiresAt.getTime() <= Date.now()) {
        await db.delete(sessions).where(eq(sessions.id, id));
        return null;
      }
      if (row.expiresAt.getTime() - Date.now() < (SESSION_DAYS / 2) * DAY_MS) {
        const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
        await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
        return { user: row.user, expiresAt, renewed: true };
      }
      return { user: row.user, expiresAt: row.expiresAt, renewed: false };
    },

    async logout(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
    },

    /** Mails a reset link if the address has an account; answers the same either way. */
    async requestPasswordReset(input: unknown, clientKey: string): Promise<{ rateLimited: boolean }> {
      const { email } = parseOrThrow(emailOnlySchema, input);
      const limit = await hitRateLimit(db, `reset:${clientKey}`, 5, 3600);
      if (!limit.allowed) return { rateLimited: true };
      await db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.email, email));
        if (!user) return;
        const token = await issueToken(tx, user.id, 'reset_password', RESET_HOURS);
        await mailer.enqueue(tx, accountMails.reset(user, origin, token));
      });
      return { rateLimited: false };
    },

    /** Is this reset token still usable? (for showing the form or an error) */
    async resetTokenValid(token: string): Promise<boolean> {
      const [row] = await db
        .select({ id: userTokens.id })
        .from(userTokens)
        .where(and(eq(userTokens.id, hashToken(token)), eq(userTokens.purpose, 'reset_password'), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())));
      return Boolean(row);
    },

    /** Sets a new password with a reset token; ends all sessions of the account. Confirms the address too. */
    async resetPassword(token: string, input: unknown): Promise<boolean> {
      const data = parseOrThrow(resetSchema, input);
      const passwordHash = await hashPassword(data.password);
      return db.transaction(async (tx) => {
        const userId = await consumeToken(token, 'reset_password', tx);
        if (!userId) return false;
        await tx
          .update(users)
          .set({ passwordHash, updatedAt: new Date(), emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
          .where(eq(users.id, userId));
        await tx.delete(sessions).where(eq(sessions.userId, userId));
        await endResetTokens(tx, userId);
        await recordAudit(tx, { actorId: userId, action: 'account.password_reset' });
        return true;
      });
    },

    async updateProfile(userId: string, input: unknown): Promise<User> {
      const data = parseOrThrow(profileSchema, input);
      const [user] = await db.update(users).set({ ...data, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
      if (!user) throw new Error('user not found');
      return user;
    },

    /** Changes the password after checking the current one; ends the account's other sessions. */
    async changePassword(userId: string, input: unknown, keepSessionToken: string): Promise<void> {
      const data = parseOrThrow(passwordChangeSchema, input);
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
        throw new ValidationError({ currentPassword: 'error_password_wrong' });
      }
      const passwordHash = await hashPassword(data.password);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
        await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${hashToken(keepSessionToken)}`));
        await endResetTokens(tx, userId);
        await recordAudit(tx, { actorId: userId, action: 'account.password_changed' });
      });
    },

    /** Everything the platform stores about a person, as JSON (GDPR Art. 15/20). */
    async exportData(userId: string) {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user) throw new Error('user not found');
      const { passwordHash: _omitted, ...profile } = user;
      const [roles, sessionRows, invitationsSent, mails, activity] = await Promise.all([
        db.select().from(memberships).where(eq(memberships.userId, userId)),
        db.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, userId)),
        db.select({ email: invitations.email, role: invitations.role, townId: invitations.townId, createdAt: invitations.createdAt }).from(invitations).where(eq(invitations.invitedBy, userId)),
        db.select({ subject: outbox.subject, kind: outbox.kind, createdAt: outbox.createdAt, sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.recipient, user.email)),
        db.select({ at: auditLog.at, action: auditLog.action, townId: auditLog.townId }).from(auditLog).where(eq(auditLog.actorId, userId)),
      ]);
      const contributions: Record<string, Record<string, unknown[]>> = {};
      for (const source of personalDataSources) contributions[source.name] = await source.collect(userId);
      return { exportedAt: new Date().toISOString(), profile, memberships: roles, sessions: sessionRows, invitationsSent, mails, activity, contributions };
    },

    /** Adds a module's personal data to the export and the deletion. */
    addPersonalDataSource(source: PersonalDataSource): void {
      personalDataSources.push(source);
    },

    /**
     * Deletes the account after checking the password: sessions, tokens, roles and registrations go with it; the
     * audit log keeps no reference. Contributions (ideas, comments, story versions, supports) stay, anonymised: their
     * author columns are set to null by the foreign keys, and the registered hooks mark what must read
     * "gelöschte Person".
     */
    async deleteAccount(userId: string, password: string): Promise<void> {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user || !(await verifyPassword(user.passwordHash, password))) {
        throw new ValidationError({ password: 'error_password_wrong' });
      }
      await db.transaction(async (tx) => {
        for (const source of personalDataSources) await source.erase(tx, userId);
        await forgetPersonInAudit(tx, { userId, email: user.email });
        await tx.delete(invitations).where(eq(invitations.email, user.email));
        await tx.delete(outbox).where(eq(outbox.recipient, user.email));
        await tx.delete(users).where(eq(users.id, userId));
        await recordAudit(tx, { actorId: null, action: 'account.deleted' });
      });
    },

    /** Creates a confirmed platform admin, or makes an existing account one (CLI `create-admin`). */
    async createPlatformAdmin(input: { email: string; password: string; displayName: string }): Promise<{ user: User; created: boolean }> {
      const data = parseOrThrow(registrationSchema, { ...input, passwordRepeat: input.password, locale: 'de' });
      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(users).where(eq(users.email, data.email));
        if (existing) {
          const [user] = await tx
            .update(users)
            .set({ isPlatformAdmin: true, emailVerifiedAt: existing.emailVerifiedAt ?? new Date(), updatedAt: new Date() })
            .where(eq(users.id, existing.id))
            .returning();
          await recordAudit(tx, { actorId: existing.id, action: 'account.promoted_platform_admin' });
          return { user: user!, created: false };
        }
        const [user] = await tx
          .insert(users)
          .values({ email: data.email, displayName: data.displayName, passwordHash: await hashPassword(data.password), isPlatformAdmin: true, emailVerifiedAt: new Date() })
          .returning();
        await recordAudit(tx, { actorId: user!.id, action: 'account.created_platform_admin' });
        return { user: user!, created: true };
      });
    },

    /** The platform-wide roles of a user (besides the admin flag), for the request's Actor. */
    async platformRolesOf(userId: string): Promise<Set<PlatformRole>> {
      const rows = await db.select({ role: platformRoles.role }).from(platformRoles).where(eq(platformRoles.userId, userId));
      return new Set(rows.map((r) => r.role));
    },

    /**
     * Creates a confirmed account without mail (demo content, CLI). Returns the existing account if the address is
     * already registered.
     */
    async createConfirmedUser(input: { email: string; password: string; displayName: string }): Promise<User> {
      const data = parseOrThrow(registrationSchema, { ...input, passwordRepeat: input.password, locale: 'de' });
      const [existing] = await db.select().from(users).where(eq(users.email, data.email));
      if (existing) return existing;
      const [user] = await db
        .insert(users)
        .values({ email: data.email, displayName: data.displayName, passwordHash: await hashPassword(data.password), emailVerifiedAt: new Date() })
        .returning();
      return user!;
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      return user;
    },

    /** Removes expired sessions and tokens (housekeeping). */
    async prune(): Promise<void> {
      await db.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
      await db.delete(userTokens).where(sql`${userTokens.expiresAt} < now() - interval '7 days'`);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
