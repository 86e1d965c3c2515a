import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../packages/cli/src/main.ts';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { DatabaseInUseError, LOCK_FILE, lockDataDir } from '../src/lib/server/db/lock.ts';
import { capture, cliSandbox } from './helpers/cli.ts';

/** The id of a process that has certainly ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one process per embedded database folder', () => {
  const { dataDir } = cliSandbox('kleinstadt-lock-');
  const lock = join(dataDir, LOCK_FILE);

  it('holds the folder while open and releases it on close', async () => {
    const database = await openDatabase({ dataDir });
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    await database.migrate();
    await database.close();
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses a folder that a running process holds, naming the folder, the process and the way out, and leaves it as it was', async () => {
    const other = process.ppid; // the test runner: another process that certainly runs
    writeFileSync(lock, `${other}\n`);
    const before = readdirSync(dataDir).sort();
    expect(() => lockDataDir(dataDir)).toThrow(DatabaseInUseError);
    await expect(openDatabase({ dataDir })).rejects.toThrow(`is in use by process ${other}`);
    const c = capture();
    expect(await main(['migrate'], c.io)).toBe(1);
    const message = c.err.join('\n');
    expect(message).toContain(`kleinstadt migrate: The embedded database in ${dataDir} is in use by process ${other}`);
    expect(message).toContain('KLEINSTADT_DATA_DIR');
    expect(message).toContain(`delete ${lock}`);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(other));
    expect(readdirSync(dataDir).sort()).toEqual(before);
  });

  it('takes over the lock of a process that has ended (killed or crashed) and gives it back afterwards', async () => {
    writeFileSync(lock, `${endedPid()}\n`);
    const c = capture();
    expect(await main(['migrate'], c.io)).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('does not lock in-memory databases', async () => {
    const first = await openDatabase({ dataDir: 'memory://' });
    const second = await openDatabase({ dataDir: 'memory://' });
    await first.close();
    await second.close();
  });
});
