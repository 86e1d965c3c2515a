import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/lib/server/app.ts';
import { loadConfig } from '../../src/lib/server/config.ts';

export interface Engine {
  name: 'pglite' | 'postgres';
  /** Creates a migrated, empty app on a fresh database (a copy of the run's migrated template); `dispose` drops it. */
  create(): Promise<{ app: App; dispose(): Promise<void> }>;
}

const pglite: Engine = {
  name: 'pglite',
  async create() {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const app = await createApp({ ...loadConfig({}), dataDir: 'memory://', databaseUrl: undefined }, { initialData: template });
    await app.database.migrate(); // a no-op on the template; kept so that a stale template could never go unnoticed
    return { app, dispose: () => app.close() };
  },
};

function postgres(adminUrl: string): Engine {
  return {
    name: 'postgres',
    async create() {
      const name = `kleinstadt_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const template = inject('postgresTemplate');
      await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const app = await createApp({ ...loadConfig({}), databaseUrl: url.toString() });
      await app.database.migrate();
      return {
        app,
        async dispose() {
          await app.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`drop database if exists ${name} with (force)`);
          await cleanup.end();
        },
      };
    },
  };
}

/** The engines integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? [pglite, postgres(process.env.TEST_DATABASE_URL)] : [pglite];
