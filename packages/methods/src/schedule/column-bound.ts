/**
 * Column-generation (Lagrangian) lower bound of the missed votes, with an exact branch-and-bound pricing step.
 * Formulation and proof of validity: docs/methods/scheduling.md, section "Lower bounds" → "Column bound".
 *
 * A *column* is a possible content G of one slot t: a set of sessions allowed in t, at most cap_t of them (rooms
 * usable in t), no two sharing an exclusive host or declared not-parallel. Its cost is the weighted number of missed
 * votes inside the slot, c(G) = Σ_v w_v max(0, |V_v ∩ G| − 1). Slots with the same allowed sessions and capacity form a
 * *class* c with n_c slots. For ANY multipliers π (one per session) every feasible schedule satisfies
 *
 *     missed = Σ_t c(G_t) = Σ_s π_s + Σ_t (c(G_t) − π(G_t)) ≥ Σ_s π_s + Σ_c n_c · min(0, min_{G ∈ class c} (c(G) − π(G)))
 *
 * (each session lies in exactly one G_t; the empty content has reduced cost 0). So L(π) is a lower bound as soon as
 * the inner minimum (the *pricing problem*) is bounded from below. Column generation over a restricted master LP
 * (HiGHS) provides good multipliers π; the pricing minimum is bounded by a dedicated branch and bound
 * ({@link pricingLowerBound}) that is exact when it finishes and still valid when it is cut short (the least bound of
 * the nodes left open).
 *
 * Pricing bound at a node (sessions A included, a pool P of sessions still allowed, k more to choose): with n_v the
 * votes of v in A, c(A ∪ B) − π(A ∪ B) = [c(A) − π(A)] + Σ_{s∈B} e_s + Σ_{v: n_v = 0} w_v max(0, |V_v ∩ B| − 1) where
 * e_s = Σ_{v ∋ s, n_v ≥ 1} w_v − π_s (a voter already present in the slot misses every further vote). For λ_v ∈ [0,1],
 * max(0, n − 1) ≥ λ_v (n − 1) for every integer n ≥ 0, so the last sum is at least
 * Σ_{s∈B} Σ_{v ∋ s, n_v = 0} w_v λ_v − Σ_{v: n_v = 0} w_v λ_v: a linear function of B, minimised over |B| ≤ k by taking
 * the k most negative coefficients. Every λ gives a valid bound; λ is improved by subgradient steps.
 */
import type { CompiledModel } from './model.ts';
import { loadHighs, type HighsLoadOptions } from './ilp.ts';

const clock = (): number => globalThis.performance?.now() ?? Date.now();

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
  let state = seed >>> 0 || 1;
  const rand = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
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

/** Options of {@link columnBound}. */
export interface ColumnBoundOptions {
  /** Wall-clock budget in seconds for the whole computation; default 10. */
  readonly timeLimit?: number;
  /** Share of the budget reserved for the final exact pricing (certificate); default 0.7. */
  readonly certifyShare?: number;
  /** Known schedules (cells per session, `slot * R + room`) whose slot contents seed the master LP. */
  readonly schedules?: readonly ArrayLike<number>[];
  /** Heuristic pricing restarts per round and class; default 60. */
  readonly restarts?: number;
  /** Most column-generation rounds; default 300. */
  readonly maxRounds?: number;
  readonly seed?: number;
  readonly highs?: HighsLoadOptions;
  /** Progress messages (for benchmarks). */
  readonly log?: (message: string) => void;
}

/** Result of {@link columnBound}. */
export interface ColumnBoundResult {
  /** False when the formulation does not apply (a session longer than one slot) or no schedule was given. */
  readonly applicable: boolean;
  /** Proven lower bound of the weighted missed votes (rounded up when the weights are integers). */
  readonly missedVotes: number;
  /** The unrounded Lagrangian bound L(π) that was proven. */
  readonly lagrangian: number;
  /** Value of the restricted master LP at the end (not a bound by itself). */
  readonly masterValue: number;
  /** Lower bound on the pricing minimum used in the certificate, per class (≤ 0). */
  readonly pricingLower: readonly number[];
  /** Whether the certifying branch and bound finished for every class (else its open nodes were folded in). */
  readonly pricingComplete: boolean;
  readonly rounds: number;
  readonly columns: number;
  readonly pricingNodes: number;
  readonly seconds: number;
  /** The multipliers π of the certificate (one per session). */
  readonly pi: readonly number[];
}

interface SlotClass {
  readonly slots: number[];
  readonly problem: PricingProblem;
}

/** Builds the slot classes and their pricing problems; null if the formulation does not apply. */
export function pricingProblems(model: CompiledModel): { classes: SlotClass[]; classOfSlot: Int32Array } | null {
  const { S, T, R } = model;
  if (model.duration.some((d) => d !== 1)) return null;
  const allowedIn: Uint8Array[] = Array.from({ length: T }, () => new Uint8Array(S));
  const roomUsable = new Uint8Array(T * R);
  for (let s = 0; s < S; s++) {
    for (const c of model.allowed[s]) {
      allowedIn[Math.floor(c / R)][s] = 1;
      roomUsable[c] = 1;
    }
  }
  const conflict = new Uint8Array(S * S);
  model.hostSessions.forEach((list, h) => {
    if (!model.hostExclusive[h]) return;
    for (const a of list) for (const b of list) if (a !== b) conflict[a * S + b] = 1;
  });
  for (const [a, b] of model.notParallel) {
    conflict[a * S + b] = 1;
    conflict[b * S + a] = 1;
  }
  const keep: number[] = [];
  model.voterSets.forEach((set, v) => {
    if (set.length >= 2) keep.push(v);
  });
  const weight = Float64Array.from(keep.map((v) => model.voterWeight[v]));
  const votersOfList: number[][] = Array.from({ length: S }, () => []);
  keep.forEach((v, i) => {
    for (const s of model.voterSets[v]) votersOfList[s].push(i);
  });
  const votersOf = votersOfList.map((l) => Int32Array.from(l));
  const classes: SlotClass[] = [];
  const keys = new Map<string, number>();
  const classOfSlot = new Int32Array(T);
  const caps = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let cap = 0;
    for (let r = 0; r < R; r++) if (roomUsable[t * R + r]) cap += model.roomExclusive[r] ? 1 : S;
    caps[t] = Math.min(cap, S);
  }
  const totalCap = caps.reduce((a, b) => a + b, 0);
  for (let t = 0; t < T; t++) {
    const candidates: number[] = [];
    for (let s = 0; s < S; s++) if (allowedIn[t][s]) candidates.push(s);
    // The other slots hold at most their capacity, so this slot holds at least the rest.
    const minSize = Math.max(0, S - (totalCap - caps[t]));
    const key = `${caps[t]}|${minSize}|${candidates.join(',')}`;
    let c = keys.get(key);
    if (c === undefined) {
      c = classes.length;
      keys.set(key, c);
      classes.push({ slots: [], problem: { S, candidates: Int32Array.from(candidates), capacity: caps[t], minSize, conflict, votersOf, weight } });
    }
    classes[c].slots.push(t);
    classOfSlot[t] = c;
  }
  return { classes, classOfSlot };
}

/**
 * Column-generation lower bound of the weighted missed votes (see the module comment). Needs at least one feasible
 * schedule in `options.schedules` to start the master LP.
 */
export async function columnBound(model: CompiledModel, options: ColumnBoundOptions = {}): Promise<ColumnBoundResult> {
  const started = clock();
  const seconds = (): number => (clock() - started) / 1000;
  const limit = (options.timeLimit ?? 10) * 1000;
  const certifyAt = started + limit * (1 - (options.certifyShare ?? 0.7));
  const { S, R } = model;
  const built = pricingProblems(model);
  const none = (): ColumnBoundResult => ({ applicable: false, missedVotes: 0, lagrangian: 0, masterValue: 0, pricingLower: [], pricingComplete: false, rounds: 0, columns: 0, pricingNodes: 0, seconds: seconds(), pi: [] });
  if (!built || !options.schedules || options.schedules.length === 0 || S === 0) return none();
  const { classes, classOfSlot } = built;
  const C = classes.length;
  const highs = await loadHighs(options.highs);
  // Master: rows 0..S-1 sessions (= 1), rows S..S+C-1 classes (≤ n_c).
  const numRows = S + C;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let s = 0; s < S; s++) {
    rowLower[s] = 1;
    rowUpper[s] = 1;
  }
  for (let c = 0; c < C; c++) {
    rowLower[S + c] = -Infinity;
    rowUpper[S + c] = classes[c].slots.length;
  }
  const m = highs.createModel({
    numCols: 0,
    numRows,
    colCost: new Float64Array(0),
    colLower: new Float64Array(0),
    colUpper: new Float64Array(0),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: 0, starts: Int32Array.from([0]), indices: new Int32Array(0), values: new Float64Array(0) },
  } as unknown as Parameters<typeof highs.createModel>[0]);
  const seen = new Set<string>();
  let numColumns = 0;
  const addColumn = (c: number, sessions: Int32Array): boolean => {
    const sorted = Int32Array.from(sessions).sort();
    const key = `${c}:${sorted.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const cost = slotCost(classes[c].problem, sorted);
    m.addCol(cost, 0, Infinity, { indices: Int32Array.from([...sorted, S + c]), values: new Float64Array(sorted.length + 1).fill(1) });
    numColumns++;
    return true;
  };
  const admissible = (c: number, list: number[]): boolean => {
    const p = classes[c].problem;
    if (list.length < (p.minSize ?? 0) || list.length > p.capacity) return false;
    for (const a of list) {
      if (!p.candidates.includes(a)) return false;
      for (const b of list) if (p.conflict[a * S + b]) return false;
    }
    return true;
  };
  for (const cells of options.schedules) {
    const content: number[][] = Array.from({ length: model.T }, () => []);
    for (let s = 0; s < S; s++) content[Math.floor(cells[s] / R)].push(s);
    content.forEach((list, t) => {
      if (list.length > 0) addColumn(classOfSlot[t], Int32Array.from(list));
    });
    // Swap neighbours of the schedule (one session exchanged between two slots) keep the master from stalling on
    // the degenerate start.
    for (let t = 0; t < model.T; t++) {
      for (let u = t + 1; u < model.T; u++) {
        for (const a of content[t]) {
          for (const b of content[u]) {
            const first = content[t].map((x) => (x === a ? b : x));
            const second = content[u].map((x) => (x === b ? a : x));
            if (admissible(classOfSlot[t], first)) addColumn(classOfSlot[t], Int32Array.from(first));
            if (admissible(classOfSlot[u], second)) addColumn(classOfSlot[u], Int32Array.from(second));
          }
        }
      }
    }
  }
  const integral = Array.from(model.voterWeight).every((w) => Number.isInteger(w));
  let bestPi = new Float64Array(S);
  let bestValue = -Infinity;
  let bestLowers: number[] = [];
  let bestComplete = false;
  let masterValue = NaN;
  let rounds = 0;
  let pricingNodes = 0;
  const maxRounds = options.maxRounds ?? 300;
  const restarts = options.restarts ?? 60;
  const TAIL = 5e-4;
  const TAIL_ROUNDS = 5;
  let seed = options.seed ?? 1;
  const pi = new Float64Array(S);
  const mu = new Float64Array(C);
  try {
    m.options.set({ output_flag: false });
    const solveMaster = (): boolean => {
      m.run();
      if (m.getModelStatus() !== highs.constants.modelStatus.optimal) return false;
      const sol = m.getSolution();
      masterValue = m.getObjectiveValue();
      for (let s = 0; s < S; s++) pi[s] = sol.rowDual[s];
      for (let c = 0; c < C; c++) mu[c] = Math.min(0, sol.rowDual[S + c]);
      return true;
    };
    /** Column-generation rounds with the heuristic pricing (exact pricing with a short budget when it fails). */
    const generate = (until: number): void => {
      const history: number[] = [];
      while (rounds < maxRounds && clock() < until) {
        if (!solveMaster()) break;
        rounds++;
        options.log?.(`round ${rounds}: master ${masterValue.toFixed(3)}, ${numColumns} columns, ${seconds().toFixed(1)} s`);
        history.push(masterValue);
        // tailing off: less than 0.05 % progress over the last 5 rounds
        if (history.length > TAIL_ROUNDS && history[history.length - 1 - TAIL_ROUNDS] - masterValue <= TAIL * Math.abs(masterValue)) break;
        let added = 0;
        for (let c = 0; c < C; c++) {
          for (const col of pricingHeuristic(classes[c].problem, pi, restarts, seed++, mu[c] - 1e-6)) if (addColumn(c, col.sessions)) added++;
        }
        if (added === 0) {
          for (let c = 0; c < C; c++) {
            const res = pricingLowerBound(classes[c].problem, pi, { threshold: mu[c] - 1e-6, maxColumns: 20, deadline: Math.min(until, clock() + 2000) });
            pricingNodes += res.nodes;
            for (const col of res.columns) if (addColumn(c, col.sessions)) added++;
          }
          if (added === 0) break;
        }
      }
    };
    generate(certifyAt);
    if (Number.isNaN(masterValue) || rounds === 0) return none();
    // Certificate for the current multipliers, repeated while time remains: when every class's pricing minimum was
    // found exactly, the contents below the master's class duals go into the master, column generation resumes, and
    // the new multipliers are certified again. Every pass is a valid bound; the best is kept.
    for (let pass = 0; ; pass++) {
      if (!solveMaster()) break;
      const piNow = Float64Array.from(pi);
      const cert = certify(piNow);
      if (cert.value > bestValue) {
        bestValue = cert.value;
        bestPi = piNow;
        bestLowers = cert.lowers;
        bestComplete = cert.complete;
      }
      if (!cert.complete || clock() >= started + limit) break;
      let added = 0;
      for (let c = 0; c < C; c++) for (const col of cert.columns[c]) if (col.reducedCost < mu[c] - 1e-6 && addColumn(c, col.sessions)) added++;
      options.log?.(`pass ${pass}: bound ${cert.value.toFixed(3)}, master ${masterValue.toFixed(3)}, ${added} new columns from the exact pricing`);
      if (added === 0) break; // the master LP is optimal: its value is the bound
      generate(clock() + 0.2 * (started + limit - clock()));
    }
  } finally {
    m.dispose();
  }

  /**
   * Bounds the pricing minimum of every class for multipliers `piNow` within the remaining time. Each class is
   * searched with rising thresholds; every finished search proves its threshold, an interrupted one the least bound of
   * its open nodes.
   */
  function certify(piNow: Float64Array): { value: number; lowers: number[]; complete: boolean; columns: { sessions: Int32Array; reducedCost: number }[][] } {
    const lowers: number[] = [];
    const found: { sessions: Int32Array; reducedCost: number }[][] = [];
    let complete = true;
    let value = 0;
    for (let s = 0; s < S; s++) value += piNow[s];
    for (let c = 0; c < C; c++) {
      const problem = classes[c].problem;
      const classDeadline = clock() + Math.max(0, started + limit - clock()) / (C - c);
      const root = pricingLowerBound(problem, piNow, { threshold: Infinity, maxNodes: 1 });
      const known = Math.min(problem.minSize ? Infinity : 0, ...pricingHeuristic(problem, piNow, 40, 7, Infinity).map((col) => col.reducedCost));
      let proven = root.lower;
      let classComplete = false;
      let columns: { sessions: Int32Array; reducedCost: number }[] = [];
      pricingNodes += root.nodes;
      // Targets: first halve the gap between the root bound and the best known content; then extrapolate the node
      // count (it grows roughly exponentially as the gap shrinks) so that the next search fits the remaining time.
      const runs: { gap: number; nodes: number; ms: number }[] = [];
      for (let attempt = 0; clock() < classDeadline && attempt < 60; attempt++) {
        if (proven >= known - 1e-9) {
          classComplete = true; // the bound meets a known content: it is the pricing minimum
          break;
        }
        let gap = 0.5 * (known - proven);
        const last = runs[runs.length - 1];
        if (runs.length >= 2 && last.nodes > 50) {
          const prev = runs[runs.length - 2];
          const slope = (Math.log(last.nodes) - Math.log(prev.nodes)) / (last.gap - prev.gap); // < 0 normally
          const affordable = (0.6 * (classDeadline - clock())) / Math.max(1e-6, last.ms / last.nodes);
          const guess = slope < 0 ? last.gap + (Math.log(affordable) - Math.log(last.nodes)) / slope : 0.5 * last.gap;
          gap = Math.min(0.9 * last.gap, Math.max(0.25 * last.gap, guess));
        }
        const target = known - gap;
        const t0 = clock();
        const res = pricingLowerBound(problem, piNow, { threshold: target, deadline: classDeadline, maxColumns: 200 });
        pricingNodes += res.nodes;
        proven = Math.max(proven, res.lower);
        options.log?.(`class ${c}: threshold ${target.toFixed(2)} (root ${root.rootBound.toFixed(2)}, best known ${known.toFixed(2)}): proven ${proven.toFixed(2)}, ${res.nodes} nodes, complete ${res.complete}, ${seconds().toFixed(1)} s`);
        if (!res.complete) break;
        runs.push({ gap, nodes: res.nodes, ms: clock() - t0 });
        if (res.lower < target - 1e-9 || gap < 1e-6) {
          classComplete = res.lower < target - 1e-9 || proven >= known - 1e-6; // the search reached the pricing minimum
          columns = [...res.columns];
          break;
        }
      }
      found.push(columns);
      lowers.push(proven);
      complete &&= classComplete;
      value += classes[c].slots.length * (problem.minSize ? proven : Math.min(0, proven));
    }
    return { value, lowers, complete, columns: found };
  }
  const value = Number.isFinite(bestValue) ? bestValue : 0;
  const lowers = bestLowers;
  const complete = bestComplete;
  const missedVotes = integral ? Math.max(0, Math.ceil(value - 1e-6)) : Math.max(0, value);
  return { applicable: true, missedVotes, lagrangian: value, masterValue, pricingLower: lowers, pricingComplete: complete, rounds, columns: numColumns, pricingNodes, seconds: seconds(), pi: Array.from(bestPi) };
}
