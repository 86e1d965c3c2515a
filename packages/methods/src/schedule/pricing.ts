/**
 * Pricing step of the column bound (column-bound.ts): the cost of a slot content, an exact branch and bound that
 * bounds the least reduced cost of a content from below, and a local search that finds contents of negative reduced
 * cost. Formulation and proof: docs/methods/scheduling.md, section "Lower bounds" → "Column bound".
 *
 * Pricing bound at a node (sessions A included, a pool P of sessions still allowed, k more to choose): with n_v the
 * votes of v in A, c(A ∪ B) − π(A ∪ B) = [c(A) − π(A)] + Σ_{s∈B} e_s + Σ_{v: n_v = 0} w_v max(0, |V_v ∩ B| − 1) where
 * e_s = Σ_{v ∋ s, n_v ≥ 1} w_v − π_s (a voter already present in the slot misses every further vote). For λ_v ∈ [0,1],
 * max(0, n − 1) ≥ λ_v (n − 1) for every integer n ≥ 0, so the last sum is at least
 * Σ_{s∈B} Σ_{v ∋ s, n_v = 0} w_v λ_v − Σ_{v: n_v = 0} w_v λ_v: a linear function of B, minimised over |B| ≤ k by taking
 * the k most negative coefficients. Every λ gives a valid bound; λ is improved by subgradient steps.
 */
import { createRng } from '../random.ts';
import { clock } from './clock.ts';

/** The data of one pricing problem (one class of identical slots). */
export interface PricingProblem {
  /** Number of sessions of the model. */
  readonly S: number;
  /** Sessions allowed in the slots of the class. */
  readonly candidates: Int32Array;
  /** Most sessions in one slot of the class. */
  readonly capacity: number;
  /** Fewest sessions in one slot of the class (the other slots cannot hold more than their capacity); default 0. */
  readonly minSize?: number;
  /** conflict[a * S + b] = 1 if a and b may not share a slot. */
  readonly conflict: Uint8Array;
  /** Per session: indices of the voters (vote sets with ≥ 2 votes) that include it. */
  readonly votersOf: readonly Int32Array[];
  /** Voter weights (multiplicities). */
  readonly weight: Float64Array;
}

/** Missed votes of one slot content: Σ_v w_v max(0, |V_v ∩ G| − 1). */
export function slotCost(p: PricingProblem, G: ArrayLike<number>): number {
  const n = new Map<number, number>();
  let cost = 0;
  for (let i = 0; i < G.length; i++) {
    for (const v of p.votersOf[G[i]]) {
      const before = n.get(v) ?? 0;
      if (before >= 1) cost += p.weight[v];
      n.set(v, before + 1);
    }
  }
  return cost;
}

/** Result of {@link pricingLowerBound}. */
export interface PricingResult {
  /** Proven: every admissible slot content G has c(G) − π(G) ≥ lower (and lower ≤ threshold). */
  readonly lower: number;
  /** Slot contents found with reduced cost below `threshold` (at most `maxColumns`), best first. */
  readonly columns: readonly { readonly sessions: Int32Array; readonly reducedCost: number }[];
  /** The search finished (no node left open by the node or time limit). */
  readonly complete: boolean;
  readonly nodes: number;
  /** Bound at the root node (the Lagrangian relaxation of the pricing problem). */
  readonly rootBound: number;
}

/** Options of {@link pricingLowerBound}. */
export interface PricingOptions {
  /** Prune nodes whose bound is ≥ threshold; default 0. */
  readonly threshold?: number;
  readonly maxNodes?: number;
  /** Absolute deadline (performance.now() milliseconds). */
  readonly deadline?: number;
  /** Stop after this many contents below the threshold. */
  readonly maxColumns?: number;
  /** Subgradient steps on λ at the root and at every other node; defaults 300 and 2. */
  readonly rootIterations?: number;
  readonly nodeIterations?: number;
}

/**
 * Branch and bound for min_G c(G) − π(G) over the admissible contents of one class (sizes `minSize`…`capacity`, no
 * conflicting pair). Nodes whose bound is ≥ `threshold` are pruned, so on completion `lower = min(threshold, best
 * found)`; when the node or time budget runs out, the bound of every open node is folded into `lower`, which stays
 * valid. Stops early after `maxColumns` contents with reduced cost below `threshold` (then `complete` is false).
 */
export function pricingLowerBound(p: PricingProblem, pi: ArrayLike<number>, options: PricingOptions = {}): PricingResult {
  const { S, candidates, capacity, conflict, votersOf, weight } = p;
  const minSize = p.minSize ?? 0;
  const threshold = options.threshold ?? 0;
  const maxNodes = options.maxNodes ?? 50_000_000;
  const deadline = options.deadline ?? Infinity;
  const maxColumns = options.maxColumns ?? Infinity;
  const rootIterations = options.rootIterations ?? 300;
  const nodeIterations = options.nodeIterations ?? 2;
  const V = weight.length;
  const n = new Int32Array(V); // votes of each voter in A
  const lambda = new Float64Array(V);
  const inPool = new Uint8Array(S);
  let poolSize = 0;
  for (const s of candidates) {
    inPool[s] = 1;
    poolSize++;
  }
  const poolCount = new Int32Array(V); // the voter's sessions still in the pool
  for (const s of candidates) for (const v of votersOf[s]) poolCount[v]++;
  const chosen: number[] = [];
  const columns: { sessions: Int32Array; reducedCost: number }[] = [];
  let best = minSize === 0 ? 0 : Infinity; // the empty content, if admissible
  let openBound = Infinity;
  let nodes = 0;
  let aborted = false;
  let rootBound = -Infinity;
  const r = new Float64Array(S);
  const pool = new Int32Array(S);
  const pick = new Int32Array(S); // the minimising B of the last evaluation (most negative first)
  let picked = 0;
  let lastValue = 0; // value of the last evaluation (its λ matches r and pick)
  const pickStamp = new Int32Array(S);
  let stampNo = 0;
  const cnt = new Int32Array(V);
  const coef = new Float64Array(V);
  const offset = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) offset[s + 1] = offset[s] + votersOf[s].length;
  const flat = new Int32Array(offset[S]);
  for (let s = 0; s < S; s++) flat.set(votersOf[s], offset[s]);

  /** Bound at the current node for the current λ; leaves the minimising B in `pick[0..picked)`. */
  const evaluate = (base: number, chosenCount: number): number => {
    const kMax = capacity - chosenCount;
    const kMin = Math.max(0, minSize - chosenCount);
    // coefficient of one vote of v: w_v if v is already in A, w_v λ_v if it may still get ≥ 2 votes, else 0
    let lam = 0;
    for (let v = 0; v < V; v++) {
      let c = 0;
      if (n[v] >= 1) c = weight[v];
      else if (poolCount[v] >= 2) {
        c = weight[v] * lambda[v];
        lam += c;
      }
      coef[v] = c;
    }
    let m = 0;
    for (const s of candidates) {
      if (!inPool[s]) continue;
      let val = -pi[s];
      for (let i = offset[s], end = offset[s + 1]; i < end; i++) val += coef[flat[i]];
      r[s] = val;
      pool[m++] = s;
    }
    if (m < kMin) {
      picked = 0;
      return Infinity;
    }
    // partial selection sort: the kMax smallest, keeping negatives beyond kMin
    let sum = base - lam;
    picked = 0;
    for (let i = 0; i < m && i < kMax; i++) {
      let bi = i;
      for (let j = i + 1; j < m; j++) if (r[pool[j]] < r[pool[bi]]) bi = j;
      const tmp = pool[i];
      pool[i] = pool[bi];
      pool[bi] = tmp;
      const val = r[pool[i]];
      if (i >= kMin && val >= 0) break;
      sum += val;
      pick[picked++] = pool[i];
    }
    lastValue = sum;
    return sum;
  };
  /** Node bound: projected subgradient steps on λ (warm-started from the last node); the best value is kept. */
  const nodeBound = (base: number, chosenCount: number, iterations: number, step0: number): number => {
    let bound = evaluate(base, chosenCount);
    let step = step0;
    for (let it = 0; it < iterations && bound < threshold && bound < best; it++) {
      for (let i = 0; i < picked; i++) for (const v of votersOf[pick[i]]) cnt[v]++;
      let changed = false;
      for (let v = 0; v < V; v++) {
        if (n[v] !== 0 || poolCount[v] < 2) {
          cnt[v] = 0;
          continue;
        }
        const next = Math.min(1, Math.max(0, lambda[v] + step * (cnt[v] - 1)));
        cnt[v] = 0;
        if (next !== lambda[v]) {
          lambda[v] = next;
          changed = true;
        }
      }
      if (!changed) break;
      step *= iterations > 20 ? 0.985 : 0.7;
      const b = evaluate(base, chosenCount);
      if (b > bound) bound = b;
    }
    if (iterations > 0) evaluate(base, chosenCount); // `pick` for the final λ, for branching
    return bound;
  };

  // One stack for the sessions a node removed from the pool (conflicts of an included session, fixed sessions).
  const removed = new Int32Array(S * (capacity + 2) * 2 + S);
  let top = 0;
  const include = (s: number): number => {
    let delta = -pi[s];
    for (const v of votersOf[s]) {
      if (n[v] >= 1) delta += weight[v];
      n[v]++;
      poolCount[v]--;
    }
    inPool[s] = 0;
    chosen.push(s);
    for (const o of candidates) {
      if (inPool[o] && conflict[s * S + o]) {
        inPool[o] = 0;
        for (const v of votersOf[o]) poolCount[v]--;
        removed[top++] = o;
      }
    }
    return delta;
  };
  const exclude = (s: number): void => {
    inPool[s] = 0;
    for (const v of votersOf[s]) poolCount[v]--;
  };
  const restore = (s: number): void => {
    inPool[s] = 1;
    for (const v of votersOf[s]) poolCount[v]++;
  };
  const unInclude = (s: number, from: number): void => {
    while (top > from) restore(removed[--top]);
    for (const v of votersOf[s]) n[v]--;
    restore(s);
    chosen.pop();
  };

  const rec = (base: number, depth: number): void => {
    nodes++;
    const size = chosen.length;
    if (size >= minSize && size > 0) {
      if (base < best) best = base;
      if (base < threshold && columns.length < maxColumns) columns.push({ sessions: Int32Array.from(chosen), reducedCost: base });
    }
    if (columns.length >= maxColumns || nodes > maxNodes || ((nodes & 127) === 0 && clock() > deadline)) {
      aborted = true;
      openBound = Math.min(openBound, size < capacity ? nodeBound(base, size, 0, 0) : size >= minSize ? base : Infinity);
      return;
    }
    if (size === capacity) return;
    const bound = nodeBound(base, size, depth === 0 ? rootIterations : nodeIterations, depth === 0 ? 0.5 : 0.03);
    if (depth === 0) rootBound = bound;
    if (bound >= threshold || bound >= best) return;
    // Branch: include the most attractive session of the minimiser first, then exclude it. If the minimiser is empty
    // (the bound is below A's own value only through λ), branch on the pool session with the least coefficient.
    let s = picked > 0 ? pick[0] : -1;
    if (s < 0) for (const o of candidates) if (inPool[o] && (s < 0 || r[o] < r[s])) s = o;
    if (s < 0) return; // nothing left to add: the subtree is A alone, already recorded
    // Fixing: a pool session o outside the minimiser, if forced in, raises the relaxation to at least
    // lastValue + r_o − drop; if that reaches the cutoff, no content
    // of this subtree containing o matters, so o leaves the pool here.
    const cutoff = Math.min(threshold, best);
    // (B' = the minimiser without o: it may shed its largest coefficient when it is full or when that coefficient is
    // positive, i.e. only there to reach the minimum size.)
    const drop = picked > 0 && (picked === capacity - size || r[pick[picked - 1]] > 0) ? r[pick[picked - 1]] : 0;
    stampNo++;
    for (let i = 0; i < picked; i++) pickStamp[pick[i]] = stampNo;
    const fixedFrom = top;
    for (const o of candidates) {
      if (inPool[o] && pickStamp[o] !== stampNo && o !== s && lastValue + r[o] - drop >= cutoff) {
        exclude(o);
        removed[top++] = o;
      }
    }
    const undoFrom = top;
    const delta = include(s);
    rec(base + delta, depth + 1);
    unInclude(s, undoFrom);
    if (!aborted) {
      exclude(s);
      rec(base, depth + 1);
      restore(s);
    }
    while (top > fixedFrom) restore(removed[--top]);
    if (aborted) openBound = Math.min(openBound, bound);
  };
  rec(0, 0);
  void poolSize;
  columns.sort((a, b) => a.reducedCost - b.reducedCost);
  const lower = Math.min(threshold, best, openBound);
  return { lower, columns, complete: !aborted, nodes, rootBound };
}

/** Local search for slot contents of negative reduced cost (heuristic pricing; proves nothing). */
export function pricingHeuristic(p: PricingProblem, pi: ArrayLike<number>, restarts: number, seed: number, threshold = -1e-6): { sessions: Int32Array; reducedCost: number }[] {
  const { S, candidates, capacity, conflict, votersOf, weight } = p;
  const minSize = p.minSize ?? 0;
  const n = new Int32Array(weight.length);
  const inSet = new Uint8Array(S);
  const rand = createRng(seed).next;
  const found = new Map<string, { sessions: Int32Array; reducedCost: number }>();
  const addGain = (s: number): number => {
    let d = -pi[s];
    for (const v of votersOf[s]) if (n[v] >= 1) d += weight[v];
    return d;
  };
  const removeGain = (s: number): number => {
    let d = pi[s];
    for (const v of votersOf[s]) if (n[v] >= 2) d -= weight[v];
    return d;
  };
  const conflicts = (s: number, set: number[]): boolean => set.some((o) => o !== s && conflict[s * S + o] === 1);
  for (let rs = 0; rs < restarts; rs++) {
    n.fill(0);
    inSet.fill(0);
    const set: number[] = [];
    let value = 0;
    const add = (s: number): void => {
      value += addGain(s);
      for (const v of votersOf[s]) n[v]++;
      inSet[s] = 1;
      set.push(s);
    };
    const remove = (s: number): void => {
      value += removeGain(s);
      for (const v of votersOf[s]) n[v]--;
      inSet[s] = 0;
      set.splice(set.indexOf(s), 1);
    };
    // random start of a random size, then greedy completion
    const first = Math.floor(rand() * capacity);
    for (let i = 0; i < first; i++) {
      const s = candidates[Math.floor(rand() * candidates.length)];
      if (!inSet[s] && !conflicts(s, set)) add(s);
    }
    for (let improved = true, guard = 0; improved && guard < 200; guard++) {
      improved = false;
      // best add
      if (set.length < capacity) {
        let bs = -1;
        let bd = set.length < minSize ? Infinity : -1e-9;
        for (const s of candidates) {
          if (inSet[s] || conflicts(s, set)) continue;
          const d = addGain(s);
          if (d < bd) {
            bd = d;
            bs = s;
          }
        }
        if (bs >= 0) {
          add(bs);
          improved = true;
          continue;
        }
      }
      // best remove
      let br = set.length > minSize ? -1 : -2;
      let brd = -1e-9;
      for (const s of set) {
        const d = removeGain(s);
        if (d < brd) {
          brd = d;
          br = s;
        }
      }
      if (br >= 0 && set.length > minSize) {
        remove(br);
        improved = true;
        continue;
      }
      // best swap
      let bo = -1;
      let bi = -1;
      let bsd = -1e-9;
      for (const o of [...set]) {
        const dOut = removeGain(o);
        for (const v of votersOf[o]) n[v]--;
        inSet[o] = 0;
        const rest = set.filter((x) => x !== o);
        for (const s of candidates) {
          if (inSet[s] || s === o || conflicts(s, rest)) continue;
          const d = dOut + addGain(s);
          if (d < bsd) {
            bsd = d;
            bo = o;
            bi = s;
          }
        }
        for (const v of votersOf[o]) n[v]++;
        inSet[o] = 1;
      }
      if (bo >= 0) {
        remove(bo);
        add(bi);
        improved = true;
      }
    }
    if (set.length > 0 && set.length >= (p.minSize ?? 0) && value < threshold) {
      const sorted = Int32Array.from(set).sort();
      const key = sorted.join(',');
      if (!found.has(key)) found.set(key, { sessions: sorted, reducedCost: value });
    }
  }
  return [...found.values()].sort((a, b) => a.reducedCost - b.reducedCost);
}
