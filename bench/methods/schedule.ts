/**
 * Scheduler benchmark: 60 sessions × 10 rooms × 6 slots × 400 participants with 5–10 votes each.
 * Run: node bench/methods/schedule.ts [--seed N] [--ilp-seconds S]
 * Reports objective, proven lower bound, gap and time for the heuristic alone and for heuristic + HiGHS.
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { generateInstance } from './schedule-generator.ts';
import { solveSchedule } from '../../packages/methods/src/schedule/solve.ts';
import { loadHighs } from '../../packages/methods/src/schedule/ilp.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '42' }, 'ilp-seconds': { type: 'string', default: '60' } } });
const seed = Number(values.seed);
console.log(`node ${process.version}, ${cpus().length} cpus, ${cpus()[0]?.model ?? ''}`);
await loadHighs(); // load the WebAssembly once, outside the timings
for (const kind of ['uniform', 'planted'] as const) {
  const instance = generateInstance({ seed, kind });
  const h = await solveSchedule(instance, { mode: 'heuristic', seed });
  console.log(`${kind} heuristic: objective ${h.objective} (missed ${h.evaluation.missedVotes}, overflow ${h.evaluation.overflow.toFixed(1)}), bound ${h.lowerBound.toFixed(1)}, gap ${(100 * h.gap).toFixed(2)} %, ${h.seconds.toFixed(2)} s, quality vs random ${h.quality.qualityVsRandom.toFixed(3)}`);
  const e = await solveSchedule(instance, { mode: 'exact', seed, timeLimit: Number(values['ilp-seconds']) });
  console.log(`${kind} heuristic+ILP (${values['ilp-seconds']} s limit): objective ${e.objective} (missed ${e.evaluation.missedVotes}, overflow ${e.evaluation.overflow.toFixed(1)}), bound ${e.lowerBound.toFixed(1)}, gap ${(100 * e.gap).toFixed(2)} %, optimal ${e.optimal}, ${e.seconds.toFixed(2)} s`);
}
