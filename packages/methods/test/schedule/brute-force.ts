import type { ScheduleInstance } from '../../src/schedule/types.ts';
import { compile } from '../../src/schedule/model.ts';
import { evaluateCells } from '../../src/schedule/evaluate.ts';

type Evaluation = ReturnType<typeof evaluateCells>;

/** The best value of `measure` over all feasible schedules, by exhaustive search: the oracle for tiny instances. */
export function bestFeasible(instance: ScheduleInstance, measure: (e: Evaluation, cells: Int32Array) => number): number {
  const model = compile(instance);
  const cells = new Int32Array(model.S).fill(-1);
  let best = Infinity;
  const rec = (s: number): void => {
    if (s === model.S) {
      const e = evaluateCells(model, cells);
      if (e.hard.total === 0) best = Math.min(best, measure(e, cells));
      return;
    }
    for (const c of model.allowed[s]) {
      cells[s] = c;
      rec(s + 1);
    }
    cells[s] = -1;
  };
  rec(0);
  return best;
}

/** Fewest missed votes over all feasible schedules. */
export const fewestMissed = (instance: ScheduleInstance) => bestFeasible(instance, (e) => e.missedVotes);
/** Lowest objective over all feasible schedules. */
export const lowestObjective = (instance: ScheduleInstance) => bestFeasible(instance, (e) => e.objective);
