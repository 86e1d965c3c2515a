import { and, asc, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db, Tx } from '../../../server/db/client.ts';
import { outbox } from './schema.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What the mail is for (confirm_email, reset_password, invitation …), for the admin list and tests. */
  kind: string;
  /** Extra headers (List-Unsubscribe …); only `List-*` headers are passed on. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Stores a mail in the outbox, inside the caller's transaction, so a rolled-back action sends nothing. */
  enqueue(tx: Db | Tx, mail: OutgoingMail): Promise<void>;
  /** Delivers pending mails over SMTP; without SMTP it does nothing (mails stay readable in the outbox). */
  dispatch(): Promise<{ sent: number; failed: number }>;
  /** The newest mails, for the admin page. */
  list(limit?: number): Promise<(typeof outbox.$inferSelect)[]>;
  readonly smtpConfigured: boolean;
}

const MAX_ATTEMPTS = 5;

/** Only `List-*` headers (RFC 2369/8058) may be set by callers; values lose line breaks (no header injection). */
function listHeaders(headers: Record<string, string> | null | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const safe = Object.entries(headers).filter(([name]) => /^List-[A-Za-z-]+$/.test(name)).map(([name, value]) => [name, value.replace(/[\r\n]+/g, ' ')]);
  return safe.length ? Object.fromEntries(safe) : undefined;
}

/** Creates the outbox mailer; `transport` is a nodemailer transport when SMTP is configured. */
export function createMailer(deps: { db: Db; from: string; transport?: Transporter | undefined }): Mailer {
  const { db, from, transport } = deps;
  let dispatching: Promise<{ sent: number; failed: number }> | null = null;

  async function dispatchOnce(): Promise<{ sent: number; failed: number }> {
    if (!transport) return { sent: 0, failed: 0 };
    const pending = await db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.sentAt), lt(outbox.attempts, MAX_ATTEMPTS)))
      .orderBy(asc(outbox.createdAt))
      .limit(50);
    let sent = 0;
    let failed = 0;
    for (const mail of pending) {
      try {
        await transport.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.textBody, headers: listHeaders(mail.headers) });
        await db.update(outbox).set({ sentAt: new Date(), attempts: mail.attempts + 1, lastError: null }).where(eq(outbox.id, mail.id));
        sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db.update(outbox).set({ attempts: mail.attempts + 1, lastError: message.slice(0, 500) }).where(eq(outbox.id, mail.id));
        failed++;
      }
    }
    return { sent, failed };
  }

  return {
    smtpConfigured: Boolean(transport),
    async enqueue(tx, mail) {
      await tx.insert(outbox).values({ recipient: mail.to, subject: mail.subject, textBody: mail.text, kind: mail.kind, headers: mail.headers ?? null });
    },
    dispatch() {
      // One dispatch at a time; callers that arrive during a run share its result.
      dispatching ??= dispatchOnce().finally(() => {
        dispatching = null;
      });
      return dispatching;
    },
    list(limit = 100) {
      return db.select().from(outbox).orderBy(desc(outbox.createdAt), sql`${outbox.id} desc`).limit(limit);
    },
  };
}

/** Builds a nodemailer SMTP transport from an smtp:// or smtps:// URL. */
export async function smtpTransport(url: string): Promise<Transporter> {
  const nodemailer = await import('nodemailer');
  return nodemailer.createTransport(url);
}
