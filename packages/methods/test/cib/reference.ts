// Test helper: reads the shared reference cases from `<repo>/../shared/reference-cases/` (never copied into the repo).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Repository root (four levels above this file: test/cib → methods → packages → repo). */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The shared folder next to the repository, or $KLEINSTADT_SHARED. */
export const sharedDir = process.env.KLEINSTADT_SHARED ?? resolve(repoRoot, '../shared');

/** Absolute path of a file under `reference-cases/cib/`. */
export function cibPath(relative: string): string {
  return resolve(sharedDir, 'reference-cases/cib', relative);
}

/** Text of a file under `reference-cases/cib/`. */
export function readCib(relative: string): string {
  return readFileSync(cibPath(relative), 'utf8');
}

/** One consistent scenario as listed in a `*.expected.json` file (1-based variants). */
export interface ExpectedScenario {
  variants: number[];
  labels: string[];
  total_impact_score: number;
  consistency_value: number;
  inconsistency: number;
  basin_size_global_succession: number;
}

/** The content of a `*.expected.json` file. */
export interface Expected {
  case: string;
  n_scenarios: number;
  n_consistent: number;
  consistent_scenarios: ExpectedScenario[];
  n_start_scenarios_ending_in_cycles: number;
  descriptors: { name: string; variants: string[] }[];
  published_check?: { scenario: number[]; impact_balance: number[]; inconsistency: number };
}

/** Reads `<name>.expected.json` from the given folder. */
export function readExpected(relative: string): Expected {
  return JSON.parse(readCib(relative)) as Expected;
}
