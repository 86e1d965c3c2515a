import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is behind it (PGlite or node-postgres). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; services take `Db | Tx` where they may run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** Closes the connection; the process must call this on shutdown (PGlite keeps the process alive otherwise). */
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tarball (what `initialData` takes), e.g. a migrated template for tests. */
  snapshot?(): Promise<Blob>;
}

/**
 * Finds the app's folder by walking up from this module until the migrations journal appears. This works for the
 * TypeScript sources run by the CLI and for the bundled server under build/.
 */
export function findMigrationsFolder(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the migrations folder (drizzle/) above ${start}`);
    dir = parent;
  }
}

/** Opens PostgreSQL through `pg` when a URL is given, otherwise the embedded PGlite in `dataDir`. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; initialData?: Blob | undefined }): Promise<Database> {
  const migrationsFolder = findMigrationsFolder();
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // A client can lose its connection (server restart, database dropped, network). Without listeners pg re-emits
    // that as an unhandled 'error' and the process dies; the pool replaces a lost client on next use instead.
    const report = (error: Error) => console.error(`PostgreSQL connection lost (${error.message}); it is replaced on next use.`);
    pool.on('error', report);
    // pool.end() resolves before its clients have closed their sockets; closing waits for them, so that whoever
    // closes the database (shutdown, tests that drop it) finds no connection left.
    const open = new Set<Promise<void>>();
    pool.on('connect', (client) => {
      client.on('error', report);
      const ended: Promise<void> = new Promise((resolve) => {
        client.once('end', () => {
          open.delete(ended);
          resolve();
        });
      });
      open.add(ended);
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migrate(db as never, { migrationsFolder }),
      close: async () => {
        await pool.end();
        await Promise.all(open);
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  mkdirSync(dirname(options.dataDir), { recursive: true });
  // A folder (not `memory://` and the like) belongs to one process at a time; see lock.ts.
  const release = options.dataDir.includes('://') ? () => {} : lockDataDir(options.dataDir);
  const client = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm, unaccent }, ...(options.initialData ? { loadDataDir: options.initialData } : {}) }).catch((error: unknown) => {
    release();
    throw error;
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    migrate: () => migrate(db as never, { migrationsFolder }),
    snapshot: () => client.dumpDataDir('none'),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
