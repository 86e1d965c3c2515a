// `kleinstadt cib …`: the scenario methods (CIB, influence matrix, consistency analysis) on files.
// All file I/O happens here; the computations are the pure functions of @kleinstadt/methods.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  analyseBasins,
  analyseEnsemble,
  compileCib,
  evaluateScenario,
  formatCibCsv,
  formatScw,
  formatSl,
  fromCibJson,
  judgementSensitivity,
  parseCibCsv,
  parseScw,
  runSuccession,
  scenarioToJson,
  selectDiverse,
  slEntries,
  solveCib,
  standardise,
  toCibJson,
  type BasinResult,
  type CibModel,
  type CibProgress,
  type ScenarioEvaluation,
  type ScwDocument,
  type SolveResult,
} from '@kleinstadt/methods/cib';
import { analyseInfluence, micmac, type InfluenceInput } from '@kleinstadt/methods/influence';
import { clusterBundles, topBundles, type ConsistencyInput } from '@kleinstadt/methods/consistency';
import { CliError, type Command, type CommandIo } from '../command.ts';

const USAGE = `Usage:
  kleinstadt cib solve <model> [--max-ic K] [--fix D=V ...] [--check-fixed] [--basins] [--sl out.sl] [--json]
  kleinstadt cib succession <model> --start "V V V ..." [--adiabatic] [--json]
  kleinstadt cib basins <model> [--method auto|exhaustive|monte-carlo] [--samples N] [--seed N] [--adiabatic]
                                [--sl out.sl] [--json]
  kleinstadt cib balance <model> --scenario "V V V ..." [--json]
  kleinstadt cib sensitivity <model> [--scale MIN..MAX] [--json]
  kleinstadt cib diverse <model> [--count N] [--max-ic K] [--json]
  kleinstadt cib ensemble <model> <model> ... [--json]
  kleinstadt cib export <model> --out <file.scw|file.json|file.csv> [--standardise] [--factor F]
  kleinstadt cib influence <matrix.json|matrix.csv> [--threshold mean|midpoint] [--micmac] [--json]
  kleinstadt cib consistency <matrix.json> [--top N] [--clusters K] [--json]

Cross-Impact Balance analysis (Weimer-Jehle), compatible with ScenarioWizard, plus Vester's influence matrix and
the consistency analysis of von Reibnitz / Gausemeier.

<model> is a ScenarioWizard .scw file, a kleinstadt JSON model (.json) or a CSV matrix (.csv, variants grouped by
label prefix: A1, A2 -> A). Variants are numbered from 1, as in ScenarioWizard.

Subcommands:
  solve        all consistent scenarios (IC = 0) or all with IC <= K, exactly (branch-and-bound), with TIS and CV
  succession   the succession path from a start scenario to a fixed point or a cycle
  basins       basin sizes of all fixed points and cycles (exhaustive up to 3e7 scenarios, else Monte Carlo)
  balance      the impact balance of one scenario
  sensitivity  which single judgements, changed by +-1, would change the set of consistent scenarios
  diverse      a maximally different selection of consistent scenarios
  ensemble     scenarios consistent in several matrices (e.g. one per expert) and in their sum matrix
  export       convert a model (.scw, .json, .csv), optionally standardised
  influence    Vester's active/passive sums and roles; with --micmac the indirect influence (MICMAC)
  consistency  the best projection bundles and their clusters (raw scenarios)

Options:
  --json              machine-readable output (variants 1-based)
  --max-ic K          also list scenarios with inconsistency up to K
  --fix D=V           intervention: fix descriptor D (name or number) to variant V (name or number); repeatable
  --check-fixed       require fixed descriptors to be consistent too (default: they are set from outside)
  --basins            (solve) add the basin weight of every scenario (global succession)
  --sl FILE           write a ScenarioWizard solution list
  --method M          basins: auto (default), exhaustive or monte-carlo
  --samples N         Monte-Carlo samples (default 100000)
  --seed N            Monte-Carlo seed (default 1)
  --adiabatic         one descriptor per step (the most inconsistent) instead of global succession
  --quiet             no progress messages on stderr`;

type Values = Record<string, string | boolean | string[] | undefined>;

const OPTIONS = {
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'max-ic': { type: 'string' },
  fix: { type: 'string', multiple: true },
  'check-fixed': { type: 'boolean' },
  basins: { type: 'boolean' },
  sl: { type: 'string' },
  method: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  adiabatic: { type: 'boolean' },
  start: { type: 'string' },
  scenario: { type: 'string' },
  scale: { type: 'string' },
  count: { type: 'string' },
  out: { type: 'string' },
  standardise: { type: 'boolean' },
  factor: { type: 'string' },
  threshold: { type: 'string' },
  micmac: { type: 'boolean' },
  top: { type: 'string' },
  clusters: { type: 'string' },
} as const;

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read "${path}": ${(error as Error).message}`);
  }
}

/** Loads a CIB model from a .scw, .json or .csv file. */
export function loadModel(path: string): { model: CibModel; doc?: ScwDocument } {
  const text = readText(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.scw' || text.startsWith('$ ScenarioWizard')) {
    const doc = parseScw(text);
    return { model: doc.model, doc };
  }
  if (ext === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CliError(`"${path}" is not valid JSON: ${(error as Error).message}`);
    }
    return { model: fromCibJson(value, { allowFractional: true }) };
  }
  if (ext === '.csv') return { model: parseCibCsv(text, { allowFractional: true }) };
  throw new CliError(`unknown model format "${ext}" (use .scw, .json or .csv)`, 2);
}

function num(value: unknown, name: string, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) throw new CliError(`--${name} must be a non-negative ${integer ? 'integer' : 'number'}, got "${String(value)}"`, 2);
  return n;
}

/** Parses "2 3 2" or "2,3,2" (1-based) into a 0-based scenario. */
function parseScenario(model: CibModel, text: unknown, option: string): number[] {
  if (typeof text !== 'string') throw new CliError(`--${option} "V V V ..." is required (one 1-based variant per descriptor)`, 2);
  const parts = text.trim().split(/[\s,]+/);
  if (parts.length !== model.descriptors.length) throw new CliError(`--${option} needs ${model.descriptors.length} variants, got ${parts.length}`, 2);
  return parts.map((p, d) => {
    const byName = model.descriptors[d].variants.indexOf(p);
    const v = /^\d+$/.test(p) ? Number(p) - 1 : byName;
    if (v < 0 || v >= model.descriptors[d].variants.length) throw new CliError(`--${option}: descriptor "${model.descriptors[d].name}" has no variant "${p}"`, 2);
    return v;
  });
}

/** Parses repeated --fix D=V into the `fixed` option (0-based). */
function parseFixed(model: CibModel, fixes: unknown): (number | null)[] {
  const fixed: (number | null)[] = model.descriptors.map(() => null);
  for (const f of (fixes as string[] | undefined) ?? []) {
    const m = /^(.+?)=(.+)$/.exec(f);
    if (!m) throw new CliError(`--fix expects DESCRIPTOR=VARIANT, got "${f}"`, 2);
    let d = model.descriptors.findIndex((x) => x.name === m[1]);
    if (d < 0 && /^\d+$/.test(m[1])) d = Number(m[1]) - 1;
    if (d < 0 || d >= model.descriptors.length) throw new CliError(`--fix: no descriptor "${m[1]}"`, 2);
    let v = model.descriptors[d].variants.indexOf(m[2]);
    if (v < 0 && /^\d+$/.test(m[2])) v = Number(m[2]) - 1;
    if (v < 0 || v >= model.descriptors[d].variants.length) throw new CliError(`--fix: descriptor "${model.descriptors[d].name}" has no variant "${m[2]}"`, 2);
    fixed[d] = v;
  }
  return fixed;
}

/** Throttled progress messages on stderr. */
function progressReporter(io: CommandIo, quiet: boolean): ((p: CibProgress) => void) | undefined {
  if (quiet) return undefined;
  let last = Date.now();
  return (p) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    io.err(`${p.phase}: ${(100 * p.fraction).toFixed(1)} % (${p.count.toLocaleString('en-US')} ${p.phase === 'search' ? 'nodes' : p.phase === 'monte-carlo' ? 'samples' : 'scenarios'}, ${p.found} found)`);
  };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

/** A plain text table with right-aligned numbers and left-aligned text. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  const width = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (numeric[i] ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd()).join('\n');
}

function variantName(model: CibModel, d: number, v: number): string {
  return model.descriptors[d].variants[v] || String(v + 1);
}

/** The scenario table: number, TIS, CV, IC, [weight], variant numbers and names per descriptor. */
export function scenarioTable(model: CibModel, scenarios: readonly ScenarioEvaluation[], weights?: (s: ScenarioEvaluation) => number): string {
  const header = ['#', 'TIS', 'CV', 'IC', ...(weights ? ['weight'] : []), 'variants', ...model.descriptors.map((d) => d.name)];
  const rows = scenarios.map((s, i) => [
    i + 1,
    s.totalImpactScore,
    s.consistencyValue,
    s.inconsistency,
    ...(weights ? [weights(s)] : []),
    s.variants.map((v) => v + 1).join(' '),
    ...s.variants.map((v, d) => variantName(model, d, v)),
  ]);
  return table(header, rows);
}

function warn(io: CommandIo, model: CibModel, values: Values): void {
  if (values.json) return;
  for (const w of compileCib(model, { allowFractional: true }).warnings) io.err(`warning: ${w.message}`);
}

function basinWeights(b: BasinResult): Map<string, number> {
  return new Map(b.fixedPoints.map((a) => [a.scenarios[0].join(' '), a.basin]));
}

function header(path: string, model: CibModel): string {
  const cib = compileCib(model, { allowFractional: true });
  return `${basename(path)}: ${cib.D} descriptors, ${cib.N} variants, ${cib.space.toLocaleString('en-US')} scenarios`;
}

function runSolve(path: string, values: Values, io: CommandIo): number {
  const { model } = loadModel(path);
  warn(io, model, values);
  const k = num(values['max-ic'], 'max-ic', 0, false);
  const fixed = parseFixed(model, values.fix);
  const started = performance.now();
  const result: SolveResult = solveCib(model, { maxInconsistency: k, fixed, checkFixed: Boolean(values['check-fixed']), onProgress: progressReporter(io, Boolean(values.quiet)) });
  const ms = performance.now() - started;
  let basins: BasinResult | undefined;
  if (values.basins) basins = analyseBasins(model, { onProgress: progressReporter(io, Boolean(values.quiet)) });
  const weights = basins ? basinWeights(basins) : undefined;
  const weightOf = (s: ScenarioEvaluation) => weights?.get(s.variants.join(' ')) ?? 0;
  if (typeof values.sl === 'string') writeFileSync(values.sl, formatSl(slEntries(result.scenarios, (v) => weights?.get(v.join(' ')) ?? 0)));
  if (values.json) {
    io.out(JSON.stringify({
      file: basename(path),
      descriptors: model.descriptors,
      space: result.space,
      maxInconsistency: result.maxInconsistency,
      fixed: result.fixed.map((v) => (v === null ? null : v + 1)),
      complete: result.complete,
      nodes: result.nodes,
      milliseconds: Math.round(ms * 1000) / 1000,
      warnings: result.warnings.map((w) => w.message),
      ...(basins ? { basinMethod: basins.method, cycleStarts: basins.cycleStarts } : {}),
      scenarios: result.scenarios.map((s) => ({ ...scenarioToJson(model, s), ...(basins ? { weight: weightOf(s) } : {}) })),
    }, null, 2));
    return 0;
  }
  const what = k === 0 ? 'consistent scenarios (IC = 0)' : `scenarios with IC <= ${fmt(k)}`;
  const fixedText = fixed.some((v) => v !== null)
    ? ` with ${fixed.flatMap((v, d) => (v === null ? [] : [`${model.descriptors[d].name}=${variantName(model, d, v)}`])).join(', ')} fixed`
    : '';
  io.out(header(path, model));
  io.out(`${result.scenarios.length} ${what}${fixedText}; exact search, ${result.nodes.toLocaleString('en-US')} nodes (${(100 * result.nodeShare).toPrecision(2)} % of the space), ${ms.toFixed(1)} ms`);
  if (basins) io.out(`weights: basin sizes, ${basins.method}${basins.method === 'monte-carlo' ? ` (${basins.starts} samples, estimates)` : ''}; ${basins.cycleStarts} starts end in cycles`);
  if (result.scenarios.length) io.out(`\n${scenarioTable(model, result.scenarios, weights ? weightOf : undefined)}`);
  return 0;
}

function runSuccession_(path: string, values: Values, io: CommandIo): number {
  const { model } = loadModel(path);
  const start = parseScenario(model, values.start, 'start');
  const mode = values.adiabatic ? 'adiabatic' : 'global';
  const r = runSuccession(model, start, { mode });
  const rows = r.path.map((z) => evaluateScenario(model, z));
  if (values.json) {
    io.out(JSON.stringify({ mode, end: r.end, path: rows.map((s) => scenarioToJson(model, s)), attractor: r.attractor.map((z) => z.map((v) => v + 1)) }, null, 2));
    return 0;
  }
  io.out(`${mode} succession from ${start.map((v) => v + 1).join(' ')}: ${r.end === 'fixed' ? 'reaches a fixed point (consistent scenario)' : `ends in a cycle of ${r.attractor.length} scenarios`} after ${r.path.length - 1} steps\n`);
  io.out(scenarioTable(model, rows));
  return 0;
}

function runBasins(path: string, values: Values, io: CommandIo): number {
  const { model } = loadModel(path);
  warn(io, model, values);
  const method = (values.method as string | undefined) ?? 'auto';
  if (!['auto', 'exhaustive', 'monte-carlo'].includes(method)) throw new CliError(`--method must be auto, exhaustive or monte-carlo, got "${method}"`, 2);
  const started = performance.now();
  const b = analyseBasins(model, {
    method: method as 'auto',
    mode: values.adiabatic ? 'adiabatic' : 'global',
    samples: num(values.samples, 'samples', 100_000),
    seed: num(values.seed, 'seed', 1),
    onProgress: progressReporter(io, Boolean(values.quiet)),
  });
  const ms = performance.now() - started;
  const evaluated = b.fixedPoints.map((a) => evaluateScenario(model, a.scenarios[0]));
  if (typeof values.sl === 'string') {
    writeFileSync(values.sl, formatSl(slEntries(evaluated, (v) => basinWeights(b).get(v.join(' ')) ?? 0)));
  }
  if (values.json) {
    io.out(JSON.stringify({
      file: basename(path),
      method: b.method,
      mode: b.mode,
      space: b.space,
      starts: b.starts,
      ...(b.seed !== undefined ? { seed: b.seed } : {}),
      milliseconds: Math.round(ms),
      cycleStarts: b.cycleStarts,
      fixedPoints: b.fixedPoints.map((a, i) => ({ ...scenarioToJson(model, evaluated[i]), basin: a.basin, share: a.share })),
      cycles: b.cycles.map((c) => ({ scenarios: c.scenarios.map((z) => z.map((v) => v + 1)), basin: c.basin, share: c.share })),
    }, null, 2));
    return 0;
  }
  io.out(header(path, model));
  io.out(
    b.method === 'exhaustive'
      ? `${b.mode} succession from all ${b.starts.toLocaleString('en-US')} start scenarios (exhaustive, exact), ${(ms / 1000).toFixed(2)} s`
      : `${b.mode} succession from ${b.starts.toLocaleString('en-US')} random start scenarios (Monte Carlo, seed ${b.seed}: estimates), ${(ms / 1000).toFixed(2)} s`,
  );
  io.out(`${b.fixedPoints.length} fixed points; ${b.cycles.length} cycles reached from ${b.cycleStarts.toLocaleString('en-US')} starts\n`);
  io.out(scenarioTable(model, evaluated, (s) => basinWeights(b).get(s.variants.join(' ')) ?? 0));
  if (b.cycles.length) {
    io.out('\nCycles:');
    b.cycles.forEach((c, i) => io.out(`  ${i + 1}. ${c.basin} starts: ${c.scenarios.map((z) => `[${z.map((v) => v + 1).join(' ')}]`).join(' -> ')}`));
  }
  return 0;
}

function runBalance(path: string, values: Values, io: CommandIo): number {
  const { model } = loadModel(path);
  const z = parseScenario(model, values.scenario, 'scenario');
  const e = evaluateScenario(model, z);
  if (values.json) {
    io.out(JSON.stringify({ ...scenarioToJson(model, e), balances: e.balances, descriptorInconsistency: e.descriptorInconsistency }, null, 2));
    return 0;
  }
  io.out(`scenario ${z.map((v) => v + 1).join(' ')}: IC ${fmt(e.inconsistency)}, TIS ${fmt(e.totalImpactScore)}, CV ${fmt(e.consistencyValue)}\n`);
  const rows: (string | number)[][] = [];
  model.descriptors.forEach((d, j) => {
    d.variants.forEach((v, l) => rows.push([l === 0 ? d.name : '', `${l + 1} ${v}`, e.balances[j][l], l === z[j] ? (e.descriptorInconsistency[j] > 0 ? `chosen, IC ${fmt(e.descriptorInconsistency[j])}` : 'chosen') : '']));
  });
  io.out(table(['descriptor', 'variant', 'balance', ''], rows));
  return 0;
}

function runSensitivity(path: string, values: Values, io: CommandIo): number {
  const { model } = loadModel(path);
  let scale: { min: number; max: number } | undefined;
  if (typeof values.scale === 'string') {
    const m = /^(-?\d+)\.\.(-?\d+)$/.exec(values.scale);
    if (!m) throw new CliError(`--scale expects MIN..MAX, e.g. -3..3, got "${values.scale}"`, 2);
    scale = { min: Number(m[1]), max: Number(m[2]) };
  }
  const r = judgementSensitivity(model, scale ? { scale } : {});
  const key = (v: number[]) => v.map((x) => x + 1).join(' ');
  if (values.json) {
    io.out(JSON.stringify({
      baseline: r.baseline.map((s) => scenarioToJson(model, s)),
      examined: r.examined,
      changes: r.changes.map((c) => ({ row: c.row + 1, column: c.column + 1, source: c.source, target: c.target, from: c.from, to: c.to, lost: c.lost.map((v) => v.map((x) => x + 1)), gained: c.gained.map((v) => v.map((x) => x + 1)) })),
      robustness: r.robustness.map((x) => ({ variants: x.variants.map((v) => v + 1), criticalChanges: x.criticalChanges })),
    }, null, 2));
    return 0;
  }
  io.out(`${r.baseline.length} consistent scenarios; ${r.examined} single-judgement changes (+-1) examined, ${r.changes.length} change the consistent set\n`);
  io.out(table(['row', 'column', 'source', 'target', 'change', 'lost', 'gained'], r.changes.map((c) => [c.row + 1, c.column + 1, c.source, c.target, `${fmt(c.from)} -> ${fmt(c.to)}`, c.lost.map(key).join('; '), c.gained.map(key).join('; ')])));
  io.out('\nRobustness (number of single changes that would make the scenario inconsistent):');
  io.out(table(['variants', 'critical changes'], r.robustness.map((x) => [key(x.variants), x.criticalChanges])));
  return 0;
}

function runDiverse(path: string, values: Values, io: CommandIo): number {
  const { model } = loadModel(path);
  const scenarios = solveCib(model, { maxInconsistency: num(values['max-ic'], 'max-ic', 0, false) }).scenarios;
  const count = num(values.count, 'count', 4);
  const sel = selectDiverse(scenarios, Math.max(1, count));
  const chosen = sel.indices.map((i) => scenarios[i]);
  if (values.json) {
    io.out(JSON.stringify({ minDistance: sel.minDistance, totalDistance: sel.totalDistance, exact: sel.exact, scenarios: chosen.map((s) => scenarioToJson(model, s)) }, null, 2));
    return 0;
  }
  io.out(`${chosen.length} of ${scenarios.length} scenarios, pairwise at least ${sel.minDistance} descriptors apart (${sel.exact ? 'optimal' : 'greedy'})\n`);
  io.out(scenarioTable(model, chosen));
  return 0;
}

function runEnsemble(paths: string[], values: Values, io: CommandIo): number {
  if (paths.length < 2) throw new CliError('ensemble needs at least two model files', 2);
  const models = paths.map((p) => loadModel(p).model);
  const r = analyseEnsemble(models, { maxInconsistency: num(values['max-ic'], 'max-ic', 0, false) });
  if (values.json) {
    io.out(JSON.stringify({ members: paths.map((p) => basename(p)), scenarios: r.scenarios.map((s) => ({ variants: s.variants.map((v) => v + 1), members: s.members.map((m) => m + 1), share: s.share, inSumMatrix: s.inSumMatrix, sumTotalImpactScore: s.sumTotalImpactScore })) }, null, 2));
    return 0;
  }
  io.out(`${paths.length} matrices; ${r.scenarios.length} scenarios consistent in at least one member or in the sum matrix\n`);
  io.out(table(['variants', 'members', 'share', 'sum matrix', 'TIS (sum)'], r.scenarios.map((s) => [s.variants.map((v) => v + 1).join(' '), s.members.map((m) => m + 1).join(','), `${Math.round(100 * s.share)} %`, s.inSumMatrix ? 'consistent' : '', s.sumTotalImpactScore])));
  return 0;
}

function runExport(path: string, values: Values, io: CommandIo): number {
  const { model, doc } = loadModel(path);
  const out = values.out;
  if (typeof out !== 'string') throw new CliError('--out <file.scw|file.json|file.csv> is required', 2);
  const result = values.standardise ? standardise(model, { factor: num(values.factor, 'factor', 1, false) }) : model;
  const ext = extname(out).toLowerCase();
  let text: string;
  if (ext === '.scw') text = formatScw(doc && !values.standardise ? doc : result);
  else if (ext === '.json') text = `${JSON.stringify(toCibJson(result), null, 2)}\n`;
  else if (ext === '.csv') text = formatCibCsv(result);
  else throw new CliError(`unknown output format "${ext}" (use .scw, .json or .csv)`, 2);
  writeFileSync(out, text);
  io.out(`wrote ${out}`);
  return 0;
}

function parseInfluenceCsv(text: string): InfluenceInput {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (l: string) => l.split(/[,;]/).map((c) => c.trim());
  const factors = split(lines[0]).slice(1);
  const matrix = lines.slice(1).map((l, r) => {
    const cells = split(l);
    if (cells.length - 1 !== factors.length) throw new CliError(`line ${r + 2}: ${cells.length - 1} ratings for ${factors.length} factors`);
    return cells.slice(1).map((c) => (c === '' || c === '-' || c === '?' ? null : Number(c)));
  });
  return { factors, matrix };
}

function runInfluence(path: string, values: Values, io: CommandIo): number {
  const text = readText(path);
  const input: InfluenceInput = extname(path).toLowerCase() === '.csv' ? parseInfluenceCsv(text) : (JSON.parse(text) as InfluenceInput);
  const threshold = (values.threshold as string | undefined) ?? 'mean';
  if (threshold !== 'mean' && threshold !== 'midpoint') throw new CliError(`--threshold must be mean or midpoint, got "${threshold}"`, 2);
  const r = analyseInfluence(input, { threshold });
  const mm = values.micmac ? micmac(input) : undefined;
  if (values.json) {
    io.out(JSON.stringify({ ...r, ...(mm ? { micmac: mm } : {}) }, null, 2));
    return 0;
  }
  io.out(`${r.factors.length} factors; thresholds (${r.thresholds.convention}): active sum > ${fmt(r.thresholds.active)}, passive sum > ${fmt(r.thresholds.passive)}`);
  if (!r.complete) io.out(`${r.missing.length} ratings missing (not guessed): ${r.missing.map((m) => `${m.from} -> ${m.to}`).join(', ')}`);
  io.out('');
  io.out(table(['factor', 'AS', 'PS', 'P', 'Q x 100', 'role', 'missing'], r.factors.map((f) => [f.name, f.activeSum, f.passiveSum, f.product, f.quotient100 === null ? '–' : fmt(Math.round(f.quotient100)), f.role, f.missingRatings])));
  if (mm) {
    const last = mm.powers[mm.powers.length - 1];
    io.out(`\nMICMAC: ${mm.stablePower === null ? `rankings not stable by power ${last.power}` : `rankings stable at power ${mm.stablePower}`}`);
    io.out(table(['factor', 'direct infl. rank', 'indirect infl. rank', 'direct dep. rank', 'indirect dep. rank'], mm.factors.map((f, i) => [f, mm.powers[0].influenceRank[i], last.influenceRank[i], mm.powers[0].dependenceRank[i], last.dependenceRank[i]])));
  }
  return 0;
}

function runConsistency(path: string, values: Values, io: CommandIo): number {
  const input = JSON.parse(readText(path)) as ConsistencyInput;
  const top = topBundles(input, { count: num(values.top, 'top', 20) });
  const clusters = top.bundles.length >= 3 ? clusterBundles(top.bundles, values.clusters ? { k: num(values.clusters, 'clusters', 3) } : {}) : undefined;
  if (values.json) {
    io.out(JSON.stringify({ space: top.space, nodes: top.nodes, bundles: top.bundles.map((b) => ({ ...b, projections: b.projections.map((p) => p + 1) })), clusters }, null, 2));
    return 0;
  }
  io.out(`${top.space.toLocaleString('en-US')} bundles; the best ${top.bundles.length} without a totally inconsistent pair (branch-and-bound, ${top.nodes} nodes)\n`);
  io.out(table(['#', 'sum', 'mean', 'partial inc.', 'min pair', ...input.factors.map((f) => f.name)], top.bundles.map((b, i) => [i + 1, b.sum, Math.round(b.mean * 100) / 100, b.partialInconsistencies, b.minPair, ...b.projections.map((p, f) => input.factors[f].projections[p])])));
  if (clusters) {
    io.out(`\n${clusters.k} raw scenarios (average-linkage clusters, silhouette ${clusters.silhouette.toFixed(2)}):`);
    clusters.clusters.forEach((c, i) => io.out(`  ${i + 1}. bundles ${c.members.map((m) => m + 1).join(', ')}: ${c.typical.map((t, f) => `${input.factors[f].name}=${input.factors[f].projections[t.projection]}${t.share < 1 ? ` (${Math.round(100 * t.share)} %)` : ''}`).join(', ')}`));
  }
  return 0;
}

/** The `kleinstadt cib` command. */
export const cibCommand: Command = {
  name: 'cib',
  summary: 'Scenario methods: Cross-Impact Balance (ScenarioWizard-compatible), influence matrix, consistency analysis',
  usage: USAGE,
  async run(args: string[], io: CommandIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
    }
    const [sub, ...files] = parsed.positionals;
    const values = parsed.values as Values;
    if (!sub) {
      io.err(USAGE);
      return 2;
    }
    const one = (): string => {
      if (files.length !== 1) throw new CliError(`cib ${sub} needs exactly one input file\n\n${USAGE}`, 2);
      return files[0];
    };
    switch (sub) {
      case 'solve': return runSolve(one(), values, io);
      case 'succession': return runSuccession_(one(), values, io);
      case 'basins': return runBasins(one(), values, io);
      case 'balance': return runBalance(one(), values, io);
      case 'sensitivity': return runSensitivity(one(), values, io);
      case 'diverse': return runDiverse(one(), values, io);
      case 'ensemble': return runEnsemble(files, values, io);
      case 'export': return runExport(one(), values, io);
      case 'influence': return runInfluence(one(), values, io);
      case 'consistency': return runConsistency(one(), values, io);
      default:
        throw new CliError(`unknown subcommand "${sub}"\n\n${USAGE}`, 2);
    }
  },
};
