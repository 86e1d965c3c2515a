// Benchmark of the CIB solver and basin analysis. Not part of `npm test`. Run from the repository root:
//   node bench/methods/cib.ts [--quick]
// Reads the ScenarioWizard reference files from ../shared/reference-cases/cib and uses seeded random matrices.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseBasins, compileCib, parseScw, solveCib, type CibModel } from '../../packages/methods/src/cib/index.ts';
import { createRng } from '../../packages/methods/src/random.ts';

const quick = process.argv.includes('--quick');
const repo = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.KLEINSTADT_SHARED ?? resolve(repo, '../shared');

/** Seeded random model: `D` descriptors with the given variant counts; each ordered descriptor pair carries
 * judgements (uniform −3..3) with probability `density`; self blocks empty. */
export function randomModel(seed: number, sizes: number[], density = 0.5): CibModel {
  // `seed ^ 0x9e3779b9` undoes createRng's seed scramble, so the models are those of the recorded runs.
  const rnd = createRng(seed ^ 0x9e3779b9).next;
  const N = sizes.reduce((a, b) => a + b, 0);
  const owner = sizes.flatMap((s, d) => Array<number>(s).fill(d));
  const active = sizes.map((_, i) => sizes.map((__, j) => i !== j && rnd() < density));
  const matrix = Array.from({ length: N }, (_, r) => Array.from({ length: N }, (__, c) => (active[owner[r]][owner[c]] ? Math.floor(rnd() * 7) - 3 : 0)));
  return { descriptors: sizes.map((s, d) => ({ name: `D${d + 1}`, variants: Array.from({ length: s }, (_, v) => `v${v + 1}`) })), matrix };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeSolve(model: CibModel, repeats: number) {
  const cib = compileCib(model, { allowFractional: true });
  let t = performance.now();
  const first = solveCib(cib);
  const cold = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    t = performance.now();
    solveCib(cib);
    times.push(performance.now() - t);
  }
  return { consistent: first.scenarios.length, nodes: first.nodes, space: first.space, share: first.nodeShare, cold, warm: repeats ? median(times) : cold };
}

const rows: string[] = [];
const line = (cells: (string | number)[]) => rows.push(`| ${cells.join(' | ')} |`);
const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(0) : `${(ms / 1000).toFixed(2)} s`);
const fmtShare = (x: number) => (x >= 0.01 ? `${(100 * x).toFixed(1)} %` : `${(100 * x).toPrecision(2)} %`);

console.log(`node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}`);
line(['case', 'descriptors', 'space', 'consistent', 'nodes', 'nodes / space', 'first solve (ms)', 'warm median (ms)']);
line(['---', '---', '---', '---', '---', '---', '---', '---']);
for (const name of ['CIB_global', 'CIB_natl_regional', 'CIB_nested_simplified_standardized', 'CIB_nested_simplified_nonstandard']) {
  const model = parseScw(readFileSync(resolve(shared, 'reference-cases/cib/scenariowizard_sei', `${name}.scw`), 'utf8')).model;
  const r = timeSolve(model, 50);
  line([name, model.descriptors.length, r.space.toExponential(2), r.consistent, r.nodes, fmtShare(r.share), fmtMs(r.cold), fmtMs(r.warm)]);
  console.log(rows[rows.length - 1]);
}
// 17 descriptors, 4^4 · 3^13 = 4.1e8 scenarios (synthetic stand-in for the private 17-descriptor model)
for (const seed of [1, 2, 3]) {
  const model = randomModel(seed, [4, 4, 4, 4, ...Array<number>(13).fill(3)], 0.5);
  const r = timeSolve(model, 20);
  line([`random 17 (4^4·3^13), seed ${seed}`, 17, r.space.toExponential(2), r.consistent, r.nodes, fmtShare(r.share), fmtMs(r.cold), fmtMs(r.warm)]);
  console.log(rows[rows.length - 1]);
}
for (const [D, seeds] of [[25, quick ? [1] : [1, 2, 3, 4, 5]], [30, quick ? [1] : [1, 2, 3]]] as const) {
  for (const seed of seeds) {
    const model = randomModel(seed, Array<number>(D).fill(3), 0.5);
    const r = timeSolve(model, 0);
    line([`random ${D}×3, seed ${seed}`, D, r.space.toExponential(2), r.consistent, r.nodes, fmtShare(r.share), fmtMs(r.cold), '–']);
    console.log(rows[rows.length - 1]);
  }
}
/** Naive baseline: visit every scenario with an odometer, updating the balances incrementally, and test IC = 0. */
function naiveCount(model: CibModel): number {
  const cib = compileCib(model);
  const { D, N, C, offsets, sizes } = cib;
  const z = new Int32Array(D);
  const theta = new Float64Array(N);
  for (let d = 0; d < D; d++) for (let c = 0; c < N; c++) theta[c] += C[offsets[d] * N + c];
  let found = 0;
  for (let n = 0; n < cib.space; n++) {
    let ok = true;
    for (let j = 0; j < D && ok; j++) {
      const o = offsets[j];
      const t = theta[o + z[j]];
      for (let l = 0; l < sizes[j]; l++) if (theta[o + l] > t) { ok = false; break; }
    }
    if (ok) found++;
    for (let d = D - 1; d >= 0; d--) {
      const old = (offsets[d] + z[d]) * N;
      z[d] = z[d] + 1 === sizes[d] ? 0 : z[d] + 1;
      const nw = (offsets[d] + z[d]) * N;
      for (let c = 0; c < N; c++) theta[c] += C[nw + c] - C[old + c];
      if (z[d] !== 0) break;
    }
  }
  return found;
}

// basin analysis of 2.3e7 scenarios
{
  const model = parseScw(readFileSync(resolve(shared, 'reference-cases/cib/scenariowizard_sei/CIB_nested_simplified_standardized.scw'), 'utf8')).model;
  const t = performance.now();
  const b = analyseBasins(model);
  const ms = performance.now() - t;
  rows.push('');
  rows.push(`Basins of CIB_nested_simplified_standardized (${b.space.toLocaleString('en-US')} starts, ${b.method}): ${(ms / 1000).toFixed(2)} s, ${b.fixedPoints.length} fixed points, ${b.cycleStarts} starts in cycles.`);
  console.log(rows[rows.length - 1]);
  const t1 = performance.now();
  const naive = naiveCount(model);
  rows.push(`Naive enumeration of all ${b.space.toLocaleString('en-US')} scenarios (odometer, incremental balances): ${((performance.now() - t1) / 1000).toFixed(2)} s, ${naive} consistent.`);
  console.log(rows[rows.length - 1]);
  const t2 = performance.now();
  const mc = analyseBasins(model, { method: 'monte-carlo', samples: 100_000 });
  rows.push(`Monte Carlo, 100,000 samples: ${((performance.now() - t2) / 1000).toFixed(2)} s, ${mc.fixedPoints.length} fixed points found.`);
  console.log(rows[rows.length - 1]);
}
console.log('\n' + rows.join('\n'));
