import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  evaluate,
  explain,
  explainPlacement,
  importW3cBreakouts,
  InfeasibleScheduleError,
  qualityVsRandom,
  replan,
  compile,
  scheduleToCells,
  solveSchedule,
  type Schedule,
  type ScheduleInstance,
  type W3cBreakoutsData,
} from '@kleinstadt/methods/schedule';
import { CliError, type Command, type CommandIo } from '../command.ts';

const USAGE = `Usage:
  kleinstadt schedule <instance.json> [--json] [--seed N] [--time-limit S] [--exact | --heuristic] [--bound-seconds S] [--column-bound-seconds S] [--out schedule.json]
  kleinstadt schedule evaluate <instance.json> <schedule.json> [--json]
  kleinstadt schedule explain <instance.json> <schedule.json> [--session ID] [--json]
  kleinstadt schedule replan <instance.json> <previous-schedule.json> [--json] [--seed N] [--time-limit S] [--out schedule.json]
  kleinstadt schedule import-w3c <breakouts.json> [--out instance.json] [--actual schedule.json]

Places barcamp sessions into rooms and time slots so that participants can attend what they voted for.
Hard constraints (one session per room and slot, hosts never double-booked, availability, fixed placements,
room features, "not parallel to" pairs) always hold; if they cannot, the smallest conflicting set is printed.
The instance format is documented in docs/methods/scheduling.md; W3C breakouts JSON is accepted directly.

Options:
  --json            machine-readable output
  --seed N          seed of the heuristic and the solver (default 1)
  --time-limit S    seconds (default 10)
  --exact           always run the exact ILP (HiGHS) after the heuristic, for the whole time limit
  --heuristic       simulated annealing and tabu search only (about a second; lower bound: combinatorial)
  --bound-seconds S also compute the pair-LP lower bound for up to S seconds (default 0 = off; slot-symmetry-free,
                    sessions of one slot only; see docs/methods/scheduling.md "Lower bounds")
  --column-bound-seconds S
                    compute the column-generation (Lagrangian) lower bound for up to S seconds, the strongest bound
                    (sessions of one slot only). Default: without --exact or --heuristic, the ILP gets half of the
                    time left after the heuristic and this bound the rest if the ILP does not prove optimality; 0 = off
  --out FILE        write the schedule (or, for import-w3c, the instance) as JSON
  --actual FILE     (import-w3c) write the schedule W3C used
  --session ID      (explain) why this session is in its slot`;

function readJson(path: string | undefined, what: string): unknown {
  if (!path) throw new CliError(`missing ${what} file`, 2);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read ${what} file "${path}"`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} file "${path}" is not valid JSON: ${(error as Error).message}`);
  }
}

function isW3c(data: unknown): data is W3cBreakoutsData {
  const d = data as { sessions?: unknown[]; slots?: unknown[] };
  return Array.isArray(d?.sessions) && Array.isArray(d?.slots) && typeof d.slots[0] === 'string' && d.sessions.every((s) => typeof (s as { number?: unknown }).number === 'number');
}

/** Reads an instance file; W3C breakouts JSON is converted on the fly. */
function readInstance(path: string | undefined): { instance: ScheduleInstance; w3c: boolean } {
  const data = readJson(path, 'instance');
  if (isW3c(data)) return { instance: importW3cBreakouts(data).instance, w3c: true };
  return { instance: data as ScheduleInstance, w3c: false };
}

function readSchedule(path: string | undefined): Schedule {
  const data = readJson(path, 'schedule') as Schedule & { schedule?: Schedule };
  return Array.isArray(data?.assignments) ? data : data?.schedule ?? data;
}

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`--${name} must be a non-negative number, got "${value}"`, 2);
  return n;
}

const fmt = (n: number, digits = 1): string => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

/** The schedule as a text grid: one line per slot, one column per room. */
export function scheduleGrid(instance: ScheduleInstance, schedule: Schedule): string {
  const model = compile(instance);
  const cells = scheduleToCells(model, schedule);
  const table: string[][] = [['', ...model.roomIds]];
  for (let t = 0; t < model.T; t++) {
    const row = [instance.slots[t].label ?? instance.slots[t].id];
    for (let r = 0; r < model.R; r++) {
      let text = '';
      for (let s = 0; s < model.S; s++) {
        const c = cells[s];
        if (c < 0 || c % model.R !== r) continue;
        const t0 = Math.floor(c / model.R);
        if (t >= t0 && t < t0 + model.duration[s]) text = t === t0 ? instance.sessions[s].title ?? model.sessionIds[s] : '  ⋮';
      }
      row.push(text.length > 28 ? `${text.slice(0, 27)}…` : text);
    }
    table.push(row);
  }
  const widths = table[0].map((_, j) => Math.max(...table.map((row) => row[j].length)));
  return table.map((row) => row.map((cell, j) => cell.padEnd(widths[j])).join(' | ').trimEnd()).join('\n');
}

function printConflict(error: InfeasibleScheduleError, json: boolean, io: CommandIo): number {
  if (json) io.out(JSON.stringify({ feasible: false, irreducible: error.irreducible, conflict: error.conflict }, null, 2));
  else io.err(`kleinstadt schedule: ${error.message}`);
  return 1;
}

async function runSolve(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'time-limit': { type: 'string' },
      'bound-seconds': { type: 'string' },
      'column-bound-seconds': { type: 'string' },
      exact: { type: 'boolean', default: false },
      heuristic: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new CliError(`expected one instance file\n\n${USAGE}`, 2);
  if (values.exact && values.heuristic) throw new CliError('--exact and --heuristic exclude each other', 2);
  const { instance } = readInstance(positionals[0]);
  const seed = numberOption(values.seed, 'seed', 1);
  let result;
  try {
    result = await solveSchedule(instance, { seed, timeLimit: numberOption(values['time-limit'], 'time-limit', 10), boundTimeLimit: numberOption(values['bound-seconds'], 'bound-seconds', 0), columnBoundTimeLimit: values['column-bound-seconds'] === undefined ? undefined : numberOption(values['column-bound-seconds'], 'column-bound-seconds', 0), mode: values.exact ? 'exact' : values.heuristic ? 'heuristic' : 'auto' });
  } catch (error) {
    if (error instanceof InfeasibleScheduleError) return printConflict(error, values.json, io);
    throw error;
  }
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result.schedule, null, 2)}\n`);
  if (values.json) {
    io.out(JSON.stringify({ feasible: true, ...result }, null, 2));
    return 0;
  }
  const e = result.evaluation;
  io.out(scheduleGrid(instance, result.schedule));
  io.out('');
  io.out(`Hard constraints: all kept (room double-bookings ${e.hard.roomDoubleBookings}, host double-bookings ${e.hard.hostDoubleBookings}, not-parallel violations ${e.hard.notParallel})`);
  io.out(`Missed votes: ${fmt(e.missedVotes)} (${fmt(e.participantsWithMisses)} participants affected); room overflow: ${fmt(e.overflow)} persons`);
  if ((instance.votes ?? []).length === 0) io.out('No interest votes in the instance: only the hard constraints and room sizes mattered.');
  else io.out(`Satisfaction (Minnebar): ${result.quality.satisfaction.toFixed(3)}; random schedules ${result.quality.randomSatisfaction.toFixed(3)}; best possible ≤ ${result.quality.bestSatisfaction.toFixed(3)}; quality vs random ${result.quality.qualityVsRandom.toFixed(2)}`);
  io.out(`Objective ${fmt(result.objective)}, lower bound ${fmt(result.lowerBound)}, gap ${(100 * result.gap).toFixed(2)} %${result.optimal ? ' (optimal)' : ''}; ${result.method}${result.exactRan ? ' + ILP' : ''}${result.pairBound?.applicable ? ' + pair-LP bound' : ''}${result.columnBound?.applicable ? ' + column bound' : ''}, seed ${result.seed}, ${result.seconds.toFixed(2)} s`);
  return 0;
}

async function runEvaluate(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 2) throw new CliError(`expected an instance and a schedule file\n\n${USAGE}`, 2);
  const { instance } = readInstance(positionals[0]);
  const schedule = readSchedule(positionals[1]);
  const evaluation = evaluate(instance, schedule);
  const model = compile(instance);
  const quality = qualityVsRandom(model, scheduleToCells(model, schedule));
  if (values.json) {
    io.out(JSON.stringify({ evaluation, quality }, null, 2));
  } else {
    const h = evaluation.hard;
    io.out(`Declared not-parallel violations: ${h.notParallel}`);
    io.out(`Host double-bookings: ${h.hostDoubleBookings}`);
    io.out(`Room double-bookings: ${h.roomDoubleBookings}`);
    io.out(`Other hard violations: unscheduled ${h.unscheduled}, availability ${h.hostAvailability}, fixed ${h.fixedPlacement}, features ${h.roomFeatures}, room closed ${h.roomUnavailable}, past end of day ${h.pastEndOfDay}`);
    io.out(`Missed votes: ${fmt(evaluation.missedVotes)}; room overflow: ${fmt(evaluation.overflow)}; objective ${fmt(evaluation.objective)}`);
    io.out(`Satisfaction ${quality.satisfaction.toFixed(3)}, quality vs random ${quality.qualityVsRandom.toFixed(2)}`);
  }
  return evaluation.hard.total === 0 ? 0 : 1;
}

async function runExplain(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, session: { type: 'string' } } });
  if (positionals.length !== 2) throw new CliError(`expected an instance and a schedule file\n\n${USAGE}`, 2);
  const { instance } = readInstance(positionals[0]);
  const schedule = readSchedule(positionals[1]);
  if (values.session !== undefined) {
    const options = explainPlacement(instance, schedule, values.session);
    if (values.json) io.out(JSON.stringify(options, null, 2));
    else {
      for (const o of options) {
        const state = o.current ? 'current' : o.blockedBy.length > 0 ? `not possible: ${o.blockedBy.join('; ')}` : `${o.missedDelta >= 0 ? '+' : ''}${fmt(o.missedDelta)} missed votes`;
        io.out(`${o.slot.padEnd(20)} missed votes ${fmt(o.missedVotes)}  (${state})`);
      }
    }
    return 0;
  }
  const explanation = explain(instance, schedule);
  if (values.json) io.out(JSON.stringify(explanation, null, 2));
  else if (explanation.conflicts.length === 0) io.out('No conflicts: every participant can attend every voted session, no room overflows.');
  else for (const c of explanation.conflicts) io.out(`${c.hard ? 'HARD ' : ''}${c.message}${c.affected.length > 0 && c.type === 'parallel-votes' ? `: ${c.affected.join(', ')}` : ''}`);
  return explanation.evaluation.hard.total === 0 ? 0 : 1;
}

async function runReplan(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, seed: { type: 'string' }, 'time-limit': { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length !== 2) throw new CliError(`expected an instance and the previous schedule\n\n${USAGE}`, 2);
  const { instance } = readInstance(positionals[0]);
  const previous = readSchedule(positionals[1]);
  let result;
  try {
    result = await replan(instance, previous, { seed: numberOption(values.seed, 'seed', 1), timeLimit: numberOption(values['time-limit'], 'time-limit', 10) });
  } catch (error) {
    if (error instanceof InfeasibleScheduleError) return printConflict(error, values.json, io);
    throw error;
  }
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result.schedule, null, 2)}\n`);
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  io.out(`${result.moves.length} session(s) moved${result.provenMinimal ? ' (proven minimum)' : ''}:`);
  for (const m of result.moves) io.out(`  ${m.session}: ${m.from.slot} ${m.from.room} → ${m.to.slot} ${m.to.room}`);
  for (const a of result.added) io.out(`  new ${a.session}: ${a.slot} ${a.room}`);
  for (const r of result.removed) io.out(`  removed ${r}`);
  io.out('');
  io.out(scheduleGrid(instance, result.schedule));
  return 0;
}

async function runImportW3c(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, actual: { type: 'string' } } });
  if (positionals.length !== 1) throw new CliError(`expected one W3C breakouts JSON file\n\n${USAGE}`, 2);
  const data = readJson(positionals[0], 'W3C breakouts');
  if (!isW3c(data)) throw new CliError(`"${positionals[0]}" is not W3C breakouts JSON (slots as strings, sessions with numbers)`);
  const { instance, actual } = importW3cBreakouts(data);
  if (values.actual) writeFileSync(values.actual, `${JSON.stringify(actual, null, 2)}\n`);
  if (values.out) writeFileSync(values.out, `${JSON.stringify(instance, null, 2)}\n`);
  else io.out(JSON.stringify(instance, null, 2));
  return 0;
}

/** `kleinstadt schedule`: automatic barcamp session scheduling. */
export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'Schedule barcamp sessions into rooms and slots (also evaluate, explain, replan, import-w3c)',
  usage: USAGE,
  async run(args: string[], io: CommandIo): Promise<number> {
    const [first, ...rest] = args;
    switch (first) {
      case 'evaluate':
        return runEvaluate(rest, io);
      case 'explain':
        return runExplain(rest, io);
      case 'replan':
        return runReplan(rest, io);
      case 'import-w3c':
        return runImportW3c(rest, io);
      default:
        return runSolve(args, io);
    }
  },
};
