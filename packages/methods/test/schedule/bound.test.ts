import { describe, expect, it } from 'vitest';
import type { ScheduleInstance } from '../../src/schedule/types.ts';
import { compile } from '../../src/schedule/model.ts';
import { combinatorialBound } from '../../src/schedule/heuristic.ts';
import { minSameSlotPairs, pairLpBound } from '../../src/schedule/bound.ts';
import { solveSchedule } from '../../src/schedule/solve.ts';
import { createRng } from '../../src/random.ts';
import { fewestMissed } from './brute-force.ts';

function randomInstance(seed: number): ScheduleInstance {
  const rng = createRng(seed);
  const S = 6;
  const sessions = Array.from({ length: S }, (_, s) => ({ id: `s${s}`, hosts: [`h${rng.int(6)}`] }));
  const votes = Array.from({ length: 10 }, (_, p) => ({
    participant: `p${p}`,
    sessions: Array.from({ length: 2 + rng.int(2) }, () => `s${rng.int(S)}`),
  }));
  return { slots: [{ id: 't1' }, { id: 't2' }, { id: 't3' }], rooms: [{ id: 'a' }, { id: 'b' }], sessions, votes };
}

/** The missed-vote part of the combinatorial bound (these instances have no room capacities, so no overflow). */
const missedPart = (model: ReturnType<typeof compile>): number => combinatorialBound(model) / model.weights.missedVote;

describe('pair-LP lower bound of the missed votes', () => {
  it('minimum same-slot pairs: balanced filling', () => {
    expect(minSameSlotPairs(60, new Array(6).fill(10))).toBe(270);
    expect(minSameSlotPairs(7, [3, 3, 3])).toBe(5); // 3 + 2 + 2 sessions: 3 + 1 + 1 pairs
    expect(minSameSlotPairs(7, [5, 1, 1])).toBe(10); // 5 + 1 + 1: C(5, 2)
    expect(minSameSlotPairs(4, [1, 1])).toBe(Infinity);
  });

  it('proves what the combinatorial bound cannot: 4 sessions in 2 slots, every pair voted by someone', () => {
    // Each participant votes for 2 sessions and there are 2 slots, so the combinatorial bound is 0. But 2 rooms × 2
    // slots force two pairs of sessions to run in parallel, and every pair is voted for by one participant: 2 missed.
    const pairs = [['a', 'b'], ['c', 'd'], ['a', 'c'], ['b', 'd'], ['a', 'd'], ['b', 'c']];
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: ['a', 'b', 'c', 'd'].map((id) => ({ id, hosts: [`host-${id}`] })),
      votes: pairs.map((sessions, i) => ({ participant: `p${i}`, sessions })),
    };
    return (async () => {
      const model = compile(instance);
      expect(combinatorialBound(model)).toBe(0);
      const bound = await pairLpBound(model);
      expect(bound.applicable).toBe(true);
      expect(bound.converged).toBe(true);
      expect(bound.missedVotes).toBe(2);
      expect(fewestMissed(instance)).toBe(2);
      const solved = await solveSchedule(instance, { mode: 'heuristic', boundTimeLimit: 10 });
      expect(solved.evaluation.missedVotes).toBe(2);
      expect(solved.optimal).toBe(true);
      expect(solved.pairBound?.missedVotes).toBe(2);
    })();
  });

  it('never exceeds the true optimum (exhaustive search on 40 random instances) and is sometimes stronger', async () => {
    let stronger = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const instance = randomInstance(seed);
      const model = compile(instance);
      const bound = await pairLpBound(model, { timeLimit: 10 });
      const optimum = fewestMissed(instance);
      expect(bound.applicable).toBe(true);
      expect(bound.missedVotes).toBeLessThanOrEqual(optimum);
      expect(bound.missedVotes).toBeGreaterThanOrEqual(missedPart(model));
      if (bound.missedVotes > missedPart(model)) stronger++;
    }
    expect(stronger).toBeGreaterThan(0);
  });

  it('does not apply to sessions longer than one slot', async () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }],
      sessions: [{ id: 'long', duration: 2 }],
      votes: [],
    };
    const bound = await pairLpBound(compile(instance));
    expect(bound.applicable).toBe(false);
  });
});
