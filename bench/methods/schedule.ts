/**
 * Scheduler benchmark: 60 sessions × 10 rooms × 6 slots × 400 participants with 5–10 votes each (seeded generator
 * in schedule-generator.ts). Not part of `npm test`.
 * Run from the repository root: node bench/methods/schedule.ts [--seed N] [--ilp-seconds S]
 * Reports objective, proven lower bound, gap and time for the heuristic alone (default settings, 5 seeds), for a
 * 10× longer annealing run (best known value), and for heuristic + HiGHS ILP with a time limit.
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { generateInstance } from './schedule-generator.ts';
import { solveSchedule, type SolveResult } from '../../packages/methods/src/schedule/solve.ts';
import { loadHighs } from '../../packages/methods/src/schedule/ilp.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '42' }, 'ilp-seconds': { type: 'string', default: '60' } } });
const seed = Number(values.seed);
console.log(`node ${process.version}, ${cpus().length} cpus, ${cpus()[0]?.model ?? ''}`);
await loadHighs(); // load the WebAssembly once, outside the timings

const line = (label: string, r: SolveResult, cpu: number): string =>
  `| ${label} | ${r.objective.toFixed(1)} | ${r.evaluation.missedVotes} | ${r.evaluation.overflow.toFixed(1)} | ${r.lowerBound.toFixed(1)} | ${(100 * r.gap).toFixed(2)} % | ${r.optimal ? 'yes' : 'no'} | ${r.seconds.toFixed(2)} s | ${cpu.toFixed(2)} s | ${r.quality.qualityVsRandom.toFixed(3)} |`;
/** Runs a solve and measures the process CPU time it used (robust against other processes on the machine). */
async function timed(label: string, run: () => Promise<SolveResult>): Promise<string> {
  const before = process.cpuUsage();
  const r = await run();
  const used = process.cpuUsage(before);
  return line(label, r, (used.user + used.system) / 1e6);
}

console.log('| run | objective | missed votes | overflow | lower bound | gap | optimal | wall time | CPU time | quality vs random |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const kind of ['uniform', 'planted'] as const) {
  const instance = generateInstance({ seed, kind });
  for (const s of [1, 2, 3, 4, 5]) console.log(await timed(`${kind}, heuristic, seed ${s}`, () => solveSchedule(instance, { mode: 'heuristic', seed: s })));
  console.log(await timed(`${kind}, heuristic 10× iterations`, () => solveSchedule(instance, { mode: 'heuristic', seed: 1, iterations: 2_600_000, timeLimit: 120 })));
  console.log(await timed(`${kind}, heuristic + ILP (${values['ilp-seconds']} s limit)`, () => solveSchedule(instance, { mode: 'exact', seed: 1, timeLimit: Number(values['ilp-seconds']) })));
}
