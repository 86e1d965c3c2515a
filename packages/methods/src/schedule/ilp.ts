/**
 * Exact model: a mixed-integer linear program solved with HiGHS (npm `highs`, HiGHS compiled to WebAssembly).
 * The solver is loaded lazily on first use, so heuristic-only callers never load the WebAssembly binary.
 *
 * Variables: x[s,c] ∈ {0,1} for every allowed cell c = (start slot, room) of session s; z[s,t] ∈ [0,1] = session s
 * runs in slot t; e[v,t] ≥ 0 = missed votes of vote set v in slot t.
 *   Σ_c x[s,c] = 1                          every session is scheduled
 *   z[s,t] − Σ_{c covers t} x[s,c] = 0      slot indicator
 *   Σ_{s, c covers (t,r)} x[s,c] ≤ 1        one session per room and slot
 *   Σ_{s ∋ h} z[s,t] ≤ 1                    hosts never double-booked
 *   z[a,t] + z[b,t] ≤ 1                     declared not-parallel pairs
 *   Σ_{s ∈ V_v} z[s,t] − e[v,t] ≤ 1         missed votes
 * minimise  W_missed Σ w_v e[v,t] + W_overflow Σ overflow[s,r] x[s,c] (+ W_move Σ_{c ≠ previous} x[s,c] when re-planning).
 */
import type { Highs } from 'highs';
import type { CompiledModel } from './model.ts';
import { clock } from './clock.ts';

/** How to find the HiGHS WebAssembly binary (for bundlers); in Node nothing is needed. */
export interface HighsLoadOptions {
  readonly locateFile?: (file: string) => string;
  readonly wasmBinary?: ArrayBuffer | ArrayBufferView;
}

let highsPromise: Promise<Highs> | null = null;

/** Loads (once) and returns the HiGHS solver. */
export function loadHighs(options: HighsLoadOptions = {}): Promise<Highs> {
  if (!highsPromise) {
    highsPromise = import('highs').then((mod) => {
      const loader = (mod as unknown as { default: (o?: object) => Promise<Highs> }).default;
      return loader({ ...(options.locateFile ? { locateFile: options.locateFile } : {}), ...(options.wasmBinary ? { wasmBinary: options.wasmBinary } : {}) });
    });
    highsPromise.catch(() => {
      highsPromise = null;
    });
  }
  return highsPromise;
}

/** Settings of one ILP solve. */
export interface IlpOptions {
  /** Seconds; default 10. */
  readonly timeLimit?: number;
  /** Relative MIP gap at which HiGHS stops; default 1e-6. */
  readonly relativeGap?: number;
  /** HiGHS random seed; default 1. */
  readonly seed?: number;
  /** Known feasible cells handed to HiGHS as a start. */
  readonly start?: ArrayLike<number>;
  /** Previous cells for re-planning (−1 = new session). */
  readonly previous?: ArrayLike<number>;
  /** Cost of one moved session when re-planning. */
  readonly moveWeight?: number;
  /** Ignore the objective (feasibility check only). */
  readonly feasibilityOnly?: boolean;
  readonly highs?: HighsLoadOptions;
}

/** Outcome of one ILP solve. */
export interface IlpResult {
  readonly status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  /** Best cells found (null if none). */
  readonly cells: Int32Array | null;
  /** Solver objective (including move costs when re-planning); NaN without a solution. */
  readonly value: number;
  /** Proven lower bound of the solver objective. */
  readonly bound: number;
  readonly seconds: number;
}

interface Built {
  readonly data: Parameters<Highs['createModel']>[0];
  readonly xSession: Int32Array;
  readonly xCell: Int32Array;
  readonly numCols: number;
  readonly zBase: number;
  readonly eBase: number;
}

function build(model: CompiledModel, options: IlpOptions): Built {
  const { S, T, R } = model;
  const Wm = options.feasibilityOnly ? 0 : model.weights.missedVote;
  const Wo = options.feasibilityOnly ? 0 : model.weights.overflow;
  const xSessionList: number[] = [];
  const xCellList: number[] = [];
  const cost: number[] = [];
  for (let s = 0; s < S; s++) {
    for (const c of model.allowed[s]) {
      xSessionList.push(s);
      xCellList.push(c);
      let k = Wo * model.overflowCost[s * R + (c % R)];
      if (options.previous && options.previous[s] >= 0 && options.previous[s] !== c) k += options.moveWeight ?? 0;
      cost.push(k);
    }
  }
  const nx = xSessionList.length;
  const zBase = nx;
  const eSets = options.feasibilityOnly ? [] : model.voterSets.map((set, v) => ({ set, v })).filter(({ set }) => set.reduce((n, s) => n + model.duration[s], 0) >= 2);
  const eBase = zBase + S * T;
  const numCols = eBase + eSets.length * T;
  for (let i = 0; i < S * T; i++) cost.push(0);
  for (const { v } of eSets) for (let t = 0; t < T; t++) cost.push(Wm * model.voterWeight[v]);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  for (let i = eBase; i < numCols; i++) colUpper[i] = Infinity;
  const integrality = new Int32Array(numCols);
  for (let i = 0; i < nx; i++) integrality[i] = 1;

  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (idx: number[], val: number[], lo: number, hi: number): void => {
    for (let i = 0; i < idx.length; i++) {
      indices.push(idx[i]);
      values.push(val[i]);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const xOf: number[][] = Array.from({ length: S }, () => []);
  for (let i = 0; i < nx; i++) xOf[xSessionList[i]].push(i);
  const coverCell: number[][] = Array.from({ length: T * R }, () => []);
  const coverSlot: number[][] = Array.from({ length: S * T }, () => []);
  for (let i = 0; i < nx; i++) {
    const s = xSessionList[i];
    const t0 = Math.floor(xCellList[i] / R);
    const r = xCellList[i] % R;
    for (let k = 0; k < model.duration[s]; k++) {
      coverCell[(t0 + k) * R + r].push(i);
      coverSlot[s * T + t0 + k].push(i);
    }
  }
  for (let s = 0; s < S; s++) addRow(xOf[s], xOf[s].map(() => 1), 1, 1);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const list = coverSlot[s * T + t];
      addRow([zBase + s * T + t, ...list], [1, ...list.map(() => -1)], 0, 0);
    }
  }
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < R; r++) {
      const list = coverCell[t * R + r];
      if (model.roomExclusive[r] && list.length > 1) addRow(list, list.map(() => 1), -Infinity, 1);
    }
  }
  model.hostSessions.forEach((sessions, h) => {
    if (!model.hostExclusive[h] || sessions.length < 2) return;
    for (let t = 0; t < T; t++) addRow(sessions.map((s) => zBase + s * T + t), sessions.map(() => 1), -Infinity, 1);
  });
  for (const [a, b] of model.notParallel) for (let t = 0; t < T; t++) addRow([zBase + a * T + t, zBase + b * T + t], [1, 1], -Infinity, 1);
  eSets.forEach(({ set }, j) => {
    for (let t = 0; t < T; t++) addRow([...set.map((s) => zBase + s * T + t), eBase + j * T + t], [...set.map(() => 1), -1], -Infinity, 1);
  });
  const numRows = rowLower.length;
  const data = {
    numCols,
    numRows,
    colCost: Float64Array.from(cost),
    colLower,
    colUpper,
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: 'csr' as const, numRows, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    integrality: integrality as unknown as Int32Array,
  };
  return { data: data as unknown as Built['data'], xSession: Int32Array.from(xSessionList), xCell: Int32Array.from(xCellList), numCols, zBase, eBase };
}

/** Full column vector for given cells (so HiGHS can use them as a start). */
function startVector(model: CompiledModel, built: Built, cells: ArrayLike<number>): Float64Array {
  const { T, R } = model;
  const col = new Float64Array(built.numCols);
  for (let i = 0; i < built.xSession.length; i++) {
    const s = built.xSession[i];
    if (cells[s] !== built.xCell[i]) continue;
    col[i] = 1;
    const t0 = Math.floor(built.xCell[i] / R);
    for (let k = 0; k < model.duration[s]; k++) col[built.zBase + s * T + t0 + k] = 1;
  }
  let j = 0;
  if (built.eBase === built.numCols) return col;
  model.voterSets.forEach((set) => {
    if (set.reduce((n, s) => n + model.duration[s], 0) < 2) return;
    for (let t = 0; t < T; t++) {
      let n = 0;
      for (const s of set) n += col[built.zBase + s * T + t];
      col[built.eBase + j * T + t] = Math.max(0, n - 1);
    }
    j++;
  });
  return col;
}

/** Builds and solves the ILP. */
export async function solveIlp(model: CompiledModel, options: IlpOptions = {}): Promise<IlpResult> {
  const highs = await loadHighs(options.highs);
  const started = clock();
  if (model.S === 0) return { status: 'optimal', cells: new Int32Array(0), value: 0, bound: 0, seconds: 0 };
  if (model.allowed.some((list) => list.length === 0)) return { status: 'infeasible', cells: null, value: NaN, bound: Infinity, seconds: 0 };
  const built = build(model, options);
  const m = highs.createModel(built.data);
  try {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimit ?? 10,
      mip_rel_gap: options.relativeGap ?? 1e-6,
      random_seed: options.seed ?? 1,
    });
    if (options.start) m.setSolution({ colValue: startVector(model, built, options.start) });
    m.run();
    const code = m.getModelStatus();
    const st = highs.constants.modelStatus;
    const seconds = (clock() - started) / 1000;
    if (code === st.infeasible) return { status: 'infeasible', cells: null, value: NaN, bound: Infinity, seconds };
    const primal = Number(m.info.get('primal_solution_status'));
    let cells: Int32Array | null = null;
    let value = NaN;
    if (primal === 2) {
      const x = m.getSolution().colValue;
      cells = new Int32Array(model.S).fill(-1);
      for (let i = 0; i < built.xSession.length; i++) if (x[i] > 0.5) cells[built.xSession[i]] = built.xCell[i];
      value = m.getObjectiveValue();
    }
    let bound = Number(m.info.get('mip_dual_bound'));
    if (!Number.isFinite(bound)) bound = code === st.optimal ? value : 0;
    const status = code === st.optimal ? 'optimal' : cells ? 'feasible' : 'unknown';
    return { status, cells, value, bound: status === 'optimal' ? Math.min(bound, value) : bound, seconds };
  } finally {
    m.dispose();
  }
}
