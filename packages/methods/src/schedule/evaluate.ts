/**
 * Evaluation of any schedule (also an infeasible or partial one): hard-constraint violations, the weighted objective,
 * the Minnebar satisfaction score and its quality relative to random schedules.
 */
import type { Schedule, ScheduleInstance } from './types.ts';
import { compile, scheduleToCells, type CompiledModel } from './model.ts';
import { createRng, shuffle } from '../random.ts';

/** Counts of hard-constraint violations (all zero for a feasible schedule). */
export interface HardViolations {
  /** Sessions without an assignment. */
  readonly unscheduled: number;
  /** Extra sessions in an occupied room-slot, summed over room-slots (Σ max(0, n − 1)). */
  readonly roomDoubleBookings: number;
  /** Extra sessions of a host in one slot, summed over hosts and slots. */
  readonly hostDoubleBookings: number;
  /** Declared not-parallel pairs that overlap in time. */
  readonly notParallel: number;
  /** Sessions placed where a host is unavailable. */
  readonly hostAvailability: number;
  /** Sessions not at their fixed slot or room. */
  readonly fixedPlacement: number;
  /** Sessions in a room without the required features. */
  readonly roomFeatures: number;
  /** Sessions in a room while it is unavailable. */
  readonly roomUnavailable: number;
  /** Multi-slot sessions that run past the end of their day. */
  readonly pastEndOfDay: number;
  /** Sum of all of the above. */
  readonly total: number;
}

/** Full evaluation of a schedule. */
export interface Evaluation {
  readonly hard: HardViolations;
  /** Σ over participants and slots of max(0, voted sessions in that slot − 1). */
  readonly missedVotes: number;
  /** Number of participants who miss at least one voted session. */
  readonly participantsWithMisses: number;
  /** Σ over sessions of max(0, expected attendance − room capacity). */
  readonly overflow: number;
  /** weights.missedVote × missedVotes + weights.overflow × overflow. */
  readonly objective: number;
  /** Mean Minnebar satisfaction over participants with at least one vote (1 = everybody sees everything). */
  readonly satisfaction: number;
  /** Upper bound of the satisfaction: each participant's votes spread as evenly as possible over the slots. */
  readonly satisfactionBest: number;
}

/** Objective value of cell codes under the model's weights; returns the parts as well. */
export function objectiveParts(model: CompiledModel, cells: ArrayLike<number>): { missed: number; overflow: number; objective: number } {
  const { T, R } = model;
  let missed = 0;
  const count = new Int32Array(T);
  model.voterSets.forEach((set, v) => {
    count.fill(0);
    for (const s of set) {
      const c = cells[s];
      if (c < 0) continue;
      const t0 = Math.floor(c / R);
      for (let k = 0; k < model.duration[s] && t0 + k < T; k++) count[t0 + k]++;
    }
    let m = 0;
    for (let t = 0; t < T; t++) if (count[t] > 1) m += count[t] - 1;
    missed += m * model.voterWeight[v];
  });
  let overflow = 0;
  for (let s = 0; s < model.S; s++) if (cells[s] >= 0) overflow += model.overflowCost[s * R + (cells[s] % R)];
  return { missed, overflow, objective: model.weights.missedVote * missed + model.weights.overflow * overflow };
}

/** Mean Minnebar satisfaction Σ_t 2k_t / (N (k_t + 1)) of the cell codes, and its even-spread upper bound. */
export function satisfactionOf(model: CompiledModel, cells: ArrayLike<number>): { score: number; best: number } {
  const { T, R } = model;
  let total = 0;
  let best = 0;
  let people = 0;
  const count = new Int32Array(T);
  model.voterSets.forEach((set, v) => {
    count.fill(0);
    let n = 0;
    for (const s of set) {
      n += model.duration[s];
      const c = cells[s];
      if (c < 0) continue;
      const t0 = Math.floor(c / R);
      for (let k = 0; k < model.duration[s] && t0 + k < T; k++) count[t0 + k]++;
    }
    let score = 0;
    for (let t = 0; t < T; t++) if (count[t] > 0) score += (2 * count[t]) / (n * (count[t] + 1));
    const q = Math.floor(n / T);
    const rem = n % T;
    const spread = (rem * (2 * (q + 1)) / (q + 2) + (q > 0 ? ((T - rem) * (2 * q)) / (q + 1) : 0)) / n;
    const w = model.voterWeight[v];
    total += w * score;
    best += w * spread;
    people += w;
  });
  return people === 0 ? { score: 1, best: 1 } : { score: total / people, best: best / people };
}

/** Does the session at cell c cover slot t? */
function covers(model: CompiledModel, s: number, c: number, t: number): boolean {
  const t0 = Math.floor(c / model.R);
  return t >= t0 && t < t0 + model.duration[s];
}

/** Evaluates cell codes against a compiled model. */
export function evaluateCells(model: CompiledModel, cells: ArrayLike<number>): Evaluation {
  const { S, T, R, instance } = model;
  let unscheduled = 0;
  let pastEndOfDay = 0;
  let hostAvailability = 0;
  let fixedPlacement = 0;
  let roomFeatures = 0;
  let roomUnavailable = 0;
  const roomLoad = new Int32Array(T * R);
  const hostLoad = new Int32Array(model.hostIds.length * T);
  const hostSlots = new Map<string, Set<string>>();
  for (const h of instance.hosts ?? []) {
    let ok: Set<string> | null = h.available ? new Set(h.available) : null;
    if (h.unavailable) {
      if (!ok) ok = new Set(instance.slots.map((x) => x.id));
      for (const id of h.unavailable) ok.delete(id);
    }
    if (ok) hostSlots.set(h.id, ok);
  }
  for (let s = 0; s < S; s++) {
    const c = cells[s];
    if (c < 0) {
      unscheduled++;
      continue;
    }
    const t0 = Math.floor(c / R);
    const r = c % R;
    const session = instance.sessions[s];
    const d = model.duration[s];
    let past = false;
    for (let k = 0; k < d; k++) {
      const t = t0 + k;
      if (t >= T || model.day[t] !== model.day[t0]) {
        past = true;
        continue;
      }
      roomLoad[t * R + r]++;
      for (const h of model.hostsOf[s]) hostLoad[h * T + t]++;
    }
    if (past) pastEndOfDay++;
    const occupied = model.slotIds.slice(t0, Math.min(T, t0 + d));
    if (model.hostsOf[s].some((h) => { const ok = hostSlots.get(model.hostIds[h]); return ok !== undefined && occupied.some((id) => !ok.has(id)); })) hostAvailability++;
    if ((session.fixed?.slot !== undefined && session.fixed.slot !== model.slotIds[t0]) || (session.fixed?.room !== undefined && session.fixed.room !== model.roomIds[r])) fixedPlacement++;
    const features = new Set(instance.rooms[r].features ?? []);
    if ((session.requires ?? []).some((f) => !features.has(f))) roomFeatures++;
    const closed = new Set(instance.rooms[r].unavailable ?? []);
    if (occupied.some((id) => closed.has(id))) roomUnavailable++;
  }
  let roomDoubleBookings = 0;
  for (const n of roomLoad) if (n > 1) roomDoubleBookings += n - 1;
  let hostDoubleBookings = 0;
  for (const n of hostLoad) if (n > 1) hostDoubleBookings += n - 1;
  let notParallel = 0;
  for (const [a, b] of model.notParallel) {
    if (cells[a] < 0 || cells[b] < 0) continue;
    let overlap = false;
    for (let t = 0; t < T && !overlap; t++) if (covers(model, a, cells[a], t) && covers(model, b, cells[b], t)) overlap = true;
    if (overlap) notParallel++;
  }
  const hard = {
    unscheduled, roomDoubleBookings, hostDoubleBookings, notParallel, hostAvailability, fixedPlacement, roomFeatures, roomUnavailable, pastEndOfDay,
    total: unscheduled + roomDoubleBookings + hostDoubleBookings + notParallel + hostAvailability + fixedPlacement + roomFeatures + roomUnavailable + pastEndOfDay,
  };
  const parts = objectiveParts(model, cells);
  let participantsWithMisses = 0;
  const count = new Int32Array(T);
  model.voterSets.forEach((set, v) => {
    count.fill(0);
    let miss = false;
    for (const s of set) {
      if (cells[s] < 0) continue;
      const t0 = Math.floor(cells[s] / R);
      for (let k = 0; k < model.duration[s] && t0 + k < T; k++) if (++count[t0 + k] > 1) miss = true;
    }
    if (miss) participantsWithMisses += model.voterWeight[v];
  });
  const sat = satisfactionOf(model, cells);
  return { hard, missedVotes: parts.missed, participantsWithMisses, overflow: parts.overflow, objective: parts.objective, satisfaction: sat.score, satisfactionBest: sat.best };
}

/** Evaluates a schedule of an instance. Throws {@link ScheduleInputError} for unknown ids. */
export function evaluate(instance: ScheduleInstance, schedule: Schedule): Evaluation {
  const model = compile(instance);
  return evaluateCells(model, scheduleToCells(model, schedule));
}

/** Satisfaction of random schedules and the "quality vs random" of a schedule. */
export interface QualityReport {
  readonly satisfaction: number;
  /** Mean satisfaction of `samples` random schedules (sessions shuffled into free cells, hard constraints ignored). */
  readonly randomSatisfaction: number;
  readonly bestSatisfaction: number;
  /** (satisfaction − random) / (best − random): 0 = no better than random, 1 = best possible; Minnebar calls > 0.5 good. */
  readonly qualityVsRandom: number;
}

/** Minnebar's "quality vs random" of cell codes; seeded, deterministic. */
export function qualityVsRandom(model: CompiledModel, cells: ArrayLike<number>, samples = 30, seed = 1): QualityReport {
  const rng = createRng(seed);
  const { score, best } = satisfactionOf(model, cells);
  let sum = 0;
  const order = Array.from({ length: model.S }, (_, s) => s);
  for (let k = 0; k < samples; k++) {
    const free = new Uint8Array(model.T * model.R).fill(1);
    const random = new Int32Array(model.S).fill(-1);
    for (const s of shuffle(order, rng)) {
      const options = Array.from(model.structural[s]).filter((c) => {
        const t0 = Math.floor(c / model.R);
        for (let j = 0; j < model.duration[s]; j++) if (!free[(t0 + j) * model.R + (c % model.R)]) return false;
        return true;
      });
      if (options.length === 0) continue;
      const c = options[rng.int(options.length)];
      random[s] = c;
      for (let j = 0; j < model.duration[s]; j++) free[(Math.floor(c / model.R) + j) * model.R + (c % model.R)] = 0;
    }
    sum += satisfactionOf(model, random).score;
  }
  const randomSatisfaction = samples > 0 ? sum / samples : 0;
  const denom = best - randomSatisfaction;
  return { satisfaction: score, randomSatisfaction, bestSatisfaction: best, qualityVsRandom: denom > 1e-12 ? (score - randomSatisfaction) / denom : 1 };
}
