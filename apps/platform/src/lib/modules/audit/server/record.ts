import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { auditLog } from './schema.ts';

/** One audit entry: who (null = system or a deleted person), in which town, what, with details. */
export interface AuditEntry {
  actorId: string | null | undefined;
  townId?: string | null;
  action: string;
  details?: Record<string, unknown> | null;
}

/**
 * The one way to write the audit log: inside the caller's transaction, so the record exists exactly when the change
 * does. Its own module (it imports only the table), so every module can use it without an import cycle;
 * `test/audit-path.test.ts` fails on any other insert into the audit log.
 */
export function recordAudit(tx: Db | Tx, entry: AuditEntry) {
  return tx.insert(auditLog).values({ actorId: entry.actorId ?? null, townId: entry.townId ?? null, action: entry.action, details: entry.details ?? null });
}

/**
 * Account deletion: the audit log keeps what happened but not who — the actor reference goes, and so does the
 * person's address wherever an entry's details name it (e.g. an invitation to that address).
 */
export async function forgetPersonInAudit(tx: Db | Tx, person: { userId: string; email: string }) {
  await tx.update(auditLog).set({ actorId: null }).where(eq(auditLog.actorId, person.userId));
  await tx
    .update(auditLog)
    .set({ details: sql`${auditLog.details} - 'email'` })
    .where(sql`lower(${auditLog.details}->>'email') = lower(${person.email})`);
  await tx
    .update(auditLog)
    .set({ details: sql`${auditLog.details} - 'userId'` })
    .where(sql`${auditLog.details}->>'userId' = ${person.userId}`);
}
