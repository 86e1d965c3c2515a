import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Db, Tx } from '../../../server/db/client.ts';
import { parseGvWorkbook, type GvFile } from './gv-parser.ts';
import { DataFileError } from './import-errors.ts';
import { dataImports, municipalities } from './schema.ts';
import { readXlsx } from './xlsx.ts';

export const GV_FILE_NAME = '31122023_Auszug_GV.xlsx';
export const GV_LICENCE = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)';
export const GV_CREDIT = '© Statistisches Bundesamt (Destatis), 2024';
export const GV_DOWNLOAD_HINT =
  'https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/Administrativ/Archiv/GVAuszugJ/31122023_Auszug_GV.html';

/** Where the official data folder is expected when no path is given: next to the repository, as ../shared/data. */
export function defaultDataCandidates(cwd = process.cwd()): string[] {
  return [resolve(cwd, '../shared/data'), resolve(cwd, '../../../shared/data'), resolve(cwd, '../../shared/data')];
}

/** Finds the GV file: an explicit path, the configured data folder, or ../shared/data; undefined when none exists. */
export function locateGvFile(options: { path?: string | undefined; dataDir?: string | undefined }): string | undefined {
  if (options.path) return options.path;
  const folders = options.dataDir ? [options.dataDir] : defaultDataCandidates();
  for (const folder of folders) {
    const candidate = join(folder, 'official', 'destatis-gv', GV_FILE_NAME);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Replaces the municipality list inside the caller's transaction and records its provenance. */
export async function writeMunicipalities(tx: Tx, parsed: GvFile, sourceFile: string, progress: ImportProgress = () => {}): Promise<void> {
  await tx.delete(municipalities);
  const batch = 1000;
  for (let i = 0; i < parsed.municipalities.length; i += batch) {
    const rows = parsed.municipalities.slice(i, i + batch).map((m) => ({ ...m, isTown: m.isTown ? 1 : 0, stand: parsed.stand }));
    await tx.insert(municipalities).values(rows);
    if ((i / batch) % 4 === 3) progress(`  ${Math.min(i + batch, parsed.municipalities.length)} / ${parsed.municipalities.length}`);
  }
  await tx.insert(dataImports).values({
    dataset: 'destatis-gv',
    sourceFile,
    stand: parsed.stand,
    licence: GV_LICENCE,
    credit: GV_CREDIT,
    rows: parsed.municipalities.length,
    details: { sheet: parsed.sheet, skippedUnincorporated: parsed.skippedUnincorporated },
  });
}

export interface ImportProgress {
  (message: string): void;
}

/**
 * Imports the Destatis GV-ISys municipality list into the database: all rows or none (one transaction), replacing
 * an earlier import, and records source, Stand, licence and credit line. Accepts a file path or an http(s) URL.
 */
export async function importMunicipalities(db: Db, source: string, progress: ImportProgress = () => {}): Promise<GvFile> {
  let path = source;
  let tempDir: string | undefined;
  if (/^https?:\/\//i.test(source)) {
    progress(`Downloading ${source} …`);
    const response = await fetch(source).catch((error: unknown) => {
      throw new DataFileError(`download failed (${error instanceof Error ? error.message : String(error)})`, { file: source });
    });
    if (!response.ok) throw new DataFileError(`download failed with HTTP ${response.status}`, { file: source });
    tempDir = await mkdtemp(join(tmpdir(), 'kleinstadt-gv-'));
    path = join(tempDir, basename(new URL(source).pathname) || 'gv.xlsx');
    await writeFile(path, Buffer.from(await response.arrayBuffer()));
  } else if (!existsSync(path)) {
    throw new DataFileError('file not found', { file: path });
  }
  try {
    progress(`Reading ${basename(path)} …`);
    const parsed = parseGvWorkbook(await readXlsx(path), basename(path));
    progress(`Parsed ${parsed.municipalities.length} municipalities (Stand ${parsed.stand}); writing to the database …`);
    await db.transaction((tx) => writeMunicipalities(tx, parsed, basename(path), progress));
    progress(`Imported ${parsed.municipalities.length} municipalities.`);
    return parsed;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
