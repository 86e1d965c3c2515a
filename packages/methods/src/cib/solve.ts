// Exact search for all scenarios with IC ≤ k: depth-first branch-and-bound with bounds on the still unassigned
// descriptors, domain propagation and fail-first variable ordering. Complete by construction (never a sample).
import { CibCancelledError, CibInputError } from './errors.ts';
import { compareEvaluations, scoreFromBalances, type ScenarioEvaluation } from './evaluate.ts';
import { asCompiled, EPS, type CibModel, type CibWarning, type CompiledCib } from './model.ts';

/** Something that can be cancelled, e.g. an `AbortSignal`. Checked between chunks of work. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Progress of a long run. */
export interface CibProgress {
  /** What runs: "search" (branch-and-bound), "successors"/"attractors" (basin analysis) or "monte-carlo". */
  phase: 'search' | 'successors' | 'attractors' | 'monte-carlo';
  /** Share of the work done, 0..1 (for the search: share of the scenario space already decided). */
  fraction: number;
  /** Search nodes visited, successors computed or samples drawn so far. */
  count: number;
  /** Scenarios found so far (search) or attractors found (basins). */
  found: number;
}

/** Options for `solveCib`. */
export interface SolveOptions {
  /** Find all scenarios with IC ≤ this value (default 0 = the consistent scenarios). */
  maxInconsistency?: number;
  /**
   * Intervention analysis: fix descriptors to variants (0-based), e.g. `[null, 2, null]` or `{ 1: 2 }`.
   * The search then covers only the remaining space.
   */
  fixed?: ReadonlyArray<number | null | undefined> | Readonly<Record<number, number>>;
  /**
   * Whether fixed descriptors must themselves be consistent. Default false: a fixed descriptor is set from outside
   * (a policy lever), so its own balance is not checked and it is left out of IC and CV.
   */
  checkFixed?: boolean;
  /** Cancellation; the run throws `CibCancelledError` when it sees `aborted`. */
  signal?: CancelSignal;
  /** Called about every `progressEvery` nodes. */
  onProgress?: (progress: CibProgress) => void;
  /** Nodes between progress reports (default 65 536). */
  progressEvery?: number;
  /** Stop after this many scenarios (the result is then marked `complete: false`). Default: no limit. */
  maxSolutions?: number;
}

/** Result of `solveCib`. */
export interface SolveResult {
  /** All scenarios with IC ≤ `maxInconsistency`, ordered by TIS (desc), IC, then variants. */
  scenarios: ScenarioEvaluation[];
  maxInconsistency: number;
  /** Size of the scenario space searched (with fixed descriptors: the remaining space). */
  space: number;
  /** Search nodes (partial assignments) visited. */
  nodes: number;
  /** nodes / space: how little of the space the branch-and-bound had to touch. */
  nodeShare: number;
  /** The fixed variants (0-based) per descriptor, null where free. */
  fixed: (number | null)[];
  /** True unless `maxSolutions` stopped the search early. */
  complete: boolean;
  /** Model warnings (e.g. non-zero self blocks). */
  warnings: CibWarning[];
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Normalises the `fixed` option to one entry per descriptor (null = free); throws on invalid entries. */
export function normaliseFixed(cib: CompiledCib, fixed: SolveOptions['fixed']): (number | null)[] {
  const out: (number | null)[] = new Array(cib.D).fill(null);
  if (!fixed) return out;
  const entries: [number, unknown][] = Array.isArray(fixed)
    ? (fixed as unknown[]).map((v, i) => [i, v] as [number, unknown])
    : Object.entries(fixed).map(([k, v]) => [Number(k), v] as [number, unknown]);
  for (const [d, v] of entries) {
    if (v === null || v === undefined) continue;
    if (!Number.isInteger(d) || d < 0 || d >= cib.D) throw new CibInputError(`Fixed descriptor index ${d} does not exist (the model has ${cib.D} descriptors).`);
    const name = cib.model.descriptors[d].name;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= cib.sizes[d]) {
      throw new CibInputError(`Descriptor "${name}" cannot be fixed to variant ${String(v)} (0-based; it has ${cib.sizes[d]} variants).`, { descriptor: name });
    }
    out[d] = v as number;
  }
  return out;
}

/** Internal state of one branch-and-bound run; `steps()` yields progress and fills `results`. */
class BranchAndBound {
  readonly cib: CompiledCib;
  readonly k: number;
  readonly fixed: (number | null)[];
  readonly exempt: Uint8Array;
  readonly results: ScenarioEvaluation[] = [];
  readonly maxSolutions: number;
  readonly progressEvery: number;
  nodes = 0;
  explored = 0;
  complete = true;

  constructor(cib: CompiledCib, options: SolveOptions) {
    this.cib = cib;
    this.k = options.maxInconsistency ?? 0;
    if (!(this.k >= 0) || !Number.isFinite(this.k)) throw new CibInputError(`maxInconsistency must be a non-negative number, got ${String(options.maxInconsistency)}.`);
    this.fixed = normaliseFixed(cib, options.fixed);
    this.exempt = new Uint8Array(cib.D);
    if (!options.checkFixed) this.fixed.forEach((v, d) => { if (v !== null) this.exempt[d] = 1; });
    this.maxSolutions = options.maxSolutions ?? Infinity;
    this.progressEvery = Math.max(1, options.progressEvery ?? 65536);
  }

  *steps(): Generator<CibProgress, void, void> {
    const { D, N, C, offsets, sizes, owner } = this.cib;
    const V = this.cib.maxVariants;
    const K = this.k + EPS;
    const exempt = this.exempt;

    // md[(i*N + c)*V + m] = min over variants x of descriptor i of C[(i,x), c] − C[(i,x), (j,m)], where j = owner(c):
    // the least that an unassigned descriptor i can add to "balance of c minus balance of variant m of j".
    const md = new Float64Array(D * N * V);
    for (let i = 0; i < D; i++) {
      for (let c = 0; c < N; c++) {
        const j = owner[c];
        const oj = offsets[j];
        for (let m = 0; m < sizes[j]; m++) {
          let best = Infinity;
          for (let x = 0; x < sizes[i]; x++) {
            const r = (offsets[i] + x) * N;
            const diff = C[r + c] - C[r + oj + m];
            if (diff < best) best = diff;
          }
          md[(i * N + c) * V + m] = best;
        }
      }
    }
    // adj: the exact own (self-block) term of descriptor j in variant m, minus its bound already contained in rem.
    const adj = new Float64Array(N * V);
    for (let c = 0; c < N; c++) {
      const j = owner[c];
      const oj = offsets[j];
      for (let m = 0; m < sizes[j]; m++) {
        const r = (oj + m) * N;
        adj[c * V + m] = C[r + c] - C[r + oj + m] - md[(j * N + c) * V + m];
      }
    }
    const rem = new Float64Array(N * V);
    for (let i = 0; i < D; i++) {
      const b = i * N * V;
      for (let t = 0; t < N * V; t++) rem[t] += md[b + t];
    }
    const theta = new Float64Array(N);
    const assigned = new Uint8Array(D);
    const value = new Int32Array(D);
    const dom = new Int32Array((D + 1) * D);
    const desc = new Int32Array(D);
    const tryMask = new Int32Array(D);
    const cur = new Int32Array(D).fill(-1);
    const childFrac = new Float64Array(D);
    // Static tie-break for the variable ordering: descriptors with the strongest judgements first.
    const weight = new Float64Array(D);
    for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) {
      const a = Math.abs(C[r * N + c]);
      weight[owner[r]] += a;
      weight[owner[c]] += a;
    }
    const NV = N * V;

    const assign = (d: number, x: number): void => {
      const r = (offsets[d] + x) * N;
      for (let c = 0; c < N; c++) theta[c] += C[r + c];
      const b = d * NV;
      for (let t = 0; t < NV; t++) rem[t] -= md[b + t];
      assigned[d] = 1;
      value[d] = x;
    };
    const unassign = (d: number, x: number): void => {
      const r = (offsets[d] + x) * N;
      for (let c = 0; c < N; c++) theta[c] -= C[r + c];
      const b = d * NV;
      for (let t = 0; t < NV; t++) rem[t] += md[b + t];
      assigned[d] = 0;
    };
    // Bound check for every assigned, checked descriptor j: even with the most favourable rest, the chosen variant
    // must stay within k of every other variant.
    const checkAssigned = (level: number): boolean => {
      for (let t = 0; t <= level; t++) {
        const j = desc[t];
        if (exempt[j]) continue;
        const o = offsets[j];
        const z = value[j];
        const tz = theta[o + z];
        for (let l = 0; l < sizes[j]; l++) {
          if (l === z) continue;
          if (theta[o + l] - tz + rem[(o + l) * V + z] > K) return false;
        }
      }
      return true;
    };
    // Domain propagation: drop variants of unassigned descriptors that can no longer be within k of the best.
    const filter = (level: number): boolean => {
      const base = level * D;
      for (let j = 0; j < D; j++) {
        if (assigned[j] || exempt[j]) continue;
        const o = offsets[j];
        let mask = dom[base + j];
        let rest = mask;
        while (rest !== 0) {
          const bit = rest & -rest;
          rest ^= bit;
          const m = 31 - Math.clz32(bit);
          const tm = theta[o + m];
          for (let l = 0; l < sizes[j]; l++) {
            if (l === m) continue;
            const idx = (o + l) * V + m;
            if (theta[o + l] - tm + rem[idx] + adj[idx] > K) {
              mask ^= bit;
              break;
            }
          }
        }
        if (mask === 0) return false;
        dom[base + j] = mask;
      }
      return true;
    };
    const choose = (level: number): number => {
      const base = level * D;
      let best = -1;
      let bestSize = 99;
      for (let j = 0; j < D; j++) {
        if (assigned[j]) continue;
        const s = popcount(dom[base + j]);
        if (s < bestSize || (s === bestSize && weight[j] > weight[best])) {
          best = j;
          bestSize = s;
        }
      }
      return best;
    };

    for (let d = 0; d < D; d++) {
      const f = this.fixed[d];
      dom[d] = f === null ? (sizes[d] >= 31 ? -1 >>> 1 : (1 << sizes[d]) - 1) : 1 << f;
    }
    if (!filter(0)) {
      this.explored = 1;
      return;
    }
    let level = 0;
    desc[0] = choose(0);
    tryMask[0] = dom[desc[0]];
    cur[0] = -1;
    childFrac[0] = 1 / popcount(tryMask[0]);
    let sinceReport = 0;
    for (;;) {
      const d = desc[level];
      if (cur[level] >= 0) {
        unassign(d, cur[level]);
        cur[level] = -1;
      }
      const m = tryMask[level];
      if (m === 0) {
        if (level === 0) break;
        level--;
        continue;
      }
      const bit = m & -m;
      tryMask[level] = m ^ bit;
      const x = 31 - Math.clz32(bit);
      assign(d, x);
      cur[level] = x;
      this.nodes++;
      const cf = childFrac[level];
      let ok = checkAssigned(level);
      if (ok) {
        const from = level * D;
        const to = from + D;
        for (let j = 0; j < D; j++) dom[to + j] = dom[from + j];
        dom[to + d] = bit;
        ok = filter(level + 1);
      }
      if (!ok) {
        this.explored += cf;
      } else if (level + 1 === D) {
        this.results.push(scoreFromBalances(this.cib, value, theta, exempt));
        this.explored += cf;
        if (this.results.length >= this.maxSolutions) {
          this.complete = false;
          unassign(d, x);
          cur[level] = -1;
          break;
        }
      } else {
        level++;
        const nd = choose(level);
        desc[level] = nd;
        tryMask[level] = dom[level * D + nd];
        cur[level] = -1;
        childFrac[level] = cf / popcount(tryMask[level]);
      }
      if (++sinceReport >= this.progressEvery) {
        sinceReport = 0;
        yield { phase: 'search', fraction: Math.min(1, this.explored), count: this.nodes, found: this.results.length };
      }
    }
    // unwind any remaining assignments (after an early stop)
    for (let t = level; t >= 0; t--) if (cur[t] >= 0) { unassign(desc[t], cur[t]); cur[t] = -1; }
    if (this.complete) this.explored = 1;
  }

  result(): SolveResult {
    let space = 1;
    for (let d = 0; d < this.cib.D; d++) if (this.fixed[d] === null) space *= this.cib.sizes[d];
    const scenarios = this.results.slice().sort(compareEvaluations);
    return {
      scenarios,
      maxInconsistency: this.k,
      space,
      nodes: this.nodes,
      nodeShare: this.nodes / space,
      fixed: this.fixed.slice(),
      complete: this.complete,
      warnings: this.cib.warnings.slice(),
    };
  }
}

/**
 * All scenarios with IC ≤ `maxInconsistency` (default 0: all consistent scenarios), exactly, by branch-and-bound.
 * With `fixed`, this is an intervention analysis over the remaining space. Synchronous; see `solveCibAsync` for a
 * version that yields to the event loop so a UI stays responsive and can cancel.
 */
export function solveCib(model: CibModel | CompiledCib, options: SolveOptions = {}): SolveResult {
  const bb = new BranchAndBound(asCompiled(model), options);
  for (const p of bb.steps()) {
    if (options.signal?.aborted) throw new CibCancelledError();
    options.onProgress?.(p);
  }
  if (options.signal?.aborted) throw new CibCancelledError();
  return bb.result();
}

/** Yields to the event loop (a macrotask), so timers, I/O and cancellation can run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => globalThis.setTimeout(resolve, 0));
}

/** Like `solveCib`, but gives the event loop a turn about every `sliceMs` milliseconds (default 20). */
export async function solveCibAsync(model: CibModel | CompiledCib, options: SolveOptions & { sliceMs?: number } = {}): Promise<SolveResult> {
  const bb = new BranchAndBound(asCompiled(model), { progressEvery: 4096, ...options });
  const slice = options.sliceMs ?? 20;
  let last = Date.now();
  for (const p of bb.steps()) {
    if (options.signal?.aborted) throw new CibCancelledError();
    options.onProgress?.(p);
    if (Date.now() - last >= slice) {
      await yieldToEventLoop();
      last = Date.now();
      if (options.signal?.aborted) throw new CibCancelledError();
    }
  }
  return bb.result();
}

/** All consistent scenarios (IC = 0), ordered by TIS. Shorthand for `solveCib(model).scenarios`. */
export function consistentScenarios(model: CibModel | CompiledCib): ScenarioEvaluation[] {
  return solveCib(model).scenarios;
}
