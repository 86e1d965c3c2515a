import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared official data folder next to the repository (../shared/data), read in place, never copied. */
export const sharedData = fileURLToPath(new URL('../../../../../shared/data', import.meta.url));
export const gvFile = join(sharedData, 'official/destatis-gv/31122023_Auszug_GV.xlsx');
export const gvCsv = join(sharedData, 'extracts/destatis_gv_gemeinden_2023-12-31.csv');
export const hasSharedData = existsSync(gvFile);

/**
 * Reads a CSV extract of ../shared/data (UTF-8, comma-separated, header row, quoted fields with commas inside,
 * LF or CRLF) into rows keyed by the header; every value stays text (keys keep their leading zeros).
 */
export function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) (out.push(cur), (cur = ''));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((line) => Object.fromEntries(split(line).map((v, i) => [header[i], v])));
}
