import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** An io for the CLI's `main` that keeps what it prints. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

/**
 * For the CLI's platform commands in a describe block: a temporary folder whose `db` subfolder is the embedded
 * database (no official data, no `DATABASE_URL`), with the environment restored and the folder removed afterwards.
 */
export function cliSandbox(prefix: string): { dir: string; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(dir, 'db');
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.KLEINSTADT_DATA_DIR = dataDir;
    process.env.KLEINSTADT_OFFICIAL_DATA = join(dir, 'no-data-here');
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, dataDir };
}
