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
 */
import type { CompiledModel } from './model.ts';
import { loadHighs, type HighsLoadOptions } from './ilp.ts';
import { pricingHeuristic, pricingLowerBound, slotCost, type PricingProblem } from './pricing.ts';
import { clock } from './clock.ts';

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

/** Does the set-partitioning formulation apply? Only to instances whose sessions all last one slot. */
export function columnBoundApplies(model: CompiledModel): boolean {
  return model.duration.every((d) => d === 1);
}

/** Builds the slot classes and their pricing problems; null if the formulation does not apply. */
export function pricingProblems(model: CompiledModel): { classes: SlotClass[]; classOfSlot: Int32Array } | null {
  const { S, T, R } = model;
  if (!columnBoundApplies(model)) return null;
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
  /** Per slot: a pricing gap below this is closed by one exact search (see `certify`). */
  const FINAL_GAP = 0.05;
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
        // Near the best known content, creeping up on it costs a full search per step for almost nothing: search for
        // the exact minimum instead (prune only at the known value; the search then finds it or a better content).
        if (gap < FINAL_GAP) gap = -1e-9;
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
