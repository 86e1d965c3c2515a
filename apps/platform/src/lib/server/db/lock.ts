import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name of the lock file inside the embedded database's folder. */
export const LOCK_FILE = 'kleinstadt.pid';

/** The embedded database's folder is held by another running process. */
export class DatabaseInUseError extends Error {
  readonly dataDir: string;
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (another Kleinstadtakademie server or command). ` +
        `Stop that process first, or give this one its own folder with KLEINSTADT_DATA_DIR. ` +
        `If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DatabaseInUseError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** Is a process with this id running (also when it belongs to another user)? */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the embedded database's folder for this process. PGlite keeps no lock of its own: a second process that
 * opens the same folder dies inside the WebAssembly ("Aborted()") and may leave the first one's data inconsistent. The
 * lock is a file holding the owner's process id, created atomically; a lock whose process no longer runs (killed,
 * crashed) is taken over, and so is one of this process (a reopen after an unclean close). Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readOwner(file), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && running(owner)) throw new DatabaseInUseError(dataDir, owner);
    removeIfOwner(file, readOwner(file));
  }
  return () => removeIfOwner(file, String(process.pid));
}

function readOwner(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Removes the lock file if it still names `owner` (another process may have taken it over meanwhile). */
function removeIfOwner(file: string, owner: string): void {
  if (readOwner(file) !== owner) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
