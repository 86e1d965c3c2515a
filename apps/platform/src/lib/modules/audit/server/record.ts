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
