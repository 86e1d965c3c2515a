/**
 * Certifies the scheduler benchmark's uniform instance: the column-generation bound (column-bound.ts) run to
 * convergence, seeded with the heuristic schedules of three seeds, with its progress log. Not part of `npm test`.
 * Run from the repository root: node bench/methods/schedule-certify.ts [--seconds 1500] [--seed 42]
 * Prints the heuristic schedules' missed votes, every column-generation round and certification pass, and the proven
 * bound; the gap of a schedule is (its objective − bound) / its objective, as in `solveSchedule`.
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { generateInstance } from './schedule-generator.ts';
import { compile, scheduleToCells } from '../../packages/methods/src/schedule/model.ts';
import { solveSchedule } from '../../packages/methods/src/schedule/solve.ts';
import { columnBound } from '../../packages/methods/src/schedule/column-bound.ts';
import { overflowLowerBound } from '../../packages/methods/src/schedule/heuristic.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '1500' }, seed: { type: 'string', default: '42' } } });
const stamp = (): string => `${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
console.log(`node ${process.version}, ${cpus().length} cpus, ${cpus()[0]?.model ?? ''}, ${stamp()}`);

const instance = generateInstance({ seed: Number(values.seed), kind: 'uniform' });
const model = compile(instance);

const schedules: Int32Array[] = [];
let best = Infinity;
for (const seed of [1, 2, 3]) {
  const r = await solveSchedule(instance, { mode: 'heuristic', seed });
  best = Math.min(best, r.objective);
  console.log(`heuristic seed ${seed}: ${r.evaluation.missedVotes} missed votes, objective ${r.objective.toFixed(1)}, ${r.seconds.toFixed(2)} s`);
  schedules.push(scheduleToCells(model, r.schedule));
}
const cpu0 = process.cpuUsage();
const cb = await columnBound(model, { timeLimit: Number(values.seconds), schedules, log: (message) => console.log(`${new Date().toISOString().slice(11, 19)} ${message}`) });
const cpu = process.cpuUsage(cpu0);
const bound = model.weights.missedVote * cb.missedVotes + overflowLowerBound(model);
console.log(`bound: ≥ ${cb.missedVotes} missed votes (Lagrangian ${cb.lagrangian.toFixed(4)}, master LP ${cb.masterValue.toFixed(4)}, pricing complete ${cb.pricingComplete}), ${cb.rounds} rounds, ${cb.columns} columns, ${cb.pricingNodes} pricing nodes`);
console.log(`time: ${cb.seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; best heuristic objective ${best.toFixed(1)}, proven gap ${((100 * (best - bound)) / best).toFixed(2)} %`);
console.log(`end ${stamp()}`);
