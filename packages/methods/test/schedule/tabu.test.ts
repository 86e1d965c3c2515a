import { describe, expect, it } from 'vitest';
import type { ScheduleInstance } from '../../src/schedule/types.ts';
import { compile } from '../../src/schedule/model.ts';
import { evaluateCells } from '../../src/schedule/evaluate.ts';
import { anneal, objectiveUpperBound } from '../../src/schedule/heuristic.ts';
import { ScheduleState } from '../../src/schedule/state.ts';
import { tabuSearch } from '../../src/schedule/tabu.ts';
import { createRng } from '../../src/random.ts';
import { bestFeasible, fewestMissed, lowestObjective } from './brute-force.ts';

/**
 * Tiny instances with every kind of constraint: shared hosts, an unavailable host, not-parallel pairs, a room
 * feature, a fixed room, room capacities, repeated vote sets (weights > 1), and for odd seeds a two-slot session and
 * a third room. `S` = 6 fills all 3 × 2 cells of even seeds (swaps only); otherwise cells stay free (relocations too).
 */
function tinyInstance(seed: number, S = 5, twoSlot = seed % 2 === 1): ScheduleInstance {
  const rng = createRng(seed);
  const sessions = Array.from({ length: S }, (_, s) => ({
    id: `s${s}`,
    hosts: [`h${rng.int(4)}`],
    ...(s === 0 && twoSlot ? { duration: 2 } : {}),
    ...(s === 1 && seed % 3 === 0 ? { requires: ['beamer'] } : {}),
    ...(s === 2 && seed % 4 === 0 ? { fixed: { room: 'small' } } : {}),
    ...(s === 3 && seed % 5 < 2 ? { notParallelTo: ['s4'] } : {}),
  }));
  const votes = Array.from({ length: 10 }, (_, p) => ({
    participant: `p${p}`,
    sessions: Array.from({ length: 2 + rng.int(3) }, () => `s${rng.int(S)}`),
  }));
  votes.push({ participant: 'copy', sessions: votes[0].sessions });
  return {
    slots: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
    rooms: [{ id: 'big', capacity: 4, features: ['beamer'] }, { id: 'small', capacity: 2 }, ...(seed % 2 === 1 ? [{ id: 'extra', capacity: 3 }] : [])],
    sessions,
    hosts: seed % 3 === 1 ? [{ id: 'h0', unavailable: ['t1'] }] : [],
    votes,
    options: { turnout: 0.9 },
  };
}

/** A state holding a feasible schedule found by a short annealing run, or null. */
function feasibleState(instance: ScheduleInstance, seed: number, previous?: Int32Array): ScheduleState | null {
  const model = compile(instance);
  const start = anneal(model, { seed, iterations: 300, tabuIterations: 0 });
  if (start.hard > 0) return null;
  const st = new ScheduleState(model, previous);
  start.cells.forEach((c, s) => st.place(s, c));
  return st;
}

describe('tabu search', () => {
  it('evaluates every move exactly and keeps the gain and swap tables and the hard constraints right (check mode)', () => {
    let runs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const instance = tinyInstance(seed, seed % 2 === 0 ? 6 : 5);
      const st = feasibleState(instance, seed);
      if (!st) continue;
      runs++;
      tabuSearch(st, { rng: createRng(seed), iterations: 60, deadline: Infinity, moveWeight: 0, tenure: 2, check: true });
      const e = evaluateCells(st.model, st.pos);
      expect(e.hard.total).toBe(0);
      expect(st.missed).toBe(e.missedVotes);
      expect(st.overflow).toBeCloseTo(e.overflow, 9);
    }
    expect(runs).toBeGreaterThanOrEqual(30);
  });

  it('checks out on a larger instance too (24 sessions × 4 slots × 6 rooms, shared hosts, 80 voters)', () => {
    const rng = createRng(7);
    const instance: ScheduleInstance = {
      slots: Array.from({ length: 4 }, (_, t) => ({ id: `t${t}` })),
      rooms: Array.from({ length: 6 }, (_, r) => ({ id: `r${r}`, capacity: 5 + 5 * r })),
      sessions: Array.from({ length: 24 }, (_, s) => ({ id: `s${s}`, hosts: [`h${s % 20}`] })),
      votes: Array.from({ length: 80 }, (_, p) => ({ participant: `p${p}`, sessions: Array.from({ length: 3 + rng.int(5) }, () => `s${rng.int(24)}`) })),
    };
    const st = feasibleState(instance, 1)!;
    const before = st.missed;
    expect(tabuSearch(st, { rng: createRng(1), iterations: 40, deadline: Infinity, moveWeight: 0, check: true })).toBe(40);
    expect(evaluateCells(st.model, st.pos).missedVotes).toBe(st.missed);
    expect(st.missed).toBeLessThanOrEqual(before);
  });

  it('alone (no annealing moves) reaches the brute-force fewest missed votes; after the annealing, the lowest objective', () => {
    let runs = 0;
    let improved = 0;
    for (let seed = 1; seed <= 30; seed++) {
      // One-slot sessions only: the tabu search keeps every intermediate schedule feasible, so a two-slot session
      // that shares a host with a one-slot session can be locked in place (exchanging both at once is no move of
      // either search; the annealing gets there through infeasible schedules).
      const instance = tinyInstance(seed, seed % 2 === 0 ? 6 : 5, false);
      const optimum = lowestObjective(instance);
      if (!Number.isFinite(optimum)) continue;
      const model = compile(instance);
      const alone = anneal(model, { seed, iterations: 0, tabuIterations: 200, tabuTenure: 2 });
      // Room changes within a slot are only descent moves in the tabu search, so alone it may miss the best rooms.
      if (alone.hard === 0) {
        runs++;
        expect(alone.missed).toBe(fewestMissed(instance));
        if (anneal(model, { seed, iterations: 0, tabuIterations: 0 }).missed > alone.missed) improved++;
      }
      expect(anneal(model, { seed }).objective).toBeCloseTo(optimum, 9);
    }
    expect(runs).toBeGreaterThan(15);
    expect(improved).toBeGreaterThan(5); // the greedy start alone is often not optimal
  });

  it('re-planning: reaches the fewest moves (then the lowest objective) of the brute force', () => {
    let runs = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const instance = tinyInstance(seed, 5);
      const model = compile(instance);
      const plan = anneal(model, { seed });
      if (plan.hard > 0) continue;
      // A host becomes unavailable in the slot of one of their sessions: the plan must change.
      const host = instance.sessions[4].hosts![0];
      const slot = instance.slots[Math.floor(plan.cells[4] / model.R)].id;
      const changed: ScheduleInstance = { ...instance, hosts: [...(instance.hosts ?? []).filter((h) => h.id !== host), { id: host, unavailable: [slot] }] };
      const next = compile(changed);
      const weight = objectiveUpperBound(next) + 1;
      const moves = (cells: ArrayLike<number>): number => Array.from(cells).filter((c, s) => c !== plan.cells[s]).length;
      const optimum = bestFeasible(changed, (e, cells) => weight * moves(cells) + e.objective);
      if (!Number.isFinite(optimum)) continue;
      runs++;
      const result = anneal(next, { seed, iterations: 500, initial: plan.cells, previous: plan.cells, moveWeight: weight, tabuIterations: 200, tabuTenure: 2 });
      expect(result.hard).toBe(0);
      expect(weight * result.moves + result.objective).toBeCloseTo(optimum, 6);
    }
    expect(runs).toBeGreaterThan(10);
  });
});
