import { describe, expect, it } from 'vitest';
import type { ScheduleInstance } from '../../src/schedule/types.ts';
import { compile } from '../../src/schedule/model.ts';
import { anneal, combinatorialBound } from '../../src/schedule/heuristic.ts';
import { columnBound, pricingProblems } from '../../src/schedule/column-bound.ts';
import { pricingHeuristic, pricingLowerBound, slotCost, type PricingProblem } from '../../src/schedule/pricing.ts';
import { pairLpBound } from '../../src/schedule/bound.ts';
import { solveSchedule } from '../../src/schedule/solve.ts';
import { createRng } from '../../src/random.ts';
import { fewestMissed } from './brute-force.ts';

/** Random instance: S sessions, T slots × R rooms, voters with 2–4 votes, a few shared hosts, optional availability. */
function randomInstance(seed: number, S = 6, T = 3, R = 2, voters = 12): ScheduleInstance {
  const rng = createRng(seed);
  const sessions = Array.from({ length: S }, (_, s) => ({ id: `s${s}`, hosts: [`h${rng.int(S)}`] }));
  const votes = Array.from({ length: voters }, (_, p) => ({
    participant: `p${p}`,
    sessions: Array.from({ length: 2 + rng.int(3) }, () => `s${rng.int(S)}`),
  }));
  const slots = Array.from({ length: T }, (_, t) => ({ id: `t${t}` }));
  const rooms = Array.from({ length: R }, (_, r) => ({ id: `r${r}` }));
  const hosts = seed % 3 === 0 ? [{ id: 'h0', unavailable: ['t0'] }] : [];
  return { slots, rooms, sessions, votes, hosts };
}

/** Brute force: min over admissible subsets of c(G) − π(G). */
function bruteForcePricing(p: PricingProblem, pi: ArrayLike<number>): number {
  const cand = Array.from(p.candidates);
  let best = (p.minSize ?? 0) === 0 ? 0 : Infinity;
  for (let mask = 1; mask < 1 << cand.length; mask++) {
    const G = cand.filter((_, i) => mask & (1 << i));
    if (G.length > p.capacity || G.length < (p.minSize ?? 0)) continue;
    if (G.some((a) => G.some((b) => p.conflict[a * p.S + b]))) continue;
    best = Math.min(best, slotCost(p, G) - G.reduce((sum, s) => sum + pi[s], 0));
  }
  return best;
}

function randomPricing(seed: number): { p: PricingProblem; pi: Float64Array } {
  const rng = createRng(seed);
  const S = 11;
  const V = 25;
  const lists: number[][] = Array.from({ length: S }, () => []);
  const weight = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    weight[v] = 1 + rng.int(3);
    const set = new Set<number>();
    const k = 2 + rng.int(4);
    while (set.size < k) set.add(rng.int(S));
    for (const s of set) lists[s].push(v);
  }
  const conflict = new Uint8Array(S * S);
  for (let i = 0; i < 3; i++) {
    const a = rng.int(S);
    const b = rng.int(S);
    if (a !== b) conflict[a * S + b] = conflict[b * S + a] = 1;
  }
  const candidates = Int32Array.from(Array.from({ length: S }, (_, s) => s).filter((s) => s !== seed % S));
  const capacity = 3 + rng.int(3);
  const minSize = seed % 2 === 0 ? capacity : rng.int(capacity);
  const pi = Float64Array.from({ length: S }, () => rng.next() * 8 - 2);
  return { p: { S, candidates, capacity, minSize, conflict, votersOf: lists.map((l) => Int32Array.from(l)), weight }, pi };
}

describe('column (Lagrangian) lower bound', () => {
  it('pricing branch and bound finds the exact minimum (brute force, 300 random problems)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { p, pi } = randomPricing(seed);
      const exact = bruteForcePricing(p, pi);
      const res = pricingLowerBound(p, pi, { threshold: Infinity });
      expect(res.complete).toBe(true);
      expect(res.lower).toBeCloseTo(exact, 9);
      expect(res.rootBound).toBeLessThanOrEqual(exact + 1e-9);
      // with a threshold: proves min(threshold, minimum)
      const tau = exact + 1.5;
      const below = pricingLowerBound(p, pi, { threshold: tau });
      expect(below.lower).toBeLessThanOrEqual(exact + 1e-9);
      const above = pricingLowerBound(p, pi, { threshold: exact - 1 });
      expect(above.complete).toBe(true);
      expect(above.lower).toBeCloseTo(exact - 1, 9);
      // interrupted searches stay valid
      for (const maxNodes of [1, 2, 5, 20]) {
        const cut = pricingLowerBound(p, pi, { threshold: Infinity, maxNodes });
        expect(cut.lower).toBeLessThanOrEqual(exact + 1e-9);
      }
      // heuristic columns are admissible and their reduced costs are right
      for (const col of pricingHeuristic(p, pi, 10, seed, Infinity)) {
        expect(col.reducedCost).toBeGreaterThanOrEqual(exact - 1e-9);
        expect(col.reducedCost).toBeCloseTo(slotCost(p, col.sessions) - Array.from(col.sessions).reduce((a, s) => a + pi[s], 0), 9);
      }
    }
  });

  it('never exceeds the true optimum (exhaustive search on 40 random instances) and is often tight', async () => {
    let tight = 0;
    let aboveCombinatorial = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const instance = randomInstance(seed);
      const model = compile(instance);
      const optimum = fewestMissed(instance);
      const h = anneal(model, { seed });
      const bound = await columnBound(model, { schedules: [h.cells], timeLimit: 5 });
      expect(bound.applicable).toBe(true);
      expect(bound.missedVotes).toBeLessThanOrEqual(optimum);
      if (bound.missedVotes === optimum) tight++;
      if (bound.missedVotes > combinatorialBound(model) / model.weights.missedVote) aboveCombinatorial++;
    }
    expect(tight).toBeGreaterThan(30);
    expect(aboveCombinatorial).toBeGreaterThan(0);
  });

  it('never exceeds the optimum with fewer sessions than cells (slots need not be full) and on larger instances', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const instance = randomInstance(100 + seed, 4 + (seed % 2), 3, 2, 10);
      const model = compile(instance);
      const optimum = fewestMissed(instance);
      const bound = await columnBound(model, { schedules: [anneal(model, { seed }).cells], timeLimit: 5 });
      expect(bound.missedVotes).toBeLessThanOrEqual(optimum);
    }
  });

  it('never exceeds the ILP optimum on medium instances (12 sessions, 3 slots × 4 rooms, shared hosts, 40 voters)', async () => {
    let tight = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const base = randomInstance(500 + seed, 12, 3, 4, 40);
      // 9 hosts: three of them have two sessions (always feasible in 3 slots)
      const instance = { ...base, sessions: base.sessions.map((s, i) => ({ ...s, hosts: [`h${i % 9}`] })) };
      const exact = await solveSchedule(instance, { mode: 'exact', timeLimit: 30 });
      if (!exact.optimal) continue;
      const model = compile(instance);
      const bound = await columnBound(model, { schedules: [anneal(model, { seed }).cells], timeLimit: 5 });
      expect(bound.applicable).toBe(true);
      expect(bound.missedVotes).toBeLessThanOrEqual(exact.evaluation.missedVotes);
      expect(bound.missedVotes).toBeGreaterThanOrEqual(combinatorialBound(model) / model.weights.missedVote);
      if (bound.missedVotes === exact.evaluation.missedVotes) tight++;
    }
    expect(tight).toBeGreaterThan(0);
  }, 300_000);

  it('is at least as strong as the pair-LP bound on the 4-session example and proves it optimal', async () => {
    const pairs = [['a', 'b'], ['c', 'd'], ['a', 'c'], ['b', 'd'], ['a', 'd'], ['b', 'c']];
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: ['a', 'b', 'c', 'd'].map((id) => ({ id, hosts: [`host-${id}`] })),
      votes: pairs.map((sessions, i) => ({ participant: `p${i}`, sessions })),
    };
    const model = compile(instance);
    const bound = await columnBound(model, { schedules: [anneal(model).cells], timeLimit: 5 });
    expect(bound.missedVotes).toBe(2);
    expect(bound.pricingComplete).toBe(true);
    expect((await pairLpBound(model)).missedVotes).toBeLessThanOrEqual(bound.missedVotes);
    const solved = await solveSchedule(instance, { mode: 'heuristic', columnBoundTimeLimit: 5 });
    expect(solved.columnBound?.missedVotes).toBe(2);
    expect(solved.optimal).toBe(true);
  });

  it('uses the class structure: fixed sessions and slot minimum sizes', () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: [{ id: 'a', fixed: { slot: 't1' } }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      votes: [],
    };
    const built = pricingProblems(compile(instance))!;
    expect(built.classes.length).toBe(2);
    for (const c of built.classes) expect(c.problem.minSize).toBe(2);
    const shorter = pricingProblems(compile({ ...instance, sessions: instance.sessions.slice(0, 3) }))!;
    for (const c of shorter.classes) expect(c.problem.minSize).toBe(1);
  });

  it('does not apply to sessions longer than one slot', async () => {
    const instance: ScheduleInstance = { slots: [{ id: 't1' }, { id: 't2' }], rooms: [{ id: 'r1' }], sessions: [{ id: 'long', duration: 2 }], votes: [] };
    const model = compile(instance);
    expect((await columnBound(model, { schedules: [new Int32Array([0])] })).applicable).toBe(false);
  });
});
