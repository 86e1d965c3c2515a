import { describe, expect, it } from 'vitest';
import type { ScheduleInstance, Schedule } from '../../src/schedule/types.ts';
import { compile, cellsToSchedule } from '../../src/schedule/model.ts';
import { evaluate, evaluateCells, qualityVsRandom } from '../../src/schedule/evaluate.ts';
import { anneal, overflowLowerBound } from '../../src/schedule/heuristic.ts';
import { solveIlp } from '../../src/schedule/ilp.ts';
import { solveSchedule, replan, findConflict } from '../../src/schedule/solve.ts';
import { explain, explainPlacement } from '../../src/schedule/explain.ts';
import { InfeasibleScheduleError, ScheduleInputError } from '../../src/schedule/errors.ts';
import { createRng } from '../../src/random.ts';
import { lowestObjective as bruteForce } from './brute-force.ts';

const slots3 = [{ id: 't1' }, { id: 't2' }, { id: 't3' }];

function randomInstance(seed: number): ScheduleInstance {
  const rng = createRng(seed);
  const sessions = Array.from({ length: 5 }, (_, s) => ({ id: `s${s}`, hosts: [`h${rng.int(4)}`] }));
  const votes = Array.from({ length: 12 }, (_, p) => ({
    participant: `p${p}`,
    sessions: Array.from({ length: 2 + rng.int(3) }, () => `s${rng.int(5)}`),
  }));
  return {
    slots: slots3,
    rooms: [{ id: 'big', capacity: 6 }, { id: 'small', capacity: 3 }],
    sessions,
    votes,
  };
}

describe('input errors', () => {
  const base: ScheduleInstance = { slots: slots3, rooms: [{ id: 'r1' }], sessions: [{ id: 'a' }, { id: 'b' }] };
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ScheduleInputError);
      return `${(e as ScheduleInputError).code} ${(e as ScheduleInputError).path}`;
    }
    return 'no error';
  };
  it('names unknown ids and the offending field', () => {
    expect(code(() => compile({ ...base, sessions: [{ id: 'a', notParallelTo: ['zzz'] }] }))).toBe('unknown-session sessions[0].notParallelTo[0]');
    expect(code(() => compile({ ...base, sessions: [{ id: 'a', fixed: { slot: 'tX' } }] }))).toBe('unknown-slot sessions[0].fixed.slot');
    expect(code(() => compile({ ...base, sessions: [{ id: 'a', fixed: { room: 'nope' } }] }))).toBe('unknown-room sessions[0].fixed.room');
    expect(code(() => compile({ ...base, votes: [{ participant: 'p', sessions: ['a', 'ghost'] }] }))).toBe('unknown-session votes[0].sessions[1]');
    expect(code(() => compile({ ...base, sessions: [{ id: 'a' }, { id: 'a' }] }))).toBe('duplicate-id sessions[1].id');
    expect(code(() => evaluate(base, { assignments: [{ session: 'a', slot: 't1', room: 'r9' }] }))).toBe('unknown-room assignments[0].room');
  });
  it('rejects a session longer than the day', () => {
    const twoDays = { ...base, slots: [{ id: 'a1', day: 'A' }, { id: 'a2', day: 'A' }, { id: 'b1', day: 'B' }] };
    expect(code(() => compile({ ...twoDays, sessions: [{ id: 'long', duration: 3 }] }))).toBe('session-longer-than-day sessions[0].duration');
    expect(() => compile({ ...twoDays, sessions: [{ id: 'ok', duration: 2 }] })).not.toThrow();
  });
});

describe('evaluation', () => {
  it('counts missed votes and the Minnebar satisfaction Σ 2k/(N(k+1))', () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1', capacity: 1 }, { id: 'r2' }],
      sessions: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      votes: [{ participant: 'p', sessions: ['a', 'b'] }, { participant: 'q', sessions: ['a'] }, { participant: 'x', sessions: ['a', 'b', 'c'] }],
    };
    const schedule: Schedule = { assignments: [{ session: 'a', slot: 't1', room: 'r1' }, { session: 'b', slot: 't1', room: 'r2' }, { session: 'c', slot: 't2', room: 'r1' }] };
    const e = evaluate(instance, schedule);
    expect(e.missedVotes).toBe(2); // p misses one of a/b, x misses one of a/b
    expect(e.participantsWithMisses).toBe(2);
    expect(e.overflow).toBe(2); // a: 3 voters in a 1-seat room
    expect(e.objective).toBe(2 * 1000 + 2);
    // p: 2·2/(2·3) = 2/3; q: 1; x: 2·2/(3·3) + 2/(3·2) = 4/9 + 1/3 = 7/9.
    expect(e.satisfaction).toBeCloseTo((2 / 3 + 1 + 7 / 9) / 3, 12);
    // Best spread: p 1, q 1, x (3 votes, 2 slots): (2·2/3 + 1·0)/3... = (4/3 + 1)/3 = 7/9.
    expect(e.satisfactionBest).toBeCloseTo((1 + 1 + 7 / 9) / 3, 12);
  });

  it('flags every kind of hard violation', () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 'm1', day: 'mon' }, { id: 'm2', day: 'mon' }, { id: 't1', day: 'tue' }],
      rooms: [{ id: 'r1', features: ['beamer'], unavailable: ['t1'] }, { id: 'r2' }],
      hosts: [{ id: 'ann', unavailable: ['m2'] }],
      sessions: [
        { id: 'a', hosts: ['ann'] },
        { id: 'b', hosts: ['ann'], notParallelTo: ['a'], requires: ['beamer'] },
        { id: 'c', duration: 2 },
        { id: 'd', fixed: { slot: 'm1' } },
        { id: 'e' },
      ],
    };
    const schedule: Schedule = {
      assignments: [
        { session: 'a', slot: 'm2', room: 'r1' },
        { session: 'b', slot: 'm2', room: 'r2' },
        { session: 'c', slot: 't1', room: 'r1' },
        { session: 'd', slot: 'm2', room: 'r1' },
      ],
    };
    const h = evaluate(instance, schedule).hard;
    expect(h).toMatchObject({ unscheduled: 1, roomDoubleBookings: 1, hostDoubleBookings: 1, notParallel: 1, hostAvailability: 2, fixedPlacement: 1, roomFeatures: 1, roomUnavailable: 1, pastEndOfDay: 1 });
    const kinds = explain(instance, schedule).conflicts.map((c) => c.type);
    for (const k of ['unscheduled', 'room-double-booking', 'host-double-booking', 'not-parallel', 'host-availability', 'fixed-placement', 'room-features', 'room-unavailable', 'past-end-of-day']) expect(kinds).toContain(k);
  });
});

describe('solving', () => {
  it('heuristic and exact ILP reach the brute-force optimum on small random instances', async () => {
    for (const seed of [1, 2, 3]) {
      const instance = randomInstance(seed);
      const optimum = bruteForce(instance);
      const exact = await solveSchedule(instance, { mode: 'exact', seed });
      expect(exact.objective).toBeCloseTo(optimum, 9);
      expect(exact.optimal).toBe(true);
      expect(exact.lowerBound).toBeCloseTo(optimum, 6);
      const heuristic = await solveSchedule(instance, { mode: 'heuristic', seed });
      expect(heuristic.objective).toBeCloseTo(optimum, 9);
      expect(heuristic.lowerBound).toBeLessThanOrEqual(heuristic.objective + 1e-9);
      expect(heuristic.gap).toBeGreaterThanOrEqual(0);
      expect(heuristic.gap).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic for a given seed', async () => {
    const instance = randomInstance(9);
    const a = await solveSchedule(instance, { mode: 'heuristic', seed: 5 });
    const b = await solveSchedule(instance, { mode: 'heuristic', seed: 5 });
    expect(a.schedule).toEqual(b.schedule);
  });

  it('keeps fixed placements, room features, availability and multi-slot sessions within a day', async () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 'm1', day: 'mon' }, { id: 'm2', day: 'mon' }, { id: 't1', day: 'tue' }, { id: 't2', day: 'tue' }],
      rooms: [{ id: 'hall', capacity: 50, features: ['beamer'] }, { id: 'room', capacity: 10 }],
      hosts: [{ id: 'bo', available: ['t1', 't2'] }],
      sessions: [
        { id: 'workshop', duration: 2, hosts: ['bo'] },
        { id: 'talk', requires: ['beamer'] },
        { id: 'opening', fixed: { slot: 'm1', room: 'hall' } },
        { id: 'x' },
        { id: 'y' },
      ],
      votes: [{ participant: 'p1', sessions: ['workshop', 'talk', 'x'] }, { participant: 'p2', sessions: ['x', 'y'] }],
    };
    for (const mode of ['heuristic', 'exact'] as const) {
      const result = await solveSchedule(instance, { mode });
      const at = (id: string) => result.schedule.assignments.find((a) => a.session === id)!;
      expect(result.evaluation.hard.total).toBe(0);
      expect(at('opening')).toMatchObject({ slot: 'm1', room: 'hall' });
      expect(at('talk').room).toBe('hall');
      expect(at('workshop').slot).toBe('t1');
      expect(result.evaluation.missedVotes).toBe(0);
    }
  });

  it('reports quality vs random between random (0) and best (1)', () => {
    const instance = randomInstance(4);
    const model = compile(instance);
    const best = anneal(model, { seed: 1 });
    const q = qualityVsRandom(model, best.cells, 40, 1);
    expect(q.satisfaction).toBeGreaterThan(q.randomSatisfaction);
    expect(q.qualityVsRandom).toBeGreaterThan(0);
    expect(q.qualityVsRandom).toBeLessThanOrEqual(1 + 1e-12);
  });
});

describe('infeasibility: irreducible infeasible subset', () => {
  it('three sessions of one host in two slots: the host constraint alone', async () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: [{ id: 'a', hosts: ['kim'] }, { id: 'b', hosts: ['kim'] }, { id: 'c', hosts: ['kim'] }, { id: 'd', notParallelTo: ['a'] }],
    };
    const error = await solveSchedule(instance).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfeasibleScheduleError);
    expect((error as InfeasibleScheduleError).conflict.map((g) => g.id)).toEqual(['host-exclusive:kim']);
    expect((error as InfeasibleScheduleError).irreducible).toBe(true);
  });

  it('two sessions fixed to the same room and slot, and pairwise not-parallel sessions', async () => {
    const clash: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: [{ id: 'a', fixed: { slot: 't1', room: 'r1' } }, { id: 'b', fixed: { slot: 't1', room: 'r1' } }, { id: 'c' }],
    };
    const report = await findConflict(clash);
    expect(report?.conflict.map((g) => g.id).sort()).toEqual(['fixed-room:a', 'fixed-room:b', 'fixed-slot:a', 'fixed-slot:b', 'room-exclusive:r1']);
    const triangle: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }],
      sessions: [{ id: 'a', notParallelTo: ['b', 'c'] }, { id: 'b', notParallelTo: ['c'] }, { id: 'c' }, { id: 'd', hosts: ['z'] }, { id: 'e', hosts: ['z'] }],
    };
    const t = await findConflict(triangle);
    expect(t?.conflict.map((g) => g.id).sort()).toEqual(['not-parallel:a|b', 'not-parallel:a|c', 'not-parallel:b|c']);
    expect(await findConflict(randomInstance(1))).toBeNull();
  });

  it('more sessions than room-slots: the rooms together are the conflict', async () => {
    const full: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })),
    };
    const error = await solveSchedule(full, { mode: 'heuristic' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfeasibleScheduleError);
    expect((error as InfeasibleScheduleError).conflict.map((g) => g.id)).toEqual(['room-exclusive:r1', 'room-exclusive:r2']);
  });

  it('the reported subset is infeasible on its own and feasible without any one member', async () => {
    const instance: ScheduleInstance = {
      slots: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      hosts: [{ id: 'ann', available: ['t1'] }, { id: 'ben', available: ['t1', 't2'] }],
      sessions: [
        { id: 'a', hosts: ['ann'] },
        { id: 'b', hosts: ['ann', 'ben'] },
        { id: 'c', hosts: ['ben'], notParallelTo: ['d'] },
        { id: 'd' },
        { id: 'e', fixed: { room: 'r2' } },
      ],
    };
    const report = (await findConflict(instance))!;
    expect(report.irreducible).toBe(true);
    const all = compile(instance).groups.map((g) => g.id);
    const keep = new Set(report.conflict.map((g) => g.id));
    const others = all.filter((id) => !keep.has(id));
    const onlyConflict = await solveIlp(compile(instance, new Set(others)), { feasibilityOnly: true });
    expect(onlyConflict.status).toBe('infeasible');
    for (const id of keep) {
      const dropped = await solveIlp(compile(instance, new Set([...others, id])), { feasibilityOnly: true });
      expect(dropped.status === 'optimal' || dropped.status === 'feasible').toBe(true);
    }
  });
});

describe('re-planning', () => {
  const instance: ScheduleInstance = {
    slots: slots3,
    rooms: [{ id: 'r1' }, { id: 'r2' }],
    hosts: [{ id: 'ann', unavailable: ['t3'] }, { id: 'cleo', available: ['t1'] }],
    sessions: [{ id: 'A', hosts: ['ann'] }, { id: 'B' }, { id: 'D' }, { id: 'E' }, { id: 'F' }],
    votes: [{ participant: 'p', sessions: ['A', 'B'] }],
  };
  const published: Schedule = {
    assignments: [
      { session: 'A', slot: 't1', room: 'r1' },
      { session: 'D', slot: 't1', room: 'r2' },
      { session: 'B', slot: 't2', room: 'r1' },
      { session: 'E', slot: 't2', room: 'r2' },
      { session: 'F', slot: 't3', room: 'r1' },
    ],
  };

  it('a cancellation needs no moves', async () => {
    const cancelled = { ...instance, sessions: instance.sessions.filter((s) => s.id !== 'E') };
    const result = await replan(cancelled, published);
    expect(result.moves).toEqual([]);
    expect(result.removed).toEqual(['E']);
    expect(result.provenMinimal).toBe(true);
  });

  it('a late session whose host can only come at t1 moves exactly one session (D, not A whose host is away at t3)', async () => {
    const late = { ...instance, sessions: [...instance.sessions, { id: 'C', hosts: ['cleo'] }] };
    for (const mode of ['heuristic', 'exact'] as const) {
      const result = await replan(late, published, { mode });
      expect(result.evaluation.hard.total).toBe(0);
      expect(result.moves.map((m) => m.session)).toEqual(['D']);
      expect(result.moves[0].to).toEqual({ slot: 't3', room: 'r2' });
      expect(result.added).toEqual([{ session: 'C', slot: 't1', room: 'r2' }]);
      if (mode === 'exact') expect(result.provenMinimal).toBe(true);
    }
  });

  it('an impossible late session gives the conflict instead of a partial schedule', async () => {
    const late = { ...instance, sessions: [...instance.sessions, { id: 'C', hosts: ['cleo'] }, { id: 'G', hosts: ['cleo'] }] };
    const error = await replan(late, published).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfeasibleScheduleError);
    expect((error as InfeasibleScheduleError).conflict.map((g) => g.id).sort()).toEqual(['host-availability:cleo', 'host-exclusive:cleo']);
  });
});

describe('explain', () => {
  const instance: ScheduleInstance = {
    slots: [{ id: 't1' }, { id: 't2' }],
    rooms: [{ id: 'r1', capacity: 1 }, { id: 'r2', capacity: 10 }],
    hosts: [{ id: 'ann', available: ['t1'] }],
    sessions: [{ id: 'a', hosts: ['ann'] }, { id: 'b' }, { id: 'c' }],
    votes: [
      { participant: 'p1', sessions: ['a', 'b'] },
      { participant: 'p2', sessions: ['a', 'b'] },
      { participant: 'p3', sessions: ['b', 'c'] },
    ],
  };
  const schedule: Schedule = { assignments: [{ session: 'a', slot: 't1', room: 'r2' }, { session: 'b', slot: 't1', room: 'r1' }, { session: 'c', slot: 't2', room: 'r1' }] };

  it('lists parallel votes with the affected participants, and overflow', () => {
    const { conflicts, evaluation } = explain(instance, schedule);
    expect(evaluation.hard.total).toBe(0);
    const parallel = conflicts.find((c) => c.type === 'parallel-votes')!;
    expect(parallel.sessions).toEqual(['a', 'b']);
    expect(parallel.affected).toEqual(['p1', 'p2']);
    const overflow = conflicts.find((c) => c.type === 'room-overflow')!;
    expect(overflow).toMatchObject({ sessions: ['b'], room: 'r1', count: 2 });
  });

  it('explains a placement: cost of each other slot and what forbids it', () => {
    const forB = explainPlacement(instance, schedule, 'b');
    expect(forB.find((o) => o.current)?.slot).toBe('t1');
    expect(forB.find((o) => o.slot === 't2')).toMatchObject({ missedDelta: -1, blockedBy: [] });
    const forA = explainPlacement(instance, schedule, 'a');
    expect(forA.find((o) => o.slot === 't2')?.blockedBy).toEqual(['host ann is not available']);
  });
});

describe('ILP details', () => {
  it('uses a heuristic start and matches its own objective', async () => {
    const model = compile(randomInstance(6));
    const h = anneal(model, { seed: 2 });
    const ilp = await solveIlp(model, { start: h.cells });
    expect(ilp.status).toBe('optimal');
    expect(evaluateCells(model, ilp.cells!).objective).toBeCloseTo(ilp.value, 6);
    expect(ilp.value).toBeLessThanOrEqual(h.objective + 1e-9);
    expect(cellsToSchedule(model, ilp.cells!).assignments).toHaveLength(5);
  });
});

describe('auto mode: the time after the heuristic', () => {
  // 40 one-slot sessions in 8 rooms × 5 slots, 300 voters with 5–9 votes: slot symmetry keeps HiGHS's bound weak.
  function symmetricInstance(): ScheduleInstance {
    const rng = createRng(11);
    return {
      slots: Array.from({ length: 5 }, (_, t) => ({ id: `t${t}` })),
      rooms: Array.from({ length: 8 }, (_, r) => ({ id: `r${r}`, capacity: 20 + 5 * r })),
      sessions: Array.from({ length: 40 }, (_, s) => ({ id: `s${s}`, hosts: [`h${s}`] })),
      votes: Array.from({ length: 300 }, (_, p) => ({ participant: `p${p}`, sessions: Array.from({ length: 5 + rng.int(5) }, () => `s${rng.int(40)}`) })),
    };
  }

  it('goes to the column bound when the ILP has not proven optimality, and the result uses that bound', async () => {
    const instance = symmetricInstance();
    const model = compile(instance);
    const r = await solveSchedule(instance, { timeLimit: 3 });
    expect(r.exactRan).toBe(true);
    expect(r.columnBound?.applicable).toBe(true);
    expect(r.lowerBound).toBeGreaterThanOrEqual(model.weights.missedVote * r.columnBound!.missedVotes + overflowLowerBound(model) - 1e-6);
    expect(r.lowerBound).toBeLessThanOrEqual(r.objective);
    expect(r.gap).toBeCloseTo((r.objective - r.lowerBound) / r.objective, 12);
  });

  it('does not run the column bound in exact mode, when switched off, for multi-slot sessions or once the ILP is optimal', async () => {
    const instance = symmetricInstance();
    expect((await solveSchedule(instance, { timeLimit: 1, mode: 'exact' })).columnBound).toBeUndefined();
    expect((await solveSchedule(instance, { timeLimit: 1, columnBoundTimeLimit: 0 })).columnBound).toBeUndefined();
    const withLongSession = {
      ...instance,
      rooms: [...instance.rooms, { id: 'extra', capacity: 60 }],
      sessions: instance.sessions.map((s, i) => (i === 0 ? { ...s, duration: 2 } : s)),
    };
    expect((await solveSchedule(withLongSession, { timeLimit: 1 })).columnBound).toBeUndefined();
    const small = await solveSchedule(randomInstance(6));
    expect(small.optimal).toBe(true);
    expect(small.columnBound).toBeUndefined();
  });
});
