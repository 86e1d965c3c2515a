/**
 * The scheduler entry points: solve (heuristic, exact or both), re-plan with the fewest moves, and the
 * infeasibility analysis (irreducible infeasible subset by deletion filtering over constraint groups).
 */
import type { Schedule, ScheduleInstance } from './types.ts';
import { compile, cellsToSchedule, type CompiledModel } from './model.ts';
import { InfeasibleScheduleError, ScheduleInputError, type ConstraintGroup } from './errors.ts';
import { anneal, combinatorialBound, objectiveUpperBound, overflowLowerBound } from './heuristic.ts';
import { solveIlp, type HighsLoadOptions, type IlpResult } from './ilp.ts';
import { pairLpBound, type PairBoundResult } from './bound.ts';
import { columnBound, columnBoundApplies, type ColumnBoundResult } from './column-bound.ts';
import { evaluateCells, qualityVsRandom, type Evaluation, type QualityReport } from './evaluate.ts';
import { clock } from './clock.ts';

/** Options of {@link solveSchedule}. */
export interface SolveOptions {
  /**
   * `heuristic`: simulated annealing and tabu search only (bound: combinatorial); `exact`: HiGHS ILP warm-started with
   * the heuristic, for the whole time limit; `auto` (default): heuristic, then, if the model has at most `exactLimit`
   * placement variables, the ILP — for half of the remaining time when all sessions last one slot, and if that does
   * not prove the schedule optimal, the column-generation bound for the rest (unless `columnBoundTimeLimit` is given).
   */
  readonly mode?: 'auto' | 'exact' | 'heuristic';
  /** Seed of the heuristic and of HiGHS; default 1. */
  readonly seed?: number;
  /** Overall time limit in seconds; default 10. */
  readonly timeLimit?: number;
  /** Annealing moves (default 1000 × sessions + 20000). */
  readonly iterations?: number;
  /** Iterations of the tabu search after the annealing (default min(400 × sessions, max(1000, 8·10⁷ / sessions²)); 0 = none). */
  readonly tabuIterations?: number;
  /** Largest number of placement variables for which `auto` runs the ILP; default 4000. */
  readonly exactLimit?: number;
  /** Random schedules sampled for "quality vs random"; default 30. */
  readonly randomSamples?: number;
  /**
   * Seconds for the pair-LP lower bound (`pairLpBound`, docs/methods/scheduling.md "Lower bounds"), which is not
   * weakened by slot symmetry; default 0 = off (the combinatorial bound, and the ILP's bound when it runs).
   */
  readonly boundTimeLimit?: number;
  /**
   * Seconds for the column-generation (Lagrangian) lower bound (`columnBound`, docs/methods/scheduling.md "Lower
   * bounds"), the strongest bound for instances of one-slot sessions; default: what `auto` leaves over after the ILP
   * (see `mode`), 0 = off otherwise.
   */
  readonly columnBoundTimeLimit?: number;
  /** Where to find the HiGHS WebAssembly binary (bundlers). */
  readonly highs?: HighsLoadOptions;
}

/** A solved schedule with its evaluation, a proven lower bound and the optimality gap. */
export interface SolveResult {
  readonly schedule: Schedule;
  readonly evaluation: Evaluation;
  readonly quality: QualityReport;
  /** Objective of the schedule (= evaluation.objective). */
  readonly objective: number;
  /** Proven lower bound of the objective. */
  readonly lowerBound: number;
  /** (objective − lowerBound) / objective; 0 when the objective is 0. */
  readonly gap: number;
  /** True if the objective is proven optimal. */
  readonly optimal: boolean;
  /** Which method produced the schedule. */
  readonly method: 'heuristic' | 'exact';
  /** The pair-LP bound, when `boundTimeLimit` asked for it. */
  readonly pairBound?: PairBoundResult;
  /** The column-generation bound, when `columnBoundTimeLimit` asked for it. */
  readonly columnBound?: ColumnBoundResult;
  /** Whether the ILP ran. */
  readonly exactRan: boolean;
  readonly seconds: number;
  readonly seed: number;
}

function placementVariables(model: CompiledModel): number {
  return model.allowed.reduce((n, list) => n + list.length, 0);
}

/** Relative gap between an objective and a lower bound. */
export function relativeGap(objective: number, bound: number): number {
  if (objective <= 1e-9) return 0;
  return Math.max(0, (objective - bound) / Math.abs(objective));
}

/** Is the instance feasible with the given groups relaxed? true / false / null (undecided within the time limit). */
async function feasible(instance: ScheduleInstance, relaxed: ReadonlySet<string>, seconds: number, highs?: HighsLoadOptions): Promise<boolean | null> {
  const model = compile(instance, relaxed);
  if (model.allowed.some((list) => list.length === 0)) return false;
  const quick = anneal(model, { seed: 7, iterations: 200 * model.S + 2000, tabuIterations: 0 }); // feasibility only
  if (quick.hard === 0) return true;
  const ilp = await solveIlp(model, { feasibilityOnly: true, timeLimit: seconds, highs });
  if (ilp.status === 'infeasible') return false;
  if (ilp.status === 'optimal' || ilp.status === 'feasible') return true;
  return null;
}

/** Result of the infeasibility analysis. */
export interface ConflictReport {
  /** The constraint groups that cannot all hold. */
  readonly conflict: readonly ConstraintGroup[];
  /** False if a time limit prevented proving minimality. */
  readonly irreducible: boolean;
}

/**
 * Finds an irreducible infeasible subset of constraint groups by deletion filtering: every group is tentatively
 * relaxed; if the rest is still infeasible it is dropped for good, otherwise it belongs to the conflict.
 * Returns null if the instance is feasible.
 */
export async function findConflict(instance: ScheduleInstance, options: { timeLimitPerCheck?: number; highs?: HighsLoadOptions } = {}): Promise<ConflictReport | null> {
  const seconds = options.timeLimitPerCheck ?? 5;
  const model = compile(instance);
  const first = await feasible(instance, new Set(), seconds, options.highs);
  if (first !== false) return null;
  const relaxed = new Set<string>();
  const kept: ConstraintGroup[] = [];
  let irreducible = true;
  for (const group of model.groups) {
    const trial = new Set(relaxed).add(group.id);
    const ok = await feasible(instance, trial, seconds, options.highs);
    if (ok === false) relaxed.add(group.id);
    else {
      kept.push(group);
      if (ok === null) irreducible = false;
    }
  }
  return { conflict: kept, irreducible };
}

async function throwInfeasible(instance: ScheduleInstance, highs?: HighsLoadOptions): Promise<never> {
  const report = await findConflict(instance, { highs });
  if (!report) throw new Error('internal: instance reported infeasible but the analysis found a schedule');
  throw new InfeasibleScheduleError(report.conflict, report.irreducible);
}

/**
 * Schedules all sessions of an instance. Hard constraints are never violated: if no feasible schedule exists an
 * {@link InfeasibleScheduleError} with the smallest conflicting set of constraint groups is thrown; malformed input
 * throws {@link ScheduleInputError}.
 */
export async function solveSchedule(instance: ScheduleInstance, options: SolveOptions = {}): Promise<SolveResult> {
  const started = clock();
  const seed = options.seed ?? 1;
  const limit = (options.timeLimit ?? 10) * 1000;
  const mode = options.mode ?? 'auto';
  const model = compile(instance);
  if (model.allowed.some((list) => list.length === 0)) await throwInfeasible(instance, options.highs);
  const heuristic = anneal(model, { seed, iterations: options.iterations, tabuIterations: options.tabuIterations, timeLimitMs: mode === 'heuristic' ? limit : limit / 2 });
  let cells: Int32Array | null = heuristic.hard === 0 ? heuristic.cells : null;
  let method: SolveResult['method'] = 'heuristic';
  let bound = combinatorialBound(model);
  let exactRan = false;
  let optimal = false;
  const runExact = mode === 'exact' || (mode === 'auto' && placementVariables(model) <= (options.exactLimit ?? 4000));
  // HiGHS proves small instances optimal quickly, but slot symmetry keeps its bound near the combinatorial one on
  // larger ones (60 sessions: 34 % gap after 10 s), where the column bound is far stronger per second (8 % after 8 s).
  // So in `auto` the ILP gets half of the remaining time and the column bound what is left if the ILP is not optimal.
  const columnAfterIlp = mode === 'auto' && runExact && options.columnBoundTimeLimit === undefined && columnBoundApplies(model);
  if (runExact || !cells) {
    const remaining = Math.max(0.5, (limit - (clock() - started)) / 1000);
    const ilpSeconds = columnAfterIlp && cells ? Math.max(0.5, remaining / 2) : remaining;
    const ilp: IlpResult = await solveIlp(model, { timeLimit: ilpSeconds, seed, start: cells ?? undefined, feasibilityOnly: !runExact, highs: options.highs });
    exactRan = true;
    if (ilp.status === 'infeasible') await throwInfeasible(instance, options.highs);
    if (ilp.cells) {
      const ilpValue = evaluateCells(model, ilp.cells).objective;
      if (!cells || ilpValue < evaluateCells(model, cells).objective - 1e-9) {
        cells = ilp.cells;
        method = 'exact';
      }
    }
    if (runExact) {
      bound = Math.max(bound, ilp.bound);
      optimal = ilp.status === 'optimal';
    }
    if (!cells) throw new Error(`The solver found no schedule within the time limit (status ${ilp.status}); raise the time limit.`);
  }
  const evaluation = evaluateCells(model, cells);
  if (evaluation.hard.total > 0) throw new Error('internal: produced schedule violates hard constraints');
  const objective = evaluation.objective;
  let pairBound: PairBoundResult | undefined;
  if ((options.boundTimeLimit ?? 0) > 0 && !optimal) {
    pairBound = await pairLpBound(model, { timeLimit: options.boundTimeLimit, highs: options.highs });
    // Missed votes and overflow are bounded separately; their weighted sum bounds the objective.
    if (pairBound.applicable) bound = Math.max(bound, model.weights.missedVote * pairBound.missedVotes + overflowLowerBound(model));
  }
  let colBound: ColumnBoundResult | undefined;
  const leftover = (limit - (clock() - started)) / 1000;
  const columnSeconds = options.columnBoundTimeLimit ?? (columnAfterIlp && leftover >= 0.2 ? leftover : 0);
  if (columnSeconds > 0 && !optimal && relativeGap(objective, bound) > 0) {
    colBound = await columnBound(model, { timeLimit: columnSeconds, schedules: [cells], seed, highs: options.highs });
    if (colBound.applicable) bound = Math.max(bound, model.weights.missedVote * colBound.missedVotes + overflowLowerBound(model));
  }
  if (optimal) bound = objective;
  bound = Math.min(bound, objective);
  return {
    schedule: cellsToSchedule(model, cells),
    evaluation,
    quality: qualityVsRandom(model, cells, options.randomSamples ?? 30, seed),
    objective,
    lowerBound: bound,
    gap: relativeGap(objective, bound),
    optimal: optimal || relativeGap(objective, bound) === 0,
    method,
    exactRan,
    ...(pairBound ? { pairBound } : {}),
    ...(colBound ? { columnBound: colBound } : {}),
    seconds: (clock() - started) / 1000,
    seed,
  };
}

/** One moved session in a re-plan. */
export interface Move {
  readonly session: string;
  readonly from: { readonly slot: string; readonly room: string };
  readonly to: { readonly slot: string; readonly room: string };
}

/** Result of {@link replan}. */
export interface ReplanResult {
  readonly schedule: Schedule;
  /** Sessions of the previous schedule that changed slot or room. */
  readonly moves: readonly Move[];
  /** Sessions that were not in the previous schedule, with their new place. */
  readonly added: readonly { readonly session: string; readonly slot: string; readonly room: string }[];
  /** Sessions of the previous schedule that no longer exist (cancelled). */
  readonly removed: readonly string[];
  readonly evaluation: Evaluation;
  /** True if the number of moves is proven minimal (by the ILP). */
  readonly provenMinimal: boolean;
}

/**
 * Re-plans after a change (a cancelled session, a late session, a new availability…): finds a feasible schedule that
 * moves the fewest sessions of `previous` (lexicographically first; the objective breaks ties). Sessions of
 * `previous` that no longer exist are ignored; new sessions are placed freely.
 */
export async function replan(instance: ScheduleInstance, previous: Schedule, options: SolveOptions = {}): Promise<ReplanResult> {
  const model = compile(instance);
  const prev = new Int32Array(model.S).fill(-1);
  const removed: string[] = [];
  if (!previous || !Array.isArray(previous.assignments)) throw new ScheduleInputError('invalid-value', 'previous.assignments', 'must be an array');
  previous.assignments.forEach((a, i) => {
    const s = model.sessionIndex.get(a.session);
    if (s === undefined) {
      removed.push(a.session);
      return;
    }
    const t = model.slotIndex.get(a.slot);
    const r = model.roomIndex.get(a.room);
    if (t === undefined) throw new ScheduleInputError('unknown-slot', `previous.assignments[${i}].slot`, `unknown slot id "${a.slot}"`);
    if (r === undefined) throw new ScheduleInputError('unknown-room', `previous.assignments[${i}].room`, `unknown room id "${a.room}"`);
    prev[s] = t * model.R + r;
  });
  if (model.allowed.some((list) => list.length === 0)) await throwInfeasible(instance, options.highs);
  const moveWeight = objectiveUpperBound(model) + 1;
  const seed = options.seed ?? 1;
  const heuristic = anneal(model, { seed, iterations: options.iterations, tabuIterations: options.tabuIterations, initial: prev, previous: prev, moveWeight, timeLimitMs: (options.timeLimit ?? 10) * 500 });
  let cells: Int32Array | null = heuristic.hard === 0 ? heuristic.cells : null;
  let provenMinimal = cells !== null && heuristic.moves === 0;
  const mode = options.mode ?? 'auto';
  const runExact = mode === 'exact' || (mode === 'auto' && placementVariables(model) <= (options.exactLimit ?? 4000));
  if (!provenMinimal && (runExact || !cells)) {
    const ilp = await solveIlp(model, { previous: prev, moveWeight, start: cells ?? undefined, timeLimit: (options.timeLimit ?? 10) / 2, seed, highs: options.highs });
    if (ilp.status === 'infeasible') await throwInfeasible(instance, options.highs);
    if (ilp.cells) {
      const movesOf = (c: Int32Array): number => c.reduce((n, x, s) => n + (prev[s] >= 0 && prev[s] !== x ? 1 : 0), 0);
      const score = (c: Int32Array): number => movesOf(c) * moveWeight + evaluateCells(model, c).objective;
      if (!cells || score(ilp.cells) < score(cells) - 1e-9) cells = ilp.cells;
      provenMinimal = ilp.status === 'optimal' && movesOf(cells) <= Math.floor(ilp.bound / moveWeight + 1e-9);
    }
    if (!cells) throw new Error(`The solver found no schedule within the time limit (status ${ilp.status}); raise the time limit.`);
  }
  const evaluation = evaluateCells(model, cells!);
  if (evaluation.hard.total > 0) throw new Error('internal: produced schedule violates hard constraints');
  const name = (c: number) => ({ slot: model.slotIds[Math.floor(c / model.R)], room: model.roomIds[c % model.R] });
  const moves: Move[] = [];
  const added: { session: string; slot: string; room: string }[] = [];
  for (let s = 0; s < model.S; s++) {
    if (prev[s] < 0) added.push({ session: model.sessionIds[s], ...name(cells![s]) });
    else if (prev[s] !== cells![s]) moves.push({ session: model.sessionIds[s], from: name(prev[s]), to: name(cells![s]) });
  }
  return { schedule: cellsToSchedule(model, cells!), moves, added, removed, evaluation, provenMinimal };
}
