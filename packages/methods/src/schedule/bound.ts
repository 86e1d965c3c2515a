/**
 * A lower bound on the missed votes that does not suffer from slot symmetry: the LP relaxation of a "same slot"
 * (clique-partitioning) formulation with cutting planes. Proof of validity: docs/methods/scheduling.md,
 * section "Lower bounds".
 *
 * Variables: y[s,s'] ∈ [0,1] for every pair of sessions ("s and s' run in the same slot"), m[v] ∈ [0, |V_v| − 1] for
 * every distinct vote set v (its missed votes). For every feasible schedule, y = the same-slot indicator and
 * m = the missed votes satisfy:
 *   y[s,s'] = 0                                   shared exclusive host, declared not-parallel, or no common slot
 *   Σ_{s'} y[s,s'] ≤ D_s                         at most (rooms usable in a slot of s) − 1 other sessions share s's slot
 *   Σ_{s<s'} y[s,s'] ≥ P_min                     the S sessions fill the slots: at least min Σ_t C(n_t, 2) pairs
 *   m[v] ≥ |V_v| − T                             pigeonhole (the combinatorial bound)
 *   m[v] ≥ Σ_{(s,s') ∈ F} y[s,s']                for every forest F on V_v (separated by a maximum spanning forest)
 *   y[a,b] + y[b,c] − y[a,c] ≤ 1                  "same slot" is transitive (separated by enumeration)
 * minimise Σ_v w_v m[v]. Every LP solved along the way is a relaxation, so its optimum bounds the weighted missed
 * votes from below; the value used is a Lagrangian (dual) bound recomputed from HiGHS' row duals in JavaScript, which
 * is valid for any dual vector — solver tolerances cannot make it too high. With integer vote multiplicities the
 * missed votes are integers, so the bound is rounded up.
 *
 * Applies to instances where every session lasts one slot (otherwise `applicable: false`).
 */
import type { CompiledModel } from './model.ts';
import { loadHighs, type HighsLoadOptions } from './ilp.ts';
import { clock } from './clock.ts';

/** Options of {@link pairLpBound}. */
export interface PairBoundOptions {
  /** Wall-clock budget in seconds (checked between LP rounds); default 60. */
  readonly timeLimit?: number;
  /** Most cutting-plane rounds; default 500. */
  readonly maxRounds?: number;
  /** Most triangle cuts added per round (the most violated first); default 3000. */
  readonly trianglesPerRound?: number;
  readonly highs?: HighsLoadOptions;
}

/** Result of {@link pairLpBound}. */
export interface PairBoundResult {
  /** False when the formulation does not apply (sessions longer than one slot, too few rooms). */
  readonly applicable: boolean;
  /** Proven lower bound on the weighted missed votes (rounded up when the weights are integers). */
  readonly missedVotes: number;
  /** The last LP value (for information; the proven figure is `missedVotes`). */
  readonly lpValue: number;
  /** Cutting-plane rounds run, cuts added, and whether separation found nothing more (the LP optimum was reached). */
  readonly rounds: number;
  readonly forestCuts: number;
  readonly triangleCuts: number;
  readonly converged: boolean;
  readonly seconds: number;
}

interface Row {
  readonly idx: number[];
  readonly val: number[];
  readonly lo: number;
  readonly up: number;
}

/** Minimum of Σ_t C(n_t, 2) over Σ_t n_t = S, 0 ≤ n_t ≤ cap_t (water-filling; the marginal cost n_t is convex). */
export function minSameSlotPairs(S: number, cap: ArrayLike<number>): number {
  const n = new Float64Array(cap.length);
  let pairs = 0;
  for (let i = 0; i < S; i++) {
    let best = -1;
    for (let t = 0; t < cap.length; t++) if (n[t] < cap[t] && (best < 0 || n[t] < n[best])) best = t;
    if (best < 0) return Infinity;
    pairs += n[best];
    n[best]++;
  }
  return pairs;
}

/** Computes the pair-LP lower bound of the missed votes (see the module comment). */
export async function pairLpBound(model: CompiledModel, options: PairBoundOptions = {}): Promise<PairBoundResult> {
  const started = clock();
  const seconds = (): number => (clock() - started) / 1000;
  const { S, T, R } = model;
  const none = (): PairBoundResult => ({ applicable: false, missedVotes: 0, lpValue: 0, rounds: 0, forestCuts: 0, triangleCuts: 0, converged: false, seconds: seconds() });
  if (S < 2 || model.duration.some((d) => d !== 1)) return none();
  const limit = (options.timeLimit ?? 60) * 1000;
  const maxRounds = options.maxRounds ?? 500;
  const triPerRound = options.trianglesPerRound ?? 3000;

  // Slots each session may use; sessions a slot can hold.
  const slotsOf: Uint8Array[] = [];
  const roomUsable = new Uint8Array(T * R);
  for (let s = 0; s < S; s++) {
    const ok = new Uint8Array(T);
    for (const c of model.allowed[s]) {
      ok[Math.floor(c / R)] = 1;
      roomUsable[c] = 1;
    }
    slotsOf.push(ok);
  }
  const cap = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < R; r++) if (roomUsable[t * R + r]) cap[t] += model.roomExclusive[r] ? 1 : S;
    cap[t] = Math.min(cap[t], S);
  }
  const pMin = minSameSlotPairs(S, cap);
  if (!Number.isFinite(pMin)) return none();

  const nY = (S * (S - 1)) / 2;
  const pair = (a: number, b: number): number => (a < b ? a * S - (a * (a + 1)) / 2 + (b - a - 1) : b * S - (b * (b + 1)) / 2 + (a - b - 1));
  const sets = model.voterSets;
  const V = sets.length;
  const numCols = nY + V;
  const cost = new Float64Array(numCols);
  const lower = new Float64Array(numCols);
  const upper = new Float64Array(numCols).fill(1);
  for (let v = 0; v < V; v++) {
    cost[nY + v] = model.voterWeight[v];
    lower[nY + v] = Math.max(0, sets[v].length - T);
    upper[nY + v] = Math.max(lower[nY + v], sets[v].length - 1);
  }
  const forbid = (a: number, b: number): void => {
    upper[pair(a, b)] = 0;
  };
  model.hostSessions.forEach((list, h) => {
    if (!model.hostExclusive[h]) return;
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) forbid(list[i], list[j]);
  });
  for (const [a, b] of model.notParallel) forbid(a, b);
  for (let a = 0; a < S; a++) {
    for (let b = a + 1; b < S; b++) {
      let common = false;
      for (let t = 0; t < T && !common; t++) common = slotsOf[a][t] === 1 && slotsOf[b][t] === 1;
      if (!common) forbid(a, b);
    }
  }

  const rows: Row[] = [];
  for (let s = 0; s < S; s++) {
    let most = 0;
    for (let t = 0; t < T; t++) if (slotsOf[s][t]) most = Math.max(most, cap[t]);
    const idx: number[] = [];
    for (let o = 0; o < S; o++) if (o !== s) idx.push(pair(s, o));
    rows.push({ idx, val: idx.map(() => 1), lo: -Infinity, up: most - 1 });
  }
  if (pMin > 0) {
    const idx = Array.from({ length: nY }, (_, i) => i);
    rows.push({ idx, val: idx.map(() => 1), lo: pMin, up: Infinity });
  }

  const highs = await loadHighs(options.highs);
  const m = highs.createModel({
    numCols,
    numRows: 0,
    colCost: cost,
    colLower: lower,
    colUpper: upper,
    rowLower: new Float64Array(0),
    rowUpper: new Float64Array(0),
    matrix: { format: 'csr', numRows: 0, numCols, starts: Int32Array.from([0]), indices: new Int32Array(0), values: new Float64Array(0) },
  } as unknown as Parameters<typeof highs.createModel>[0]);
  const addRows = (list: Row[]): void => {
    if (list.length === 0) return;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const r of list) {
      for (let i = 0; i < r.idx.length; i++) {
        indices.push(r.idx[i]);
        values.push(r.val[i]);
      }
      starts.push(indices.length);
    }
    m.addRows({
      lower: Float64Array.from(list.map((r) => r.lo)),
      upper: Float64Array.from(list.map((r) => r.up)),
      matrix: { format: 'csr', numRows: list.length, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    } as unknown as Parameters<typeof m.addRows>[0]);
  };

  /** Lagrangian bound from a row-dual vector: valid for any dual values (weak duality). */
  const dualBound = (dual: ArrayLike<number>): number => {
    const rc = Float64Array.from(cost);
    let value = 0;
    rows.forEach((r, i) => {
      let y = dual[i] ?? 0;
      if (y > 0 && !Number.isFinite(r.lo)) y = 0;
      if (y < 0 && !Number.isFinite(r.up)) y = 0;
      if (y === 0) return;
      value += y * (y > 0 ? r.lo : r.up);
      for (let k = 0; k < r.idx.length; k++) rc[r.idx[k]] -= y * r.val[k];
    });
    for (let j = 0; j < numCols; j++) value += rc[j] >= 0 ? rc[j] * lower[j] : rc[j] * upper[j];
    return value;
  };

  let best = 0;
  for (let v = 0; v < V; v++) best += model.voterWeight[v] * lower[nY + v];
  let lpValue = best;
  let rounds = 0;
  let forestCuts = 0;
  let triangleCuts = 0;
  let converged = false;
  try {
    m.options.set({ output_flag: false });
    addRows(rows);
    const parent = new Int32Array(16);
    while (rounds < maxRounds) {
      m.run();
      rounds++;
      if (m.getModelStatus() !== highs.constants.modelStatus.optimal) break;
      const sol = m.getSolution();
      lpValue = m.getObjectiveValue();
      best = Math.max(best, dualBound(sol.rowDual));
      const x = sol.colValue;
      const cuts: Row[] = [];
      // Forest cuts: maximum spanning forest of y on each vote set (Kruskal).
      for (let v = 0; v < V; v++) {
        const set = sets[v];
        if (set.length < 2) continue;
        const edges: [number, number, number][] = [];
        for (let a = 0; a < set.length; a++) {
          for (let b = a + 1; b < set.length; b++) {
            const val = x[pair(set[a], set[b])];
            if (val > 1e-9) edges.push([val, a, b]);
          }
        }
        edges.sort((p, q) => q[0] - p[0]);
        const par = set.length <= parent.length ? parent : new Int32Array(set.length);
        for (let i = 0; i < set.length; i++) par[i] = i;
        const find = (i: number): number => {
          while (par[i] !== i) i = par[i] = par[par[i]];
          return i;
        };
        let sum = 0;
        const idx: number[] = [];
        for (const [val, a, b] of edges) {
          const ra = find(a);
          const rb = find(b);
          if (ra === rb) continue;
          par[ra] = rb;
          sum += val;
          idx.push(pair(set[a], set[b]));
        }
        if (sum > x[nY + v] + 1e-6) cuts.push({ idx: [...idx, nY + v], val: [...idx.map(() => 1), -1], lo: -Infinity, up: 0 });
      }
      forestCuts += cuts.length;
      // Triangle cuts, most violated first.
      const tri: [number, number, number, number][] = [];
      for (let i = 0; i < S; i++) {
        for (let j = i + 1; j < S; j++) {
          const yij = x[pair(i, j)];
          for (let k = j + 1; k < S; k++) {
            const yik = x[pair(i, k)];
            const yjk = x[pair(j, k)];
            if (yij + yjk - yik > 1 + 1e-6) tri.push([yij + yjk - yik - 1, pair(i, j), pair(j, k), pair(i, k)]);
            if (yij + yik - yjk > 1 + 1e-6) tri.push([yij + yik - yjk - 1, pair(i, j), pair(i, k), pair(j, k)]);
            if (yik + yjk - yij > 1 + 1e-6) tri.push([yik + yjk - yij - 1, pair(i, k), pair(j, k), pair(i, j)]);
          }
        }
      }
      tri.sort((p, q) => q[0] - p[0]);
      for (const [, a, b, c] of tri.slice(0, triPerRound)) cuts.push({ idx: [a, b, c], val: [1, 1, -1], lo: -Infinity, up: 1 });
      triangleCuts += Math.min(tri.length, triPerRound);
      if (cuts.length === 0) {
        converged = true;
        break;
      }
      if (clock() - started > limit) break;
      rows.push(...cuts);
      addRows(cuts);
    }
  } finally {
    m.dispose();
  }
  const integral = Array.from(model.voterWeight).every((w) => Number.isInteger(w));
  const missedVotes = integral ? Math.max(0, Math.ceil(best - 1e-6)) : best;
  return { applicable: true, missedVotes, lpValue, rounds, forestCuts, triangleCuts, converged, seconds: seconds() };
}
