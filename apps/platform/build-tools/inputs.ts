import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A content hash of a set of files and folders (names and bytes, in a stable order): what a generated artefact was
 * made from. A step records it beside its output and is skipped while the hash is unchanged, so an unchanged tree is
 * not compiled again. Contents, not modification times, so a fresh clone or a touched file does not count as a change.
 */
export function inputsHash(root: string, paths: readonly string[], skip: (path: string) => boolean = () => false): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path) || skip(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const path of paths) visit(join(root, path));
  return hash.digest('hex');
}

/** True when `stampFile` records exactly `hash` (the step's output is up to date). */
export function upToDate(stampFile: string, hash: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
}

export function stamp(stampFile: string, hash: string): void {
  writeFileSync(stampFile, `${hash}\n`);
}
