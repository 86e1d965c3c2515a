/**
 * Scheduler benchmark: 60 sessions × 10 rooms × 6 slots × 400 participants with 5–10 votes each (seeded generator
 * in schedule-generator.ts). Not part of `npm test`.
 * Run from the repository root: node bench/methods/schedule.ts [--seed N] [--ilp-seconds S] [--bound-seconds S]
 * Reports objective, proven lower bound, gap and time for the heuristic alone (default settings: annealing, then the
 * tabu search; seeds 1–10), for a run with 10× the default annealing and tabu iterations (best known value), and
 * for heuristic + HiGHS ILP with a time limit (skipped with
 * --ilp-seconds 0). With --bound-seconds S > 0 the pair-LP bound (packages/methods/src/schedule/bound.ts) is computed
 * once per instance first and every gap is also given against it. With --column-seconds S > 0 the uniform instance is
 * also solved with the column-generation bound (packages/methods/src/schedule/column-bound.ts) given S seconds, for
 * each S in a comma-separated list (e.g. --column-seconds 5,20,60).
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { generateInstance } from './schedule-generator.ts';
import { solveSchedule, type SolveResult } from '../../packages/methods/src/schedule/solve.ts';
import { loadHighs } from '../../packages/methods/src/schedule/ilp.ts';
import { compile } from '../../packages/methods/src/schedule/model.ts';
import { overflowLowerBound } from '../../packages/methods/src/schedule/heuristic.ts';
import { pairLpBound } from '../../packages/methods/src/schedule/bound.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '42' }, 'ilp-seconds': { type: 'string', default: '60' }, 'bound-seconds': { type: 'string', default: '0' }, 'column-seconds': { type: 'string', default: '0' } } });
const columnSeconds = values['column-seconds'].split(',').map(Number).filter((x) => x > 0);
const boundSeconds = Number(values['bound-seconds']);
let strongBound = 0;
const seed = Number(values.seed);
console.log(`node ${process.version}, ${cpus().length} cpus, ${cpus()[0]?.model ?? ''}, ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await loadHighs(); // load the WebAssembly once, outside the timings

const pct = (objective: number, bound: number): string => `${(100 * Math.max(0, (objective - bound) / objective)).toFixed(2)} %`;
const line = (label: string, r: SolveResult, cpu: number): string =>
  `| ${label} | ${r.objective.toFixed(1)} | ${r.evaluation.missedVotes} | ${r.evaluation.overflow.toFixed(1)} | ${r.lowerBound.toFixed(1)} | ${(100 * r.gap).toFixed(2)} % | ${r.optimal ? 'yes' : 'no'} | ${r.seconds.toFixed(2)} s | ${cpu.toFixed(2)} s | ${r.quality.qualityVsRandom.toFixed(3)} |` +
  (boundSeconds > 0 ? (strongBound > 0 ? ` ${strongBound.toFixed(1)} | ${pct(r.objective, Math.max(strongBound, r.lowerBound))} |` : ' – | – |') : '');
/** Runs a solve and measures the process CPU time it used (robust against other processes on the machine). */
async function timed(label: string, run: () => Promise<SolveResult>): Promise<string> {
  const before = process.cpuUsage();
  const r = await run();
  const used = process.cpuUsage(before);
  return line(label, r, (used.user + used.system) / 1e6);
}

const pairColumns = boundSeconds > 0 ? ' pair-LP bound | gap to it |' : '';
console.log(`| run | objective | missed votes | overflow | lower bound | gap | optimal | wall time | CPU time | quality vs random |${pairColumns}`);
console.log(`|---|---|---|---|---|---|---|---|---|---|${boundSeconds > 0 ? '---|---|' : ''}`);
for (const kind of ['uniform', 'planted'] as const) {
  const instance = generateInstance({ seed, kind });
  strongBound = 0;
  // The planted instance's combinatorial bound is already the optimum of the missed votes; no need for the LP there.
  if (boundSeconds > 0 && kind === 'uniform') {
    const model = compile(instance);
    const before = process.cpuUsage();
    const pb = await pairLpBound(model, { timeLimit: boundSeconds });
    const used = process.cpuUsage(before);
    strongBound = model.weights.missedVote * pb.missedVotes + overflowLowerBound(model);
    console.error(`${kind}: pair-LP bound ${pb.missedVotes} missed votes (LP ${pb.lpValue.toFixed(3)}, ${pb.rounds} rounds, ${pb.forestCuts} forest + ${pb.triangleCuts} triangle cuts, converged ${pb.converged}) in ${pb.seconds.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`);
  }
  for (const s of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) console.log(await timed(`${kind}, heuristic, seed ${s}`, () => solveSchedule(instance, { mode: 'heuristic', seed: s })));
  // Defaults for 60 sessions: 1000 × 60 + 20000 annealing moves, min(400 × 60, max(1000, 8·10⁷ / 60²)) = 22,223 tabu iterations.
  console.log(await timed(`${kind}, heuristic 10× iterations`, () => solveSchedule(instance, { mode: 'heuristic', seed: 1, iterations: 800_000, tabuIterations: 111_120, timeLimit: 120 })));
  for (const cs of kind === 'uniform' ? columnSeconds : []) {
    let detail = '';
    console.log(await timed(`${kind}, heuristic + column bound (${cs} s)`, async () => {
      const r = await solveSchedule(instance, { mode: 'heuristic', seed: 1, columnBoundTimeLimit: cs });
      const cb = r.columnBound!;
      detail = `${kind}: column bound ${cb.missedVotes} missed votes (Lagrangian ${cb.lagrangian.toFixed(3)}, master LP ${cb.masterValue.toFixed(3)}, pricing lower ${cb.pricingLower.map((x) => x.toFixed(2)).join('/')}, ${cb.rounds} rounds, ${cb.columns} columns, ${cb.pricingNodes} pricing nodes, complete ${cb.pricingComplete}) in ${cb.seconds.toFixed(1)} s wall`;
      return r;
    }));
    console.error(detail);
  }
  if (Number(values['ilp-seconds']) > 0) console.log(await timed(`${kind}, heuristic + ILP (${values['ilp-seconds']} s limit)`, () => solveSchedule(instance, { mode: 'exact', seed: 1, timeLimit: Number(values['ilp-seconds']) })));
}
console.log(`end ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
