import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  analyzeOpinions,
  exportPolis,
  importPolisExport,
  parsePolisCommentsJson,
  parsePolisMathClusters,
  parseJson,
  parsePolisVotesJson,
  type Conversation,
  type OpinionMap,
  type OpinionMapOptions,
  type OpinionMapState,
  type PolisExportFiles,
} from '@kleinstadt/methods/opinion';
import { CliError, type Command, type CommandIo } from '../command.ts';

const USAGE = `Usage:
  kleinstadt opinion analyze <folder> [--json] [--seed N] [--k-min N] [--k-max N] [--restarts] [--polis-groups] [--state <file>]
  kleinstadt opinion export <folder> --out <dir> [--seed N] [--k-min N] [--k-max N] [--restarts]

Computes the opinion map of a conversation (Polis-style: opinion groups, representative statements, consensus).

<folder> holds either a Polis open-data export (votes.csv and/or participants-votes.csv, optionally comments.csv)
or Polis API / red-dwarf JSON (votes.json, optionally comments.json and math-pca2.json).

Options:
  --json          print the complete opinion map as JSON instead of a summary
  --seed N        seed of every random choice (default 1)
  --k-min N       smallest number of groups tried (default 2)
  --k-max N       largest number of groups tried (default 5)
  --restarts      group initialisation with 20 seeded k-means++ restarts, best silhouette wins (default: Polis'
                  rule, the first distinct base clusters in the order participants became clustered)
  --polis-init    Polis' group initialisation (the default; kept for compatibility)
  --polis-groups  use the groups Polis published in math-pca2.json instead of clustering
  --state <file>  incremental update: warm start from the state in <file> (if it exists), then save the new state
  --out <dir>     (export) where to write votes.csv, comments.csv and participants-votes.csv`;

interface Loaded {
  conversation: Conversation;
  format: 'polis-csv' | 'polis-json';
  mathText: string | undefined;
}

function readIfExists(folder: string, name: string): string | undefined {
  const p = join(folder, name);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

/** Reads a conversation folder (Polis CSV export or Polis/red-dwarf JSON). */
function loadFolder(folder: string): Loaded {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`"${folder}" is not a folder`);
  const csv: PolisExportFiles = {};
  for (const name of ['votes.csv', 'comments.csv', 'participants-votes.csv'] as const) {
    const text = readIfExists(folder, name);
    if (text !== undefined) csv[name] = text;
  }
  if (csv['votes.csv'] !== undefined || csv['participants-votes.csv'] !== undefined) {
    return { conversation: importPolisExport(csv).conversation, format: 'polis-csv', mathText: readIfExists(folder, 'math-pca2.json') };
  }
  const votesJson = readIfExists(folder, 'votes.json');
  if (votesJson !== undefined) {
    const votes = parsePolisVotesJson(votesJson);
    const commentsJson = readIfExists(folder, 'comments.json');
    const conversation: Conversation = commentsJson !== undefined ? { statements: parsePolisCommentsJson(commentsJson), votes } : { votes };
    return { conversation, format: 'polis-json', mathText: readIfExists(folder, 'math-pca2.json') };
  }
  throw new CliError(`"${folder}" holds neither votes.csv / participants-votes.csv (Polis export) nor votes.json`);
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`--${name} must be an integer, got "${value}"`, 2);
  return n;
}

function percent(n: number, d: number): string {
  return d > 0 ? `${Math.round((100 * n) / d)} %` : '–';
}

/** Readable summary: groups with sizes, representative statements, consensus statements. */
export function opinionSummary(map: OpinionMap, conversation: Conversation): string {
  const text = new Map<number, string>();
  for (const s of conversation.statements ?? []) if (s.text !== undefined) text.set(s.id, s.text.replace(/\s+/g, ' ').trim());
  const label = (id: number) => {
    const t = text.get(id);
    return t ? `#${id} ${t.length > 100 ? `${t.slice(0, 97)}…` : t}` : `#${id}`;
  };
  const lines: string[] = [];
  lines.push(`Participants: ${map.participants.length} (clustered: ${map.inConv.length}); statements: ${map.statements.length} (left out: ${map.moderatedOut.length})`);
  if (map.silhouette.length > 0) lines.push(`Opinion groups: ${map.k} (silhouette ${map.silhouette.map((s) => `k=${s.k}: ${s.value.toFixed(3)}`).join(', ')})`);
  else lines.push(`Opinion groups: ${map.k} (given)`);
  map.groups.forEach((g, i) => {
    lines.push('', `Group ${String.fromCharCode(65 + (i % 26))} — ${g.members.length} participants`);
    const reps = map.representative[i] ?? [];
    if (reps.length === 0) lines.push('  (no representative statements)');
    for (const r of reps) {
      const verb = r.direction === 'agree' ? 'agree' : 'disagree';
      lines.push(`  ${percent(r.nSuccess, r.nTrials)} ${verb} (${r.nSuccess}/${r.nTrials})  ${label(r.statement)}`);
    }
  });
  lines.push('', 'Consensus (all participants):');
  const cons = [...map.consensus.agree.map((c) => ({ ...c, dir: 'agree' })), ...map.consensus.disagree.map((c) => ({ ...c, dir: 'disagree' }))];
  if (cons.length === 0) lines.push('  (none)');
  for (const c of cons) lines.push(`  ${percent(c.nSuccess, c.nTrials)} ${c.dir} (${c.nSuccess}/${c.nTrials})  ${label(c.statement)}`);
  const gic = map.statements.map((id, c) => ({ id, v: map.groupInformedConsensus[c]! })).filter((x) => !map.moderatedOut.includes(x.id));
  gic.sort((a, b) => b.v - a.v);
  if (map.k > 1 && gic.length > 0) {
    lines.push('', 'Highest group-informed consensus (agreed across all groups):');
    for (const x of gic.slice(0, 5)) lines.push(`  ${x.v.toFixed(3)}  ${label(x.id)}`);
  }
  return lines.join('\n');
}

async function run(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args,
        allowPositionals: true,
        options: {
          json: { type: 'boolean' },
          seed: { type: 'string' },
          'k-min': { type: 'string' },
          'k-max': { type: 'string' },
          'polis-init': { type: 'boolean' },
          restarts: { type: 'boolean' },
          'polis-groups': { type: 'boolean' },
          out: { type: 'string' },
          state: { type: 'string' },
        },
      });
    } catch (error) {
      throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
    }
  })();
  const [sub, folder, ...extra] = positionals;
  if (!sub || (sub !== 'analyze' && sub !== 'export')) throw new CliError(`expected "analyze" or "export"\n\n${USAGE}`, 2);
  if (!folder || extra.length > 0) throw new CliError(`expected exactly one folder\n\n${USAGE}`, 2);
  const loaded = loadFolder(folder);
  const options: OpinionMapOptions = {};
  const seed = intOption(values.seed, 'seed');
  const kMin = intOption(values['k-min'], 'k-min');
  const kMax = intOption(values['k-max'], 'k-max');
  if (seed !== undefined) options.seed = seed;
  if (kMin !== undefined) options.kMin = kMin;
  if (kMax !== undefined) options.kMax = kMax;
  if (values['polis-init'] && values.restarts) throw new CliError(`--polis-init and --restarts exclude each other\n\n${USAGE}`, 2);
  options.groupInit = values.restarts ? 'restarts' : 'first-distinct';
  if (values['polis-groups']) {
    if (loaded.mathText === undefined) throw new CliError(`--polis-groups needs math-pca2.json in "${folder}"`);
    const clusters = parsePolisMathClusters(loaded.mathText, join(folder, 'math-pca2.json'));
    options.clusters = { inConv: clusters.inConv, groups: clusters.groups };
  }
  if (values.state !== undefined && existsSync(values.state)) {
    options.previous = parseJson(readFileSync(values.state, 'utf8'), values.state) as OpinionMapState;
  }
  const map = analyzeOpinions(loaded.conversation, options);
  if (values.state !== undefined) writeFileSync(values.state, `${JSON.stringify(map.state)}\n`);

  if (sub === 'export') {
    if (!values.out) throw new CliError(`export needs --out <dir>\n\n${USAGE}`, 2);
    mkdirSync(values.out, { recursive: true });
    const files = exportPolis(loaded.conversation, map);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(values.out, name), content);
    io.out(`Wrote votes.csv, comments.csv and participants-votes.csv to ${values.out} (${map.k} groups).`);
    return 0;
  }
  if (values.json) io.out(JSON.stringify({ format: loaded.format, ...map }));
  else io.out(opinionSummary(map, loaded.conversation));
  return 0;
}

/** `kleinstadt opinion`: Polis-style opinion map of a conversation folder. */
export const opinionCommand: Command = {
  name: 'opinion',
  summary: 'Opinion map of a Polis-style conversation (groups, representative and consensus statements)',
  usage: USAGE,
  run,
};
