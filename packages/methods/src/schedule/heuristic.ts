/**
 * The heuristic: seeded simulated annealing over (start slot, room) cells, then a tabu search (tabu.ts) on the best
 * feasible schedule. Room double-booking is excluded by construction; the other hard constraints (unscheduled
 * sessions, host double-booking, not-parallel pairs) are penalised in the annealing with a weight larger than any
 * objective value, so the search ends feasible whenever it finds a feasible schedule; the tabu search never leaves
 * feasibility. Annealing moves: relocate a session to a free allowed cell, swap two sessions of equal length, or (for
 * an unscheduled session) evict the occupant of a cell. All cost changes are computed incrementally (state.ts).
 */
import type { CompiledModel } from './model.ts';
import { createRng } from '../random.ts';
import { ScheduleState } from './state.ts';
import { tabuSearch } from './tabu.ts';
import { clock } from './clock.ts';

/** Settings of one annealing run. */
export interface HeuristicOptions {
  /** Random seed; the same seed gives the same schedule (unless the time limit cuts the run short). Default 1. */
  readonly seed?: number;
  /** Number of annealing moves; default 1000 × sessions + 20000. */
  readonly iterations?: number;
  /** Wall-clock cap in milliseconds; default none. */
  readonly timeLimitMs?: number;
  /** Start from these cells (−1 = unscheduled); cells that are not allowed or collide are dropped. */
  readonly initial?: ArrayLike<number>;
  /** Re-planning: previous cells (−1 = new session); each session away from its previous cell costs `moveWeight`. */
  readonly previous?: ArrayLike<number>;
  /** Cost of one moved session; default larger than any objective value (fewest moves first). */
  readonly moveWeight?: number;
  /**
   * Iterations of the tabu search that follows the annealing (each evaluates all swaps and relocations, O(sessions²));
   * default min(400 × sessions, max(1000, 8·10⁷ / sessions²)); 0 = none. Skipped above {@link TABU_MAX_SESSIONS}
   * sessions.
   */
  readonly tabuIterations?: number;
  /** Shortest tabu tenure (iterations); default 8. */
  readonly tabuTenure?: number;
}

/**
 * Largest instance (sessions) for the tabu phase: an iteration evaluates all sessions² swaps, and it keeps a
 * sessions × sessions table of swap corrections.
 */
export const TABU_MAX_SESSIONS = 500;

/** Result of one annealing run. */
export interface HeuristicResult {
  readonly cells: Int32Array;
  /** Remaining hard violations (0 = feasible). */
  readonly hard: number;
  readonly missed: number;
  readonly overflow: number;
  /** weights.missedVote × missed + weights.overflow × overflow. */
  readonly objective: number;
  /** Sessions away from their previous cell (re-planning only). */
  readonly moves: number;
  readonly iterations: number;
  /** Iterations of the tabu phase that ran. */
  readonly tabuIterations: number;
}


/** Upper bound of the objective (all votes missed, every session in its worst room). */
export function objectiveUpperBound(model: CompiledModel): number {
  let missed = 0;
  model.voterSets.forEach((set, v) => {
    let n = 0;
    for (const s of set) n += model.duration[s];
    missed += model.voterWeight[v] * n;
  });
  let overflow = 0;
  for (let s = 0; s < model.S; s++) {
    let worst = 0;
    for (let r = 0; r < model.R; r++) worst = Math.max(worst, model.overflowCost[s * model.R + r]);
    overflow += worst;
  }
  return model.weights.missedVote * missed + model.weights.overflow * overflow;
}

/** Runs the heuristic (annealing, then tabu search, then a room polish) on a compiled model. */
export function anneal(model: CompiledModel, options: HeuristicOptions = {}): HeuristicResult {
  const { S, T, R } = model;
  const rng = createRng(options.seed ?? 1);
  const Wm = model.weights.missedVote;
  const Wo = model.weights.overflow;
  const prev = options.previous;
  const ub = objectiveUpperBound(model);
  const moveWeight = options.moveWeight ?? ub + 1;
  const hardWeight = ub + (prev ? moveWeight * S : 0) + 1;
  const st = new ScheduleState(model, prev);
  const { pos, occ, allowedCell: allowedSet } = st;
  const remove = (s: number): void => st.remove(s);
  const place = (s: number, c: number): void => st.place(s, c);
  const isFree = (s: number, c: number): boolean => st.isFree(s, c);
  const cost = (): number => st.hard * hardWeight + Wm * st.missed + Wo * st.overflow + moveWeight * st.moves;
  const parts = () => ({ hard: st.hard, missed: st.missed, overflow: st.overflow, moves: st.moves });

  // Initial solution: given cells first, then greedy (most constrained session first, cheapest free cell).
  if (options.initial) {
    for (let s = 0; s < S; s++) {
      const c = options.initial[s];
      if (c >= 0 && allowedSet[s * T * R + c] && isFree(s, c)) place(s, c);
    }
  }
  const order = Array.from({ length: S }, (_, s) => s)
    .map((s) => ({ s, key: model.allowed[s].length + rng.next() * 0.5 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.s);
  for (const s of order) {
    if (pos[s] >= 0) continue;
    let bestCell = -1;
    let bestCost = Infinity;
    for (const c of model.allowed[s]) {
      if (!isFree(s, c)) continue;
      place(s, c);
      const value = cost() + rng.next() * 1e-6;
      remove(s);
      if (value < bestCost) {
        bestCost = value;
        bestCell = c;
      }
    }
    if (bestCell >= 0) place(s, bestCell);
  }

  const iterations = options.iterations ?? 1000 * S + 20000;
  const deadline = options.timeLimitMs !== undefined ? clock() + options.timeLimitMs : Infinity;
  let current = cost();
  let best = current;
  let bestPos = pos.slice();
  let bestParts = parts();

  // One random move; returns an undo function or null if the move is not possible.
  const tryMove = (): (() => void) | null => {
    const s = rng.int(S);
    const list = model.allowed[s];
    if (list.length === 0) return null;
    const c = list[rng.int(list.length)];
    const c1 = pos[s];
    if (c === c1) return null;
    const t0 = Math.floor(c / R);
    const r = c % R;
    let other = -1;
    if (model.roomExclusive[r]) {
      for (let k = 0; k < model.duration[s]; k++) {
        const o = occ[(t0 + k) * R + r];
        if (o < 0 || o === s) continue;
        if (other >= 0 && o !== other) return null;
        other = o;
      }
    }
    if (other < 0) {
      remove(s);
      place(s, c);
      return () => {
        remove(s);
        if (c1 >= 0) place(s, c1);
      };
    }
    if (c1 >= 0) {
      if (model.duration[other] !== model.duration[s] || pos[other] !== c || !allowedSet[other * T * R + c1]) return null;
      remove(s);
      remove(other);
      place(s, c);
      place(other, c1);
      return () => {
        remove(s);
        remove(other);
        place(s, c1);
        place(other, c);
      };
    }
    const c2 = pos[other];
    remove(other);
    if (!isFree(s, c)) {
      place(other, c2);
      return null;
    }
    place(s, c);
    return () => {
      remove(s);
      place(other, c2);
    };
  };

  // Initial temperature: median positive cost change of sample moves.
  const deltas: number[] = [];
  for (let i = 0; i < 200 && S > 0; i++) {
    const undo = tryMove();
    if (!undo) continue;
    const d = cost() - current;
    undo();
    if (d > 0) deltas.push(d);
  }
  deltas.sort((a, b) => a - b);
  const t0 = deltas.length ? deltas[Math.floor(deltas.length / 2)] : 1;
  const tEnd = t0 * 1e-2;
  const alpha = iterations > 0 ? Math.pow(tEnd / t0, 1 / iterations) : 1;
  let temperature = t0;
  let done = 0;
  for (; done < iterations; done++) {
    if ((done & 1023) === 0 && clock() > deadline) break;
    temperature *= alpha;
    const undo = tryMove();
    if (!undo) continue;
    const next = cost();
    const delta = next - current;
    if (delta <= 0 || rng.next() < Math.exp(-delta / temperature)) {
      current = next;
      if (current < best - 1e-9) {
        best = current;
        bestPos = pos.slice();
        bestParts = parts();
      }
    } else {
      undo();
    }
  }
  // Back to the best annealed state.
  for (let s = 0; s < S; s++) remove(s);
  for (let s = 0; s < S; s++) if (bestPos[s] >= 0) place(s, bestPos[s]);
  // Tabu phase on the best feasible schedule; it stops early at the combinatorial bound (then optimal).
  const tabuIterations = S > TABU_MAX_SESSIONS ? 0 : options.tabuIterations ?? Math.min(400 * S, Math.max(1000, Math.ceil(8e7 / (S * S))));
  const tabuDone = st.hard === 0 && tabuIterations > 0
    ? tabuSearch(st, { rng, iterations: tabuIterations, deadline, moveWeight: prev ? moveWeight : 0, tenure: options.tabuTenure, target: combinatorialBound(model) })
    : 0;
  current = cost();
  if (current < best - 1e-9) {
    best = current;
    bestPos = pos.slice();
    bestParts = parts();
  }
  // Polish: first-improvement descent over same-slot room swaps and relocations.
  for (let improved = true, pass = 0; improved && pass < 20; pass++) {
    improved = false;
    for (let s = 0; s < S; s++) {
      const c1 = pos[s];
      if (c1 < 0) continue;
      const t1 = Math.floor(c1 / R);
      for (const c of model.allowed[s]) {
        if (c === c1 || Math.floor(c / R) !== t1) continue;
        const o = model.roomExclusive[c % R] ? occ[t1 * R + (c % R)] : -1;
        if (o >= 0 && (o === s || pos[o] !== c || model.duration[o] !== model.duration[s] || !allowedSet[o * T * R + c1])) continue;
        if (o < 0 && !isFree(s, c)) continue;
        remove(s);
        if (o >= 0) remove(o);
        place(s, c);
        if (o >= 0) place(o, c1);
        const next = cost();
        if (next < current - 1e-9) {
          current = next;
          improved = true;
          break;
        }
        remove(s);
        if (o >= 0) remove(o);
        place(s, c1);
        if (o >= 0) place(o, c);
      }
    }
  }
  if (current < best - 1e-9) {
    bestPos = pos.slice();
    bestParts = parts();
  }
  return {
    cells: bestPos,
    hard: bestParts.hard,
    missed: bestParts.missed,
    overflow: bestParts.overflow,
    objective: Wm * bestParts.missed + Wo * bestParts.overflow,
    moves: bestParts.moves,
    iterations: done,
    tabuIterations: tabuDone,
  };
}

/** Trivial lower bound of the objective: Σ participants max(0, voted session-slots − slots) and each session's cheapest room. */
export function combinatorialBound(model: CompiledModel): number {
  let missed = 0;
  model.voterSets.forEach((set, v) => {
    let n = 0;
    for (const s of set) n += model.duration[s];
    missed += model.voterWeight[v] * Math.max(0, n - model.T);
  });
  return model.weights.missedVote * missed + overflowLowerBound(model);
}

/** Weighted room overflow that no schedule avoids: every session in its least-overflowing allowed room. */
export function overflowLowerBound(model: CompiledModel): number {
  let overflow = 0;
  for (let s = 0; s < model.S; s++) {
    let least = Infinity;
    for (const c of model.allowed[s]) least = Math.min(least, model.overflowCost[s * model.R + (c % model.R)]);
    if (Number.isFinite(least)) overflow += least;
  }
  return model.weights.overflow * overflow;
}
