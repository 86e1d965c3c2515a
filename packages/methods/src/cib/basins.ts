// Basin analysis: from every start scenario (exhaustive) or from random starts (Monte Carlo), run the succession
// and count where it ends. Exhaustive analysis builds a successor table in typed arrays (O(space) memory).
import { createRng } from '../random.ts';
import { CibCancelledError, CibInputError } from './errors.ts';
import { asCompiled, EPS, scenarioAt, scenarioIndex, type CibModel, type CompiledCib } from './model.ts';
import { yieldToEventLoop, type CancelSignal, type CibProgress } from './solve.ts';
import { successorInto, type SuccessionMode } from './succession.ts';

/** Where successions end: a fixed point (a consistent scenario) or a cycle. */
export interface Attractor {
  kind: 'fixed' | 'cycle';
  /** The fixed point, or the scenarios of the cycle in succession order (0-based variants). */
  scenarios: number[][];
  /** Number of starts that end here (exhaustive: the exact basin size; Monte Carlo: hits among the samples). */
  basin: number;
  /** basin / number of starts. */
  share: number;
}

/** Options for `analyseBasins`. */
export interface BasinOptions {
  /** "exhaustive" (every start), "monte-carlo" (random starts) or "auto" (default: exhaustive up to `maxExhaustive`). */
  method?: 'auto' | 'exhaustive' | 'monte-carlo';
  /** Succession rule (default "global", as ScenarioWizard). */
  mode?: SuccessionMode;
  /** Largest space analysed exhaustively in "auto" mode (default 30 000 000; needs about 5 bytes per scenario). */
  maxExhaustive?: number;
  /** Monte-Carlo samples (default 100 000, as ScenarioWizard). */
  samples?: number;
  /** Seed of the Monte-Carlo generator (default 1), so runs are reproducible. */
  seed?: number;
  signal?: CancelSignal;
  onProgress?: (progress: CibProgress) => void;
}

/** Result of a basin analysis. */
export interface BasinResult {
  /** Which method produced the figures: exhaustive figures are exact, Monte-Carlo figures are estimates. */
  method: 'exhaustive' | 'monte-carlo';
  mode: SuccessionMode;
  /** Size of the scenario space. */
  space: number;
  /** Number of starts: the space (exhaustive) or the number of samples (Monte Carlo). */
  starts: number;
  /** Monte-Carlo seed (undefined for exhaustive analysis). */
  seed?: number;
  /** Fixed points ordered by basin size (descending), then variants. */
  fixedPoints: Attractor[];
  /** Cycles ordered by basin size (descending). */
  cycles: Attractor[];
  /** Starts whose succession ends in a cycle. */
  cycleStarts: number;
}


function compareScenarios(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function finish(
  cib: CompiledCib,
  method: 'exhaustive' | 'monte-carlo',
  mode: SuccessionMode,
  starts: number,
  attractors: { members: number[]; basin: number }[],
  seed?: number,
): BasinResult {
  const list: Attractor[] = attractors.map((a) => {
    let members = a.members.map((i) => scenarioAt(cib, i));
    if (members.length > 1) {
      // rotate the cycle to start at its lexicographically smallest scenario, for a stable report
      let k = 0;
      for (let t = 1; t < members.length; t++) if (compareScenarios(members[t], members[k]) < 0) k = t;
      members = members.slice(k).concat(members.slice(0, k));
    }
    return { kind: members.length === 1 ? 'fixed' : 'cycle', scenarios: members, basin: a.basin, share: a.basin / starts };
  });
  const order = (a: Attractor, b: Attractor) => b.basin - a.basin || compareScenarios(a.scenarios[0], b.scenarios[0]);
  const fixedPoints = list.filter((a) => a.kind === 'fixed').sort(order);
  const cycles = list.filter((a) => a.kind === 'cycle').sort(order);
  const result: BasinResult = { method, mode, space: cib.space, starts, fixedPoints, cycles, cycleStarts: cycles.reduce((s, c) => s + c.basin, 0) };
  if (seed !== undefined) result.seed = seed;
  return result;
}

/** Successor index for one scenario from its balances (generic path: fractional matrices, adiabatic mode). */
function successorIndex(
  adiabatic: boolean, theta: Float64Array, cur: Int32Array, D: number, offsets: Int32Array, sizes: Int32Array, stride: Float64Array,
): number {
  let next = 0;
  if (!adiabatic) {
    for (let j = 0; j < D; j++) {
      const o = offsets[j];
      const v = sizes[j];
      let max = theta[o];
      for (let l = 1; l < v; l++) if (theta[o + l] > max) max = theta[o + l];
      let b = cur[j];
      if (theta[o + b] < max - EPS) { b = 0; while (theta[o + b] < max - EPS) b++; }
      next += b * stride[j];
    }
    return next;
  }
  let worst = -1;
  let worstIc = EPS;
  for (let j = 0; j < D; j++) {
    const o = offsets[j];
    let max = theta[o];
    for (let l = 1; l < sizes[j]; l++) if (theta[o + l] > max) max = theta[o + l];
    const ic = max - theta[o + cur[j]];
    if (ic > worstIc) { worstIc = ic; worst = j; }
    next += cur[j] * stride[j];
  }
  if (worst >= 0) {
    const o = offsets[worst];
    let max = theta[o];
    for (let l = 1; l < sizes[worst]; l++) if (theta[o + l] > max) max = theta[o + l];
    let b = 0;
    while (theta[o + b] < max - EPS) b++;
    next += (b - cur[worst]) * stride[worst];
  }
  return next;
}

/** Hot loop: successor index of every suffix s for one prefix = sum of D class lookups. */
function fillSuccessors(succ: Uint32Array, base: number, S: number, D: number, clsIndex: Int32Array, val: Float64Array): void {
  for (let s = 0; s < S; s++) {
    const sd = s * D;
    let next = 0;
    for (let j = 0; j < D; j++) next += val[clsIndex[sd + j]];
    succ[base + s] = next;
  }
}

/** Exhaustive basin analysis as a generator of progress reports; returns the result. */
function* exhaustiveSteps(cib: CompiledCib, mode: SuccessionMode): Generator<CibProgress, BasinResult, void> {
  const { D, N, C, offsets, sizes } = cib;
  const space = cib.space;
  if (space > 0xfffffffe) throw new CibInputError(`The scenario space (${space}) is too large for an exhaustive basin analysis; use Monte Carlo.`);
  // Split the descriptors into a prefix and a suffix; balances = prefix part + suffix part (precomputed tables).
  let h = 0;
  let P = 1;
  while (h < D - 1 && P * sizes[h] <= Math.sqrt(space)) P *= sizes[h++];
  if (h === 0) { P = sizes[0]; h = 1; }
  const S = space / P;
  const Ds = D - h;
  const stride = new Float64Array(D);
  { let s = 1; for (let d = D - 1; d >= 0; d--) { stride[d] = s; s *= sizes[d]; } }
  const table = (from: number, to: number, count: number) => {
    const th = new Float64Array(count * N);
    const dig = new Int32Array(count * (to - from));
    const z = new Int32Array(to - from);
    for (let k = 0; k < count; k++) {
      for (let t = 0; t < to - from; t++) {
        dig[k * (to - from) + t] = z[t];
        const r = (offsets[from + t] + z[t]) * N;
        for (let c = 0; c < N; c++) th[k * N + c] += C[r + c];
      }
      for (let t = to - from - 1; t >= 0; t--) { if (++z[t] < sizes[from + t]) break; z[t] = 0; }
    }
    return { th, dig };
  };
  const pre = table(0, h, P);
  const suf = table(h, D, S);
  const succ = new Uint32Array(space);
  const adiabatic = mode === 'adiabatic';
  if (!adiabatic) {
    // Global succession: the best variant of descriptor j depends only on its balance block (prefix part + suffix
    // part) and, for the tie rule, its current variant. Group the suffixes into classes with equal (block, variant)
    // per descriptor; then per prefix only one best variant per class is computed, and every scenario's successor
    // index is a sum of D table lookups.
    const clsIndex = new Int32Array(S * D);
    const repOf: number[][] = [];
    const jOff = new Int32Array(D + 1);
    for (let j = 0; j < D; j++) {
      const o = offsets[j];
      const keys = new Map<string, number>();
      const reps: number[] = [];
      for (let s = 0; s < S; s++) {
        let key = j >= h ? `${suf.dig[s * Ds + j - h]}:` : ':';
        for (let l = 0; l < sizes[j]; l++) key += `${suf.th[s * N + o + l]},`;
        let cl = keys.get(key);
        if (cl === undefined) { cl = reps.length; keys.set(key, cl); reps.push(s); }
        clsIndex[s * D + j] = cl;
      }
      repOf.push(reps);
      jOff[j + 1] = jOff[j] + reps.length;
    }
    for (let s = 0; s < S; s++) for (let j = 0; j < D; j++) clsIndex[s * D + j] += jOff[j];
    const val = new Float64Array(jOff[D]);
    for (let p = 0; p < P; p++) {
      const pb = p * N;
      for (let j = 0; j < D; j++) {
        const o = offsets[j];
        const v = sizes[j];
        const reps = repOf[j];
        for (let cl = 0; cl < reps.length; cl++) {
          const sb = reps[cl] * N;
          let max = -Infinity;
          for (let l = 0; l < v; l++) { const t = pre.th[pb + o + l] + suf.th[sb + o + l]; if (t > max) max = t; }
          let b = j < h ? pre.dig[p * h + j] : suf.dig[reps[cl] * Ds + j - h];
          if (pre.th[pb + o + b] + suf.th[sb + o + b] < max - EPS) {
            b = 0;
            while (pre.th[pb + o + b] + suf.th[sb + o + b] < max - EPS) b++;
          }
          val[jOff[j] + cl] = b * stride[j];
        }
      }
      fillSuccessors(succ, p * S, S, D, clsIndex, val);
      if ((p & 63) === 63) yield { phase: 'successors', fraction: (p + 1) / P, count: (p + 1) * S, found: 0 };
    }
    P = 0; // done; skip the generic loop below
  }
  const cur = new Int32Array(D);
  const theta = new Float64Array(N);
  for (let p = 0; p < P; p++) {
    for (let t = 0; t < h; t++) cur[t] = pre.dig[p * h + t];
    const pb = p * N;
    const base = p * S;
    for (let s = 0; s < S; s++) {
      const sb = s * N;
      for (let c = 0; c < N; c++) theta[c] = pre.th[pb + c] + suf.th[sb + c];
      const sd = s * Ds;
      for (let t = 0; t < Ds; t++) cur[h + t] = suf.dig[sd + t];
      succ[base + s] = successorIndex(adiabatic, theta, cur, D, offsets, sizes, stride);
    }
    if ((p & 63) === 63) yield { phase: 'successors', fraction: (p + 1) / P, count: (p + 1) * S, found: 0 };
  }
  // Follow every start to its end; resolved nodes store their attractor id in `succ` (state 2).
  const state = new Uint8Array(space);
  let path = new Uint32Array(1024);
  const attractors: { members: number[]; basin: number }[] = [];
  for (let start = 0; start < space; start++) {
    if (state[start] === 2) continue;
    let len = 0;
    let x = start;
    while (state[x] === 0) {
      state[x] = 1;
      if (len === path.length) { const bigger = new Uint32Array(path.length * 2); bigger.set(path); path = bigger; }
      path[len++] = x;
      x = succ[x];
    }
    let id: number;
    if (state[x] === 2) {
      id = succ[x];
    } else {
      let q = len - 1;
      while (path[q] !== x) q--;
      id = attractors.length;
      attractors.push({ members: Array.from(path.subarray(q, len)), basin: 0 });
    }
    for (let t = 0; t < len; t++) { const n = path[t]; state[n] = 2; succ[n] = id; }
    attractors[id].basin += len;
    if ((start & 0xfffff) === 0xfffff) yield { phase: 'attractors', fraction: (start + 1) / space, count: start + 1, found: attractors.length };
  }
  return finish(cib, 'exhaustive', mode, space, attractors);
}

/** Monte-Carlo basin analysis as a generator of progress reports; returns the result. */
function* monteCarloSteps(cib: CompiledCib, mode: SuccessionMode, samples: number, seed: number): Generator<CibProgress, BasinResult, void> {
  const rnd = createRng(seed).next;
  const theta = new Float64Array(cib.N);
  const memo = new Map<number, number>();
  const attractors: { members: number[]; basin: number }[] = [];
  const attractorByKey = new Map<number, number>();
  let z = new Int32Array(cib.D);
  let next = new Int32Array(cib.D);
  for (let n = 0; n < samples; n++) {
    for (let d = 0; d < cib.D; d++) z[d] = Math.floor(rnd() * cib.sizes[d]);
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let id = -1;
    for (;;) {
      const idx = scenarioIndex(cib, z);
      const known = memo.get(idx);
      if (known !== undefined) { id = known; break; }
      const at = onPath.get(idx);
      if (at !== undefined) {
        const members = path.slice(at);
        const key = Math.min(...members);
        const existing = attractorByKey.get(key);
        if (existing !== undefined) id = existing;
        else {
          id = attractors.length;
          attractors.push({ members, basin: 0 });
          attractorByKey.set(key, id);
        }
        break;
      }
      onPath.set(idx, path.length);
      path.push(idx);
      successorInto(cib, mode, z, next, theta);
      const tmp = z; z = next; next = tmp;
    }
    for (const idx of path) memo.set(idx, id);
    attractors[id].basin++;
    if (memo.size > 5_000_000) memo.clear();
    if ((n & 4095) === 4095) yield { phase: 'monte-carlo', fraction: (n + 1) / samples, count: n + 1, found: attractors.length };
  }
  return finish(cib, 'monte-carlo', mode, samples, attractors, seed);
}

function steps(cib: CompiledCib, options: BasinOptions): Generator<CibProgress, BasinResult, void> {
  const mode = options.mode ?? 'global';
  const method = options.method ?? 'auto';
  const maxExhaustive = options.maxExhaustive ?? 30_000_000;
  const exhaustive = method === 'exhaustive' || (method === 'auto' && cib.space <= maxExhaustive);
  if (exhaustive) return exhaustiveSteps(cib, mode);
  const samples = options.samples ?? 100_000;
  if (!Number.isInteger(samples) || samples <= 0) throw new CibInputError(`samples must be a positive integer, got ${String(options.samples)}.`);
  return monteCarloSteps(cib, mode, samples, options.seed ?? 1);
}

/**
 * Basin analysis: runs the succession (global by default, with ScenarioWizard's tie rule) from every start scenario
 * (exhaustive, exact) or from `samples` random starts (Monte Carlo, estimates), and reports every fixed point and
 * cycle with the number of starts ending in it. `result.method` says which was used.
 */
export function analyseBasins(model: CibModel | CompiledCib, options: BasinOptions = {}): BasinResult {
  const it = steps(asCompiled(model), options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    if (options.signal?.aborted) throw new CibCancelledError();
    options.onProgress?.(r.value);
  }
}

/** Like `analyseBasins`, but gives the event loop a turn between chunks so callers can show progress and cancel. */
export async function analyseBasinsAsync(model: CibModel | CompiledCib, options: BasinOptions = {}): Promise<BasinResult> {
  const it = steps(asCompiled(model), options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    options.onProgress?.(r.value);
    await yieldToEventLoop();
    if (options.signal?.aborted) throw new CibCancelledError();
  }
}
