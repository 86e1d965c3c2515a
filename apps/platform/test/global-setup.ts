import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createApp } from '../src/lib/server/app.ts';
import { loadConfig } from '../src/lib/server/config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data folder (tarball) with every migration applied. */
    pgliteTemplate: string;
    /** A PostgreSQL database with every migration applied, the template of each test file's database. */
    postgresTemplate: string | null;
  }
}

/**
 * Migrates once per test run, not once per test file: a PGlite template (a dumped data folder each file loads) and,
 * with TEST_DATABASE_URL, a PostgreSQL template database (each file's database is created from it). Starting PGlite
 * and applying every migration took most of a small test file's time.
 */
export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'kleinstadt-test-'));
  const app = await createApp({ ...loadConfig({}), dataDir: 'memory://', databaseUrl: undefined });
  await app.database.migrate();
  const pgliteTemplate = join(folder, 'pglite-template.tar');
  writeFileSync(pgliteTemplate, new Uint8Array(await (await app.database.snapshot!()).arrayBuffer()));
  await app.close();
  project.provide('pgliteTemplate', pgliteTemplate);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let postgresTemplate: string | null = null;
  if (adminUrl) {
    postgresTemplate = `kleinstadt_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${postgresTemplate}`);
    const url = new URL(adminUrl);
    url.pathname = `/${postgresTemplate}`;
    const pgApp = await createApp({ ...loadConfig({}), databaseUrl: url.toString() });
    await pgApp.database.migrate();
    await pgApp.close();
  }
  project.provide('postgresTemplate', postgresTemplate);

  return async () => {
    rmSync(folder, { recursive: true, force: true });
    if (adminUrl && postgresTemplate) await adminQuery(adminUrl, `drop database if exists ${postgresTemplate} with (force)`);
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
