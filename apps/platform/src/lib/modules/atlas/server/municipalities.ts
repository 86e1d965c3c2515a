import { asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { dataImports, municipalities } from './schema.ts';
import { modelTowns } from './demo-towns.ts';
import { createCache } from '../../../server/cache.ts';

export interface MunicipalityChoice {
  ags: string;
  name: string;
  shortName: string;
  landName: string;
  kreisName: string;
  population: number | null;
}

/** Looks up municipalities by name or AGS: from the imported official list, or the built-in model towns without it. */
export interface MunicipalityDirectory {
  find(query: string, limit?: number): Promise<MunicipalityChoice[]>;
  get(ags: string): Promise<(typeof municipalities.$inferSelect) | undefined>;
  /** How many municipalities are imported (0: only the built-in model towns are known). */
  count(): Promise<number>;
  /** The latest import of the municipality list, for the credit line. */
  latestImport(): Promise<(typeof dataImports.$inferSelect) | undefined>;
}

const fallback: MunicipalityChoice[] = modelTowns.map((t) => ({ ...t, shortName: t.name, kreisName: '', population: null }));

export function createMunicipalityDirectory(db: Db): MunicipalityDirectory {
  async function imported(): Promise<number> {
    const [row] = await db.select({ n: count() }).from(municipalities);
    return row?.n ?? 0;
  }
  // Read on every page that shows data (credit line); changes only with an import.
  const latest = createCache(60_000, async () => {
    const [row] = await db.select().from(dataImports).where(eq(dataImports.dataset, 'destatis-gv')).orderBy(sql`${dataImports.importedAt} desc`).limit(1);
    return row;
  });
  return {
    count: imported,
    async find(query, limit = 10) {
      const q = query.trim();
      if (!q) return [];
      if ((await imported()) === 0) {
        const lower = q.toLowerCase();
        return fallback.filter((t) => t.ags === q || t.name.toLowerCase().includes(lower)).slice(0, limit);
      }
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db
        .select({
          ags: municipalities.ags,
          name: municipalities.name,
          shortName: municipalities.shortName,
          landName: municipalities.landName,
          kreisName: municipalities.kreisName,
          population: municipalities.population,
        })
        .from(municipalities)
        .where(or(eq(municipalities.ags, q), ilike(municipalities.shortName, pattern)))
        // Exact names first, then larger places (a "Neustadt" search shows the towns before the villages).
        .orderBy(sql`(${municipalities.ags} = ${q} or lower(${municipalities.shortName}) = lower(${q})) desc`, sql`${municipalities.population} desc nulls last`, asc(municipalities.name))
        .limit(limit);
    },
    async get(ags) {
      const [row] = await db.select().from(municipalities).where(eq(municipalities.ags, ags));
      return row;
    },
    latestImport: () => latest.get(),
  };
}
