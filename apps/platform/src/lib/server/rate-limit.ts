import { sql } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { rateLimits } from './db/schema.ts';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (only meaningful when not allowed). */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt for `key` in a fixed window stored in the database (so it holds across server processes and
 * restarts) and says whether the attempt is within `limit`.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const interval = sql.raw(`interval '${Math.floor(windowSeconds)} seconds'`);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - ${interval} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - ${interval} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`greatest(0, extract(epoch from (${rateLimits.windowStart} + ${interval} - now())))::int`,
    });
  const count = row?.count ?? 1;
  return { allowed: count <= limit, retryAfterSeconds: Number(row?.retryAfter ?? windowSeconds) };
}

/** Reads the count of `key` in its current window without counting an attempt (0 when none or expired). */
export async function peekRateLimit(db: Db, key: string, windowSeconds: number): Promise<RateLimitResult & { count: number }> {
  const interval = sql.raw(`interval '${Math.floor(windowSeconds)} seconds'`);
  const [row] = await db
    .select({
      count: rateLimits.count,
      retryAfter: sql<number>`greatest(0, extract(epoch from (${rateLimits.windowStart} + ${interval} - now())))::int`,
    })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowStart} >= now() - ${interval}`);
  return { count: row?.count ?? 0, allowed: true, retryAfterSeconds: Number(row?.retryAfter ?? 0) };
}

/** Removes expired counters; called from the periodic housekeeping. */
export async function pruneRateLimits(db: Db, olderThanSeconds = 86_400): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < now() - ${sql.raw(`interval '${Math.floor(olderThanSeconds)} seconds'`)}`);
}
