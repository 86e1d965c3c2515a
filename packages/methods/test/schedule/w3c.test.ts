// W3C Breakouts Day 2024 (github.com/w3c/tpac-breakouts, MIT): the scheduler reaches 0 declared-conflict
// violations, 0 chair double-bookings and 0 room double-bookings; the evaluator reports 0/0/0 for the schedule W3C used.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importW3cBreakouts, type W3cBreakoutsData } from '../../src/schedule/w3c.ts';
import { evaluate } from '../../src/schedule/evaluate.ts';
import { solveSchedule } from '../../src/schedule/solve.ts';
import { explain } from '../../src/schedule/explain.ts';
import { ScheduleInputError } from '../../src/schedule/errors.ts';

const file = fileURLToPath(new URL('../../../../../shared/reference-cases/scheduling/w3c_breakouts_2024/breakouts-day-2024.instance.json', import.meta.url));
const data = JSON.parse(readFileSync(file, 'utf8')) as W3cBreakoutsData;

describe('W3C Breakouts Day 2024', () => {
  const { instance, actual } = importW3cBreakouts(data);

  it('imports 19 sessions, 4 slots, 7 rooms, 21 declared conflicts and the chairs', () => {
    expect(instance.sessions).toHaveLength(19);
    expect(instance.slots.map((s) => s.id)).toEqual(['2024-03-12 13:00', '2024-03-12 14:00', '2024-03-12 21:00', '2024-03-12 22:00']);
    expect(instance.rooms).toHaveLength(7);
    expect(instance.sessions.reduce((n, s) => n + (s.notParallelTo?.length ?? 0), 0)).toBe(21);
    expect(instance.sessions.find((s) => s.id === '#2')?.hosts).toEqual(['marcoscaceres', 'reillyeon', 'nondebug', '7ombie']);
    expect(actual.assignments).toHaveLength(19);
  });

  it('the evaluator reports 0/0/0 for the schedule W3C actually used', () => {
    const e = evaluate(instance, actual);
    expect(e.hard.notParallel).toBe(0);
    expect(e.hard.hostDoubleBookings).toBe(0);
    expect(e.hard.roomDoubleBookings).toBe(0);
    expect(e.hard.total).toBe(0);
    expect(explain(instance, actual).conflicts.filter((c) => c.hard)).toEqual([]);
  });

  it('the evaluator detects a declared conflict and a chair double-booking in a perturbed schedule', () => {
    // #20 (chair darobin) declares a conflict with #17; put #20 into #17's slot and #16's (also chaired by darobin).
    const slotOf = (id: string) => actual.assignments.find((a) => a.session === id)!.slot;
    const moved = { assignments: actual.assignments.map((a) => (a.session === '#20' ? { ...a, slot: slotOf('#17'), room: 'Plenary' } : a)) };
    const e = evaluate(instance, moved);
    // 22:00 holds #17, #24 and #14: #20 declares #17; #24 and #14 declare #20.
    expect(e.hard.notParallel).toBe(3);
    const conflicts = explain(instance, moved).conflicts.filter((c) => c.type === 'not-parallel');
    expect(conflicts.map((c) => [...c.sessions].sort()).sort()).toEqual([['#14', '#20'], ['#17', '#20'], ['#20', '#24']]);
    const both = { assignments: actual.assignments.map((a) => (a.session === '#20' ? { ...a, slot: slotOf('#16'), room: 'Plenary' } : a)) };
    expect(evaluate(instance, both).hard.hostDoubleBookings).toBe(1);
    expect(explain(instance, both).conflicts.find((c) => c.type === 'host-double-booking')?.host).toBe('darobin');
  });

  it('the heuristic schedules all sessions with 0/0/0', async () => {
    const result = await solveSchedule(instance, { mode: 'heuristic', seed: 11 });
    expect(result.schedule.assignments).toHaveLength(19);
    expect(result.evaluation.hard.notParallel).toBe(0);
    expect(result.evaluation.hard.hostDoubleBookings).toBe(0);
    expect(result.evaluation.hard.roomDoubleBookings).toBe(0);
    expect(result.evaluation.hard.total).toBe(0);
  });

  it('the exact ILP schedules all sessions with 0/0/0 and proves optimality', async () => {
    const result = await solveSchedule(instance, { mode: 'exact', seed: 1 });
    expect(result.exactRan).toBe(true);
    expect(result.evaluation.hard.total).toBe(0);
    expect(result.optimal).toBe(true);
    expect(result.gap).toBe(0);
  });

  it('rejects a conflict link to an unknown session with a typed error', () => {
    const bad = { ...data, sessions: [...data.sessions, { number: 99, chairs: ['x'], conflicts: [1234] }] };
    expect(() => importW3cBreakouts(bad)).toThrow(ScheduleInputError);
  });
});
