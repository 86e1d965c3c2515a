import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as m from '../../../paraglide/messages.js';
import type { Db, Tx } from '../../../server/db/client.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { recordAudit } from '../../audit/server/service.ts';
import type { Mailer } from '../../mail/server/outbox.ts';
import { deliveryModes, notificationKinds, notificationQueue, notificationSettings, signingKeys, type DeliveryMode, type NotificationKind } from './schema.ts';

/** What a notification says; `link` (absolute URL) is appended to the text. */
export interface NotificationMessage {
  subject: string;
  text: string;
  link?: string;
  /**
   * A one-click link that ends exactly what this mail is about (e.g. following one project), used as the mail's
   * RFC 8058 `List-Unsubscribe` instead of switching the whole kind off. The page behind it must take a POST without
   * a session (see cli/serve.ts). Put the link into `text` as well, so it survives in digests.
   */
  listUnsubscribe?: string;
  /** The outbox label of the single mail (e.g. "event_reminder"); the notification kind when absent. */
  mailKind?: string;
  /**
   * Makes the message time-bound: the moment it stops being of use, e.g. the start of the event a reminder is about.
   * A time-bound message is never held for a digest (a daily or weekly digest could arrive after the event, and a
   * reminder after the event is worse than none): it goes out as a single mail now, also to people who chose a
   * digest — their kinds still decide whether it goes out at all — and once the moment has passed it is dropped.
   */
  expiresAt?: Date;
}
/** A message, or one built in the recipient's language. */
export type MessageSource = NotificationMessage | ((recipient: { locale: 'de' | 'en'; displayName: string }) => NotificationMessage);
export type NotifyResult = 'sent' | 'queued' | 'skipped';

const DAY_MS = 86_400_000;
const PERIOD_MS: Record<Exclude<DeliveryMode, 'immediate'>, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

const settingsSchema = z.object({
  delivery: z.enum(deliveryModes, { error: 'error_delivery_invalid' }),
});

export function kindName(kind: NotificationKind | 'all', locale: 'de' | 'en'): string {
  const names = {
    invitation: m.notify_kind_invitation,
    meeting_reminder: m.notify_kind_meeting_reminder,
    idea_status: m.notify_kind_idea_status,
    project_update: m.notify_kind_project_update,
    academy: m.notify_kind_academy,
    moderation: m.notify_kind_moderation,
    report_outcome: m.notify_kind_report_outcome,
    all: m.notify_kind_all,
  } satisfies Record<NotificationKind | 'all', unknown>;
  return names[kind]({}, { locale });
}

const isKind = (v: string): v is NotificationKind => (notificationKinds as readonly string[]).includes(v);

/**
 * Notifications (module `notifications`): every mail *about* something a person follows goes through `notify`,
 * which honours the person's settings (kinds switched off; immediately, or a daily or weekly digest) and adds a
 * signed one-click unsubscribe link (RFC 8058 `List-Unsubscribe` + `List-Unsubscribe-Post`). Account mails
 * (confirmation, password reset) do not: they are not notifications and cannot be unsubscribed.
 */
export function createNotificationService(deps: { db: Db; mailer: Mailer; origin: string }) {
  const { db, mailer, origin } = deps;
  let key: Buffer | undefined;

  /**
   * The HMAC key, read (or created) with the caller's connection: PGlite has one connection, so a query on `db`
   * while the caller's transaction is open would wait for itself. A key created inside a transaction is cached only
   * once it has been read back from a committed row (a rolled-back creation must not leave a key in memory).
   */
  async function signingKey(tx: Db | Tx = db): Promise<Buffer> {
    if (key) return key;
    const [row] = await tx.select().from(signingKeys).where(eq(signingKeys.name, 'unsubscribe'));
    if (row) return (key = Buffer.from(row.secret, 'base64url'));
    await tx.insert(signingKeys).values({ name: 'unsubscribe', secret: randomBytes(32).toString('base64url') }).onConflictDoNothing();
    const [created] = await tx.select().from(signingKeys).where(eq(signingKeys.name, 'unsubscribe'));
    return Buffer.from(created!.secret, 'base64url');
  }

  /** `<payload>.<signature>`, payload = base64url("<userId>:<kind>"); the HMAC makes it unforgeable. */
  async function tokenFor(userId: string, kind: NotificationKind | 'all', tx: Db | Tx = db): Promise<string> {
    const payload = Buffer.from(`${userId}:${kind}`).toString('base64url');
    const signature = createHmac('sha256', await signingKey(tx)).update(payload).digest('base64url');
    return `${payload}.${signature}`;
  }

  /**
   * A signed token for another module's one-click link: `<payload>.<signature>`, payload = base64url of the parts
   * joined by ":", signature = HMAC over "<purpose>.<payload>" (so a token of one purpose is never valid for another,
   * nor as an unsubscribe token). The parts must not contain ":".
   */
  async function signToken(purpose: string, parts: string[], tx: Db | Tx = db): Promise<string> {
    const payload = Buffer.from(parts.join(':')).toString('base64url');
    const signature = createHmac('sha256', await signingKey(tx)).update(`${purpose}.${payload}`).digest('base64url');
    return `${payload}.${signature}`;
  }

  /** The parts of a token made by `signToken` for this purpose, or null for a forged or broken one. */
  async function verifyToken(purpose: string, token: string): Promise<string[] | null> {
    const match = /^([A-Za-z0-9_-]{10,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const expected = createHmac('sha256', await signingKey()).update(`${purpose}.${match[1]!}`).digest();
    const given = Buffer.from(match[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Buffer.from(match[1]!, 'base64url').toString().split(':');
  }

  async function verify(token: string): Promise<{ userId: string; kind: NotificationKind | 'all' } | null> {
    const match = /^([A-Za-z0-9_-]{10,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const expected = createHmac('sha256', await signingKey()).update(match[1]!).digest();
    const given = Buffer.from(match[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [userId, kind] = Buffer.from(match[1]!, 'base64url').toString().split(':');
    if (!userId || !kind || !(kind === 'all' || isKind(kind))) return null;
    return { userId, kind };
  }

  async function settingsOf(tx: Db | Tx, userId: string): Promise<{ disabled: Set<string>; delivery: DeliveryMode; lastDigestAt: Date | null }> {
    const [row] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
    return { disabled: new Set(row?.disabled ?? []), delivery: row?.delivery ?? 'immediate', lastDigestAt: row?.lastDigestAt ?? null };
  }

  const unsubscribeUrl = (token: string, locale: 'de' | 'en') => `${origin}${locale === 'en' ? '/en' : ''}/unsubscribe/${token}`;
  const settingsUrl = (locale: 'de' | 'en') => `${origin}${locale === 'en' ? '/en' : ''}/account/notifications`;

  /** The footer and RFC 8058 headers of a notification mail. */
  async function unsubscribeParts(tx: Db | Tx, userId: string, kind: NotificationKind | 'all', locale: 'de' | 'en') {
    const url = unsubscribeUrl(await tokenFor(userId, kind, tx), locale);
    return {
      footer: `\n\n-- \n${m.notify_footer({ kind: kindName(kind, locale), unsubscribe: url, settings: settingsUrl(locale) }, { locale })}`,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }

  async function notify(userId: string, kind: NotificationKind, source: MessageSource, tx: Db | Tx = db): Promise<NotifyResult> {
    const [user] = await tx.select({ email: users.email, locale: users.locale, displayName: users.displayName }).from(users).where(eq(users.id, userId));
    if (!user) return 'skipped';
    const settings = await settingsOf(tx, userId);
    if (settings.disabled.has(kind)) return 'skipped';
    const locale = user.locale === 'en' ? 'en' : 'de';
    const message = typeof source === 'function' ? source({ locale, displayName: user.displayName }) : source;
    const text = message.link ? `${message.text}\n\n${message.link}` : message.text;
    // Time-bound messages (reminders) skip the digest, and are not sent once their moment is over (see `expiresAt`).
    if (message.expiresAt && message.expiresAt.getTime() <= Date.now()) return 'skipped';
    if (settings.delivery !== 'immediate' && !message.expiresAt) {
      await tx.insert(notificationQueue).values({ userId, kind, subject: message.subject, text });
      return 'queued';
    }
    const { footer, headers } = await unsubscribeParts(tx, userId, kind, locale);
    if (message.listUnsubscribe) headers['List-Unsubscribe'] = `<${message.listUnsubscribe}>`;
    await mailer.enqueue(tx, { to: user.email, kind: message.mailKind ?? kind, subject: message.subject, text: text + footer, headers });
    return 'sent';
  }

  return {
    tokenFor,
    verify,
    signToken,
    verifyToken,

    /**
     * Tells a person about something, honouring their settings: skipped when the kind is off, a mail now, or a
     * line in the next digest — except time-bound messages (`expiresAt`, e.g. reminders), which are mailed now
     * for digest readers too, and skipped once expired. Pass the caller's transaction so the notification exists exactly when the change does.
     * This is the one function other modules call (e.g. `notify(userId, 'project_update', { subject, text, link })`).
     */
    notify,

    /**
     * For mails to an address (invitations): through `notify` when the address has an account, so its settings
     * apply; otherwise a plain mail, since there is nobody to hold settings.
     */
    async notifyAddress(email: string, kind: NotificationKind, source: MessageSource, tx: Db | Tx = db): Promise<NotifyResult> {
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
      if (user) return notify(user.id, kind, source, tx);
      const message = typeof source === 'function' ? source({ locale: 'de', displayName: '' }) : source;
      await mailer.enqueue(tx, { to: email, kind, subject: message.subject, text: message.link ? `${message.text}\n\n${message.link}` : message.text });
      return 'sent';
    },

    /** A person's settings for the settings page. */
    async settings(userId: string) {
      const s = await settingsOf(db, userId);
      return { kinds: notificationKinds.map((kind) => ({ kind, enabled: !s.disabled.has(kind) })), delivery: s.delivery };
    },

    /** Saves the settings form: a checkbox `kind_<kind>` per kind (checked = on) and `delivery`. */
    async updateSettings(userId: string, input: Record<string, string>): Promise<void> {
      const { delivery } = parseOrThrow(settingsSchema, input);
      const disabled = notificationKinds.filter((kind) => !input[`kind_${kind}`]);
      await db.transaction(async (tx) => {
        await tx
          .insert(notificationSettings)
          .values({ userId, disabled, delivery })
          .onConflictDoUpdate({ target: notificationSettings.userId, set: { disabled, delivery, updatedAt: new Date() } });
        await recordAudit(tx, { actorId: userId, action: 'notifications.settings_changed', details: { disabled, delivery } });
      });
    },

    /** What an unsubscribe link would do (for the confirmation page), or null for a forged or broken link. */
    async describe(token: string) {
      const found = await verify(token);
      if (!found) return null;
      const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, found.userId));
      if (!user) return null;
      return { kind: found.kind, email: user.email };
    },

    /** Switches the link's kind off (or, for `all`, every kind). Idempotent; false for a bad link. */
    async unsubscribe(token: string): Promise<{ kind: NotificationKind | 'all' } | null> {
      const found = await verify(token);
      if (!found) return null;
      return db.transaction(async (tx) => {
        const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, found.userId));
        if (!user) return null;
        const current = await settingsOf(tx, found.userId);
        const disabled = found.kind === 'all' ? [...notificationKinds] : [...new Set([...current.disabled, found.kind])];
        await tx
          .insert(notificationSettings)
          .values({ userId: found.userId, disabled })
          .onConflictDoUpdate({ target: notificationSettings.userId, set: { disabled, updatedAt: new Date() } });
        await recordAudit(tx, { actorId: found.userId, action: 'notifications.unsubscribed', details: { kind: found.kind } });
        return { kind: found.kind };
      });
    },

    /**
     * Sends the digests that are due (housekeeping, or `kleinstadt send-digests`): one mail per person whose last
     * digest is at least a day (daily) or a week (weekly) ago — with no digest yet, counted from the oldest waiting
     * notification. Each person in their own transaction: the mail and the "digested" mark commit together.
     */
    async sendDigests(now: Date = new Date()): Promise<{ sent: number }> {
      const waiting = await db
        .select({ userId: notificationQueue.userId, oldest: sql<Date>`min(${notificationQueue.createdAt})`.mapWith((v: string | Date) => new Date(v)) })
        .from(notificationQueue)
        .where(isNull(notificationQueue.digestedAt))
        .groupBy(notificationQueue.userId);
      let sent = 0;
      for (const { userId, oldest } of waiting) {
        const done = await db.transaction(async (tx) => {
          const settings = await settingsOf(tx, userId);
          // Someone who switched back to "immediately" gets what is waiting as one last digest right away.
          const period = settings.delivery === 'immediate' ? 0 : PERIOD_MS[settings.delivery];
          const since = settings.lastDigestAt ?? oldest;
          if (now.getTime() - since.getTime() < period) return false;
          const [user] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId));
          const items = await tx
            .select()
            .from(notificationQueue)
            .where(and(eq(notificationQueue.userId, userId), isNull(notificationQueue.digestedAt)))
            .orderBy(asc(notificationQueue.createdAt))
            .for('update', { skipLocked: true });
          if (!user || items.length === 0) return false;
          const locale = user.locale === 'en' ? 'en' : 'de';
          const wanted = items.filter((i) => !settings.disabled.has(i.kind));
          if (wanted.length) {
            const body = wanted.map((i, n) => `${n + 1}. ${i.subject}\n\n${i.text}`).join('\n\n----------\n\n');
            const { footer, headers } = await unsubscribeParts(tx, userId, 'all', locale);
            const subject = settings.delivery === 'weekly' ? m.notify_digest_weekly_subject({ count: wanted.length }, { locale }) : m.notify_digest_daily_subject({ count: wanted.length }, { locale });
            await mailer.enqueue(tx, { to: user.email, kind: 'digest', subject, text: `${m.notify_digest_intro({ count: wanted.length }, { locale })}\n\n${body}${footer}`, headers });
          }
          await tx.update(notificationQueue).set({ digestedAt: now }).where(inArray(notificationQueue.id, items.map((i) => i.id)));
          await tx
            .insert(notificationSettings)
            .values({ userId, lastDigestAt: now })
            .onConflictDoUpdate({ target: notificationSettings.userId, set: { lastDigestAt: now } });
          return wanted.length > 0;
        });
        if (done) sent++;
      }
      // Digested notifications are kept a month for the person's data export, then dropped.
      await db.delete(notificationQueue).where(sql`${notificationQueue.digestedAt} < ${new Date(now.getTime() - 30 * DAY_MS)}`);
      return { sent };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
