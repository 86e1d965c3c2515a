// Loads the shared Polis reference cases (never copied into the repository).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parsePolisCommentsJson, parsePolisMathClusters, parsePolisVotesJson } from '../../src/opinion/index.ts';
import type { PolisMathClusters, Statement, Vote } from '../../src/opinion/index.ts';

/** `<repo>/../shared/reference-cases/polis/reddwarf_fixtures`, resolved from this file. */
export const FIXTURE_ROOT = fileURLToPath(new URL('../../../../../shared/reference-cases/polis/reddwarf_fixtures/', import.meta.url));

export const FIXTURES = ['below-100-ptpts', '25ptpt-3gp-no-strict-with-meta'] as const;

/** Polis' math output (only the parts the tests read). */
export interface PolisMath {
  pca: { center: number[]; comps: number[][]; 'comment-projection': number[][]; 'comment-extremity': number[] };
  'base-clusters': { id: number[]; members: number[][]; x: number[]; y: number[] };
  'group-clusters': { id: number; members: number[]; center: number[] }[];
  repness: Record<string, Record<string, unknown>[]>;
  consensus: { agree: Record<string, number>[]; disagree: Record<string, number>[] };
  'group-aware-consensus': Record<string, number>;
  'comment-priorities': Record<string, number>;
  'group-votes': Record<string, { 'n-members': number; votes: Record<string, { A: number; D: number; S: number }> }>;
  'in-conv': number[];
  'mod-out': number[];
  'meta-tids': number[];
  'user-vote-counts': Record<string, number>;
  tids: number[];
}

export interface Fixture {
  name: string;
  dir: string;
  votes: Vote[];
  statements: Statement[];
  math: PolisMath;
  clusters: PolisMathClusters;
}

export function loadFixture(name: string): Fixture {
  const dir = join(FIXTURE_ROOT, name);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const mathText = read('math-pca2.json');
  return {
    name,
    dir,
    votes: parsePolisVotesJson(read('votes.json')),
    statements: parsePolisCommentsJson(read('comments.json')),
    math: JSON.parse(mathText) as PolisMath,
    clusters: parsePolisMathClusters(mathText),
  };
}

/** Largest absolute difference of two equally long arrays. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}
