import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { towns } from '../../towns/server/schema.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import { tenPoints } from '../taxonomy.ts';
import { academyCheckAnswers, academyChecks } from './schema.ts';
import type { AcademyService } from './service.ts';
import { checkSchema } from './validation.ts';
import { recordAudit } from '../../audit/server/record.ts';

/** A rating of 1 or 2 (of 4) marks a weak point. */
export const WEAK = 2;

/**
 * The Kleinstadt-Check: the seed's ten points as a self-assessment a town team fills in together. Each check is
 * kept, so a town sees its course over time; weak points come with knowledge-base entries that help.
 */
export function createCheckService(deps: { db: Db; academy: AcademyService; towns: TownDirectory }) {
  const { db, academy, towns: townDirectory } = deps;

  const requireTown = (slug: string) => townDirectory.ref(slug);

  return {
    /** Stores one self-assessment (town admins and moderators of the town). */
    async submit(actor: Actor | null, townSlug: string, input: unknown) {
      const town = await requireTown(townSlug);
      authorize(actor, 'academy.check', town.id);
      const data = parseOrThrow(checkSchema, input);
      return db.transaction(async (tx) => {
        const [check] = await tx.insert(academyChecks).values({ townId: town.id, createdBy: actor!.userId, team: data.team }).returning();
        await tx.insert(academyCheckAnswers).values(data.answers.map((a) => ({ checkId: check!.id, point: a.point, rating: a.rating, note: a.note })));
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'academy.check_submitted' });
        return check!;
      });
    },

    /**
     * The town's checks over time (members of the town), the latest ratings per point, and for each weak point of
     * the latest check the knowledge-base entries that help.
     */
    async history(actor: Actor | null, townSlug: string) {
      const town = await requireTown(townSlug);
      authorize(actor, 'academy.viewCheck', town.id);
      const checks = await db.select().from(academyChecks).where(eq(academyChecks.townId, town.id)).orderBy(asc(academyChecks.createdAt));
      const answers = checks.length
        ? await db.select().from(academyCheckAnswers).where(inArray(academyCheckAnswers.checkId, checks.map((c) => c.id)))
        : [];
      const series = checks.map((c) => ({
        id: c.id,
        createdAt: c.createdAt,
        team: c.team,
        ratings: Object.fromEntries(answers.filter((a) => a.checkId === c.id).map((a) => [a.point, { rating: a.rating, note: a.note }])) as Record<number, { rating: number; note: string }>,
      }));
      const latest = series.at(-1) ?? null;
      const help: Record<number, { slug: string; title: string; kind: string }[]> = {};
      if (latest) {
        for (const point of tenPoints) {
          const rating = latest.ratings[point.n]?.rating;
          if (rating !== undefined && rating <= WEAK) {
            // Any word of the point's search words may match (OR), so each weak point gets suggestions.
            const found = await Promise.all(point.query.split(' ').map((word) => academy.search({ q: word })));
            const seen = new Map<string, { slug: string; title: string; kind: string }>();
            for (const r of found) for (const h of r.hits.slice(0, 3)) if (!seen.has(h.slug)) seen.set(h.slug, { slug: h.slug, title: h.title, kind: h.kind });
            help[point.n] = [...seen.values()].slice(0, 4);
          }
        }
      }
      return { town, checks: series.reverse(), latest, help };
    },

    /** Whether the town has any check (for links). */
    async latestDate(townId: string) {
      const [row] = await db.select({ createdAt: academyChecks.createdAt }).from(academyChecks).where(and(eq(academyChecks.townId, townId))).orderBy(desc(academyChecks.createdAt)).limit(1);
      return row?.createdAt ?? null;
    },
  };
}
