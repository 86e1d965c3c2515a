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
    const NV = N * V;
    const K = this.k + EPS;
    const exempt = this.exempt;

    // Bound tables. For a descriptor i whose variant is still open within the domain `mask`,
    // md(i, mask)[c*V + m] = min over x in mask of C[(i,x), c] − C[(i,x), (j,m)]  (j = owner of column c):
    // the least that i can add to "balance of variant c minus balance of variant m of j". Cached per (i, mask).
    const small = V <= 12;
    const mdTable: (Float64Array | undefined)[] = small ? new Array(D << V) : [];
    const mdCache = new Map<number, Float64Array>();
    const md = (i: number, mask: number): Float64Array => {
      const key = i * 1073741824 + mask;
      let t = small ? mdTable[(i << V) | mask] : mdCache.get(key);
      if (t) return t;
      t = new Float64Array(NV + N);
      // tail: mds[c = (j,z)] = min over x of Σ_{l≠z} (C[(i,x),(j,l)] − C[(i,x),(j,z)])  (sum of the constraints of j at z)
      for (let c = 0; c < N; c++) {
        const oj = offsets[owner[c]];
        const vj = sizes[owner[c]];
        let best = Infinity;
        for (let x = 0; x < sizes[i]; x++) {
          if (!(mask & (1 << x))) continue;
          const r = (offsets[i] + x) * N;
          let sum = 0;
          for (let l = 0; l < vj; l++) sum += C[r + oj + l];
          sum -= vj * C[r + c];
          if (sum < best) best = sum;
        }
        t[NV + c] = best;
      }
      for (let c = 0; c < N; c++) {
        const oj = offsets[owner[c]];
        const vj = sizes[owner[c]];
        for (let m = 0; m < vj; m++) {
          let best = Infinity;
          for (let x = 0; x < sizes[i]; x++) {
            if (!(mask & (1 << x))) continue;
            const r = (offsets[i] + x) * N;
            const diff = C[r + c] - C[r + oj + m];
            if (diff < best) best = diff;
          }
          t[c * V + m] = best;
        }
      }
      if (small) mdTable[(i << V) | mask] = t;
      else mdCache.set(key, t);
      return t;
    };
    // selfDiff[c*V + m] = C[(j,m), c] − C[(j,m), (j,m)]: the exact self-block term of descriptor j in variant m.
    const NX = NV + N;
    const selfDiff = new Float64Array(NX);
    for (let c = 0; c < N; c++) {
      const oj = offsets[owner[c]];
      for (let m = 0; m < sizes[owner[c]]; m++) {
        const r = (oj + m) * N;
        selfDiff[c * V + m] = C[r + c] - C[r + oj + m];
        selfDiff[NV + oj + m] += C[r + c] - C[r + oj + m];
      }
    }
    // Per search level: domains (bit masks), the bound sum rem = Σ over unassigned i of md(i, dom_i).
    const dom = new Int32Array((D + 1) * D);
    const rem = new Float64Array((D + 1) * NX);
    const theta = new Float64Array(N);
    const assigned = new Uint8Array(D);
    const value = new Int32Array(D);
    const desc = new Int32Array(D);
    const tryMask = new Int32Array(D);
    const cur = new Int32Array(D).fill(-1);
    const childFrac = new Float64Array(D);
    // Static tie-break for the variable ordering: descriptors whose variant choice moves the balances most (as source
    // and as target) first.
    const weight = new Float64Array(D);
    for (let i = 0; i < D; i++) for (let c = 0; c < N; c++) {
      // how much the choice of i's variant can move the balance of column c (as source and as target)
      let mx = -Infinity, mn = Infinity;
      for (let x = 0; x < sizes[i]; x++) { const v = C[(offsets[i] + x) * N + c]; if (v > mx) mx = v; if (v < mn) mn = v; }
      weight[i] += mx - mn;
      weight[owner[c]] += mx - mn;
    }
    const setTheta = (d: number, x: number, sign: number): void => {
      const r = (offsets[d] + x) * N;
      for (let c = 0; c < N; c++) theta[c] += sign * C[r + c];
    };
    // targets[d]: descriptors whose balances d's rows touch (non-zero block d → j); only their constraints can change
    // when d is assigned or its domain shrinks.
    const targets: Int32Array[] = [];
    for (let d = 0; d < D; d++) {
      const list: number[] = [];
      for (let j = 0; j < D; j++) {
        let nz = false;
        for (let r = offsets[d]; r < offsets[d + 1] && !nz; r++) for (let c = offsets[j]; c < offsets[j + 1]; c++) if (C[r * N + c] !== 0) { nz = true; break; }
        if (nz) list.push(j);
      }
      targets.push(Int32Array.from(list));
    }
    // sources[j]: descriptors with a non-zero block on j (other than j itself).
    const sources: number[][] = Array.from({ length: D }, () => []);
    for (let d = 0; d < D; d++) for (const j of targets[d]) if (j !== d) sources[j].push(d);
    const sourcesArr = sources.map((x) => Int32Array.from(x));
    // spread[j]: the most one influencer's choice can move any single gap of j (resp. the summed gap): if every slack
    // of j is at least this, support filtering on j cannot remove anything.
    const spread = new Float64Array(D);
    const spreadSum = new Float64Array(D);
    for (let j = 0; j < D; j++) {
      const o = offsets[j];
      for (const i of sources[j]) {
        for (let z = 0; z < sizes[j]; z++) {
          let sMin = Infinity, sMax = -Infinity;
          for (let l = 0; l < sizes[j]; l++) {
            if (l === z) continue;
            let mn = Infinity, mx = -Infinity;
            for (let x = 0; x < sizes[i]; x++) { const r = (offsets[i] + x) * N; const df = C[r + o + l] - C[r + o + z]; if (df < mn) mn = df; if (df > mx) mx = df; }
            if (mx - mn > spread[j]) spread[j] = mx - mn;
          }
          for (let x = 0; x < sizes[i]; x++) {
            const r = (offsets[i] + x) * N;
            let sum = 0;
            for (let l = 0; l < sizes[j]; l++) sum += C[r + o + l] - C[r + o + z];
            if (sum < sMin) sMin = sum;
            if (sum > sMax) sMax = sum;
          }
          if (sMax - sMin > spreadSum[j]) spreadSum[j] = sMax - sMin;
        }
      }
    }
    // Bound check of an assigned, checked descriptor j: even with the most favourable rest, the chosen variant must
    // stay within k of every other variant (and the sum of these gaps within (v−1)·k).
    const checkOne = (rb: number, j: number): boolean => {
      const o = offsets[j];
      const z = value[j];
      const tz = theta[o + z];
      let total = 0;
      for (let l = 0; l < sizes[j]; l++) {
        if (l === z) continue;
        const gap = theta[o + l] - tz;
        if (gap + rem[rb + (o + l) * V + z] > K) return false;
        total += gap;
      }
      return !(sizes[j] > 2 && total + rem[rb + NV + o + z] > (sizes[j] - 1) * K);
    };
    // Domain filter of an unassigned descriptor j: drop variants that can no longer be within k of the best.
    // Returns the new mask (0 = dead end).
    const filterOne = (rb: number, j: number, old: number): number => {
      const o = offsets[j];
      const own = md(j, old);
      let mask = old;
      let rest = old;
      while (rest !== 0) {
        const bit = rest & -rest;
        rest ^= bit;
        const m = 31 - Math.clz32(bit);
        const tm = theta[o + m];
        let total = 0;
        let dead = false;
        for (let l = 0; l < sizes[j]; l++) {
          if (l === m) continue;
          const idx = (o + l) * V + m;
          const gap = theta[o + l] - tm;
          if (gap + rem[rb + idx] - own[idx] + selfDiff[idx] > K) { dead = true; break; }
          total += gap;
        }
        if (!dead && sizes[j] > 2) {
          const idx = NV + o + m;
          if (total + rem[rb + idx] - own[idx] + selfDiff[idx] > (sizes[j] - 1) * K) dead = true;
        }
        if (dead) mask ^= bit;
      }
      return mask;
    };
    const queue = new Int32Array(D);
    const queued = new Uint8Array(D);
    // Propagation at `level` after descriptor `changed` was assigned (or for all descriptors if -1): re-check the
    // descriptors it touches; a shrunken domain tightens rem and queues the descriptors that one touches. False = dead end.
    const propagate = (level: number, changed: number): boolean => {
      const base = level * D;
      const rb = level * NX;
      let head = 0;
      let size = 0;
      if (changed < 0) {
        for (let j = 0; j < D; j++) if (!exempt[j]) { queued[j] = 1; queue[size++] = j; }
      } else {
        const t = targets[changed];
        for (let q = 0; q < t.length; q++) { const j = t[q]; if (!queued[j] && !exempt[j]) { queued[j] = 1; queue[size++] = j; } }
      }
      let ok = true;
      while (size > 0) {
        const j = queue[head];
        head = (head + 1) % D;
        size--;
        queued[j] = 0;
        if (!ok) continue;
        if (assigned[j]) {
          if (!checkOne(rb, j)) { ok = false; continue; }
          // Support filtering: drop variants of unassigned influencers i that alone would push j beyond k, given
          // the most favourable rest (the slack of each of j's constraints).
          const o = offsets[j];
          const z = value[j];
          const vj = sizes[j];
          const tz = theta[o + z];
          let minSlack = Infinity;
          let gapSum = 0;
          for (let l = 0; l < vj; l++) {
            if (l === z) continue;
            const sl = K - (theta[o + l] - tz + rem[rb + (o + l) * V + z]);
            if (sl < minSlack) minSlack = sl;
            gapSum += theta[o + l] - tz;
          }
          if (minSlack >= spread[j] && (vj <= 2 || (vj - 1) * K - (gapSum + rem[rb + NV + o + z]) >= spreadSum[j])) continue;
          const src = sourcesArr[j];
          for (let q = 0; q < src.length && ok; q++) {
            const i = src[q];
            if (assigned[i]) continue;
            const oldI = dom[base + i];
            if ((oldI & (oldI - 1)) === 0) continue;
            const mdi = md(i, oldI);
            let maskI = oldI;
            let rest = oldI;
            while (rest !== 0) {
              const bit = rest & -rest;
              rest ^= bit;
              const x = 31 - Math.clz32(bit);
              const r = (offsets[i] + x) * N;
              let total = 0;
              let totalMd = 0;
              let dead = false;
              for (let l = 0; l < vj; l++) {
                if (l === z) continue;
                const idx = (o + l) * V + z;
                const diff = C[r + o + l] - C[r + o + z];
                if (theta[o + l] - tz + rem[rb + idx] - mdi[idx] + diff > K) { dead = true; break; }
                total += theta[o + l] - tz;
                totalMd += diff;
              }
              if (!dead && vj > 2 && total + rem[rb + NV + o + z] - mdi[NV + o + z] + totalMd > (vj - 1) * K) dead = true;
              if (dead) maskI ^= bit;
            }
            if (maskI === 0) { ok = false; break; }
            if (maskI !== oldI) {
              const now = md(i, maskI);
              for (let t = 0; t < NX; t++) rem[rb + t] += now[t] - mdi[t];
              dom[base + i] = maskI;
              const t = targets[i];
              for (let qq = 0; qq < t.length; qq++) {
                const u = t[qq];
                if (!queued[u] && !exempt[u]) { queued[u] = 1; queue[(head + size++) % D] = u; }
              }
              if (!queued[i] && !exempt[i]) { queued[i] = 1; queue[(head + size++) % D] = i; }
            }
          }
          continue;
        }
        const old = dom[base + j];
        const mask = filterOne(rb, j, old);
        if (mask === 0) { ok = false; continue; }
        if (mask !== old) {
          const own = md(j, old);
          const now = md(j, mask);
          for (let t = 0; t < NX; t++) rem[rb + t] += now[t] - own[t];
          dom[base + j] = mask;
          const t = targets[j];
          for (let q = 0; q < t.length; q++) {
            const u = t[q];
            if (!queued[u] && !exempt[u]) { queued[u] = 1; queue[(head + size++) % D] = u; }
          }
        }
      }
      return ok;
    };
    const choose = (level: number): number => {
      const base = level * D;
      let best = -1;
      let bestSize = 99;
      for (let j = 0; j < D; j++) {
        if (assigned[j]) continue;
        const sz = popcount(dom[base + j]);
        if (sz < bestSize || (sz === bestSize && weight[j] > weight[best])) {
          best = j;
          bestSize = sz;
        }
      }
      return best;
    };

    for (let d = 0; d < D; d++) {
      const f = this.fixed[d];
      dom[d] = f === null ? (1 << sizes[d]) - 1 : 1 << f;
      const t = md(d, dom[d]);
      for (let q = 0; q < NX; q++) rem[q] += t[q];
    }
    if (!propagate(0, -1)) {
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
        setTheta(d, cur[level], -1);
        assigned[d] = 0;
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
      setTheta(d, x, 1);
      assigned[d] = 1;
      value[d] = x;
      cur[level] = x;
      this.nodes++;
      const cf = childFrac[level];
      // next level: copy domains and rem, move d from the bound into theta
      const from = level * D;
      const to = from + D;
      for (let j = 0; j < D; j++) dom[to + j] = dom[from + j];
      dom[to + d] = bit;
      const rFrom = level * NX;
      const rTo = rFrom + NX;
      const own = md(d, dom[from + d]);
      for (let t = 0; t < NX; t++) rem[rTo + t] = rem[rFrom + t] - own[t];
      // A descriptor whose domain was already a singleton changes nothing for the others (its bound table was exact)
      // and passed its own test at this level's fixpoint, so propagation would be a no-op.
      const forced = (dom[from + d] & (dom[from + d] - 1)) === 0;
      const ok = forced || propagate(level + 1, d);
      if (!ok) {
        this.explored += cf;
      } else if (level + 1 === D) {
        this.results.push(scoreFromBalances(this.cib, value, theta, exempt));
        this.explored += cf;
        if (this.results.length >= this.maxSolutions) {
          this.complete = false;
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
