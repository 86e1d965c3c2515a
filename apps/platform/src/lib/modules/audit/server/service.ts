import { and, count, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { users } from '../../accounts/server/schema.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import { auditLog } from './schema.ts';
import { isCalendarDate } from '../../../server/validation.ts';
import { fromBerlin } from '../../../server/berlin-time.ts';

export { recordAudit, type AuditEntry } from './record.ts';

export const AUDIT_PAGE_SIZE = 50;

const dateField = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v && isCalendarDate(v) ? v : ''));

/** Filters of the audit page (all optional; bad values are ignored rather than failing the page). */
export const auditFilterSchema = z.object({
  /** An action or an action prefix such as `idea.` or `vision.`. */
  action: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => (v && /^[a-z_]+(\.[a-z_]*)?$/.test(v) ? v : '')),
  /** Part of the acting person's name or address. */
  who: z.string().trim().max(100).optional().default(''),
  from: dateField,
  to: dateField,
  page: z
    .string()
    .optional()
    .transform((v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
    }),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The instant a day (YYYY-MM-DD) begins in Europe/Berlin; `after` days later for the end of a range. */
function berlinDayStart(day: string, after = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return fromBerlin(`${new Date(Date.UTC(year, month - 1, date + after)).toISOString().slice(0, 10)}T00:00`);
}

/** Names of things by id, from the module that owns them (processes, projects, people …). */
export type NameSource = (ids: readonly string[]) => Promise<Map<string, string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An entry's details as readable pairs: ids become the names of what they point to (or stay when it is gone). */
function readable(details: unknown, names: Map<string, string>): { key: string; value: string }[] {
  if (!details || typeof details !== 'object') return [];
  const show = (v: unknown): string => (typeof v === 'string' ? (UUID.test(v) ? (names.get(v) ?? '–') : v) : Array.isArray(v) ? v.map(show).join(', ') : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => ({ key, value: show(value) }));
}

function idsIn(value: unknown, into: Set<string>): void {
  if (typeof value === 'string' && UUID.test(value)) into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => idsIn(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => idsIn(v, into));
}

export function createAuditService(deps: { db: Db; towns: TownDirectory }) {
  const { db, towns: townDirectory } = deps;
  const nameSources: NameSource[] = [];

  return {
    /** Adds a module's names (the composition root wires them; the audit module reads no other module's tables). */
    addNameSource(source: NameSource): void {
      nameSources.push(source);
    },

    /**
     * A town's audit log, newest first, filtered and paginated (town admins only: `process.viewAudit`). Entries of
     * deleted people keep their action with no actor.
     */
    async forTown(actor: Actor | null, townSlug: string, input: Record<string, string | undefined> = {}) {
      const { id, slug, name } = await townDirectory.ref(townSlug);
      const town = { id, slug, name };
      authorize(actor, 'process.viewAudit', town.id);
      const filter = auditFilterSchema.parse(input);
      const escaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
      const where = and(
        eq(auditLog.townId, town.id),
        filter.action ? (filter.action.endsWith('.') ? like(auditLog.action, `${escaped(filter.action)}%`) : eq(auditLog.action, filter.action)) : undefined,
        filter.who ? sql`(${users.displayName} ilike ${`%${escaped(filter.who)}%`} or ${users.email} ilike ${`%${escaped(filter.who)}%`})` : undefined,
        filter.from ? gte(auditLog.at, berlinDayStart(filter.from)) : undefined,
        filter.to ? lt(auditLog.at, berlinDayStart(filter.to, 1)) : undefined,
      );
      const [{ total }] = (await db.select({ total: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(where)) as [{ total: number }];
      const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
      const page = Math.min(filter.page, pages);
      const rows = await db
        .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, details: auditLog.details, actorId: auditLog.actorId, actorName: users.displayName })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE);
      const actions = await db.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.townId, town.id)).orderBy(auditLog.action);
      const ids = new Set<string>();
      for (const row of rows) idsIn(row.details, ids);
      const names = new Map<string, string>();
      for (const source of nameSources) for (const [id, name] of await source([...ids])) names.set(id, name);
      return {
        town,
        filter: { ...filter, page },
        total,
        pages,
        rows: rows.map((r) => ({ id: r.id, at: r.at, action: r.action, actor: r.actorId ? (r.actorName ?? '') : null, details: readable(r.details, names) })),
        actions: actions.map((a) => a.action),
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
