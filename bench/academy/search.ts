/**
 * Academy full-text search benchmark (not a test): 50,000 generated German knowledge-base entries, a seeded mix of
 * queries (frequent and rare words, two-word queries, umlaut transcriptions, queries with a facet filter), timed
 * through the service (`app.academy.search`: ranked page with snippets + total + facet counts) on PostgreSQL and on
 * PGlite. Prints a Markdown table; with --write, replaces the "Academy search" section of docs/performance.md.
 *
 *   node bench/academy/search.ts [--entries 50000] [--queries 400] [--engines postgres,pglite] [--write] [--keep]
 *
 * --keep leaves the PostgreSQL database in place (its name is printed) for EXPLAIN ANALYZE by hand; --reuse <name>
 * runs the queries against such a kept database without loading it again (PostgreSQL only; migrations are applied);
 * --verbose prints every query with its time and number of matches.
 *
 * PostgreSQL: BENCH_DATABASE_URL (an admin URL; a fresh database is created and dropped), default
 * postgres://postgres@127.0.0.1:5432/postgres.
 */
import { cpus, totalmem, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createRng } from '../../packages/methods/src/random.ts';
import { createApp, type App } from '../../apps/platform/src/lib/server/app.ts';
import { loadConfig } from '../../apps/platform/src/lib/server/config.ts';
import { academyEntries } from '../../apps/platform/src/lib/modules/academy/server/schema.ts';
import { methodGuides } from '../../apps/platform/src/lib/modules/academy/server/demo-methods.ts';
import { demoExamples } from '../../apps/platform/src/lib/modules/academy/server/demo-content.ts';
import { entryKinds, fieldsOfAction, goals, laender, locations, townTypes } from '../../apps/platform/src/lib/modules/academy/taxonomy.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '400' },
    engines: { type: 'string', default: 'postgres,pglite' },
    write: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const ENTRIES = Number(values.entries);
const QUERIES = Number(values.queries);

/** Seeded, so every run searches the same corpus with the same queries (`seed ^ 0x9e3779b9` undoes createRng's seed
 * scramble, so the corpus is that of the recorded runs). */
const rng = (seed: number): (() => number) => createRng(seed ^ 0x9e3779b9).next;

// Vocabulary: the words of the demo texts, ranked by frequency; documents draw words with a Zipf-like law.
const text = [...methodGuides.map((g) => `${g.title} ${g.summary} ${g.body}`), ...demoExamples.map((e) => `${e.title} ${e.summary} ${e.body}`)].join(' ');
const counts = new Map<string, number>();
for (const w of text.split(/[^\p{L}]+/u)) if (w.length > 2) counts.set(w, (counts.get(w) ?? 0) + 1);
const vocabulary = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
const V = vocabulary.length;

function zipfPicker(random: () => number, s = 1.0) {
  const weights = vocabulary.map((_, i) => 1 / Math.pow(i + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
}

function words(pick: () => string, n: number) {
  return Array.from({ length: n }, pick).join(' ');
}

function generate(n: number) {
  const random = rng(42);
  const pick = zipfPicker(random);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const choose = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const rows: (typeof academyEntries.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    const fields = [...new Set(Array.from({ length: int(1, 3) }, () => choose(fieldsOfAction)))];
    rows.push({
      slug: `bench-${i}`,
      kind: choose(entryKinds),
      status: random() < 0.95 ? 'published' : 'draft',
      title: words(pick, int(3, 8)),
      summary: words(pick, int(12, 25)),
      body: Array.from({ length: int(2, 5) }, () => `${words(pick, int(25, 50))}.`).join('\n\n'),
      fieldsOfAction: fields,
      goals: [choose(goals)],
      townType: random() < 0.7 ? choose(townTypes) : null,
      location: random() < 0.7 ? choose(locations) : null,
      land: random() < 0.8 ? choose(laender) : null,
      year: random() < 0.9 ? int(2005, 2026) : null,
      authors: `${choose(['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'])}, ${choose(['Anna', 'Jörg', 'Sabine', 'Uwe', 'Özlem', 'Lars'])}`,
      publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
    });
  }
  return rows;
}

interface QueryCase {
  kind: string;
  params: Record<string, string>;
}

function queryMix(n: number): QueryCase[] {
  const random = rng(7);
  const pick = zipfPicker(random, 0.6);
  const rare = () => vocabulary[Math.floor(V / 4 + random() * (V * 3) / 4)]!;
  const fold = (w: string) => w.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  const umlautWords = vocabulary.filter((w) => /[äöüß]/.test(w));
  const cases: QueryCase[] = [];
  for (let i = 0; i < n; i++) {
    const r = i % 5;
    if (r === 0) cases.push({ kind: 'one word (frequent to rare)', params: { q: pick() } });
    else if (r === 1) cases.push({ kind: 'one rare word', params: { q: rare() } });
    else if (r === 2) cases.push({ kind: 'two words', params: { q: `${pick()} ${pick()}` } });
    else if (r === 3) cases.push({ kind: 'umlaut written as ae/oe/ue', params: { q: fold(umlautWords[Math.floor(random() * umlautWords.length)]!) } });
    else cases.push({ kind: 'word + facet filter', params: { q: pick(), field: fieldsOfAction[i % fieldsOfAction.length]!, ...(i % 2 ? { land: laender[i % laender.length]! } : {}) } });
  }
  return cases;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function load(app: App) {
  const rows = generate(ENTRIES);
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) await app.db.insert(academyEntries).values(rows.slice(i, i + 500));
  await app.db.execute(sql`vacuum analyze academy_entries, academy_search`);
  return (performance.now() - started) / 1000;
}

interface Result {
  engine: string;
  loadSeconds: number;
  byKind: Map<string, number[]>;
  all: number[];
  avgTotal: number;
}

async function run(engine: string, app: App): Promise<Result> {
  const loadSeconds = values.reuse ? 0 : await load(app);
  if (values.reuse) await app.db.execute(sql`analyze academy_entries, academy_search`);
  const cases = queryMix(QUERIES);
  for (const c of cases.slice(0, 40)) await app.academy.search(c.params); // warm-up
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let totals = 0;
  for (const c of cases) {
    const t0 = performance.now();
    const result = await app.academy.search(c.params);
    const ms = performance.now() - t0;
    if (values.verbose) process.stderr.write(`${ms.toFixed(1).padStart(7)} ms ${String(result.total).padStart(6)} ${c.kind}: ${JSON.stringify(c.params)}\n`);
    totals += result.total;
    all.push(ms);
    byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), ms]);
  }
  return { engine, loadSeconds, byKind, all, avgTotal: totals / cases.length };
}

async function withPostgres<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = values.reuse ?? `kleinstadt_bench_${Date.now()}`;
  if (!values.reuse) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const app = await createApp({ ...loadConfig({}), databaseUrl: url.toString() });
  try {
    await app.database.migrate();
    return await fn(app);
  } finally {
    await app.close();
    if (values.keep || values.reuse) console.error(`kept database ${name}`);
    else {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    }
  }
}

async function withPglite<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp({ ...loadConfig({}), dataDir: 'memory://', databaseUrl: undefined });
  try {
    await app.database.migrate();
    return await fn(app);
  } finally {
    await app.close();
  }
}

const engines = values.engines.split(',');
const results: Result[] = [];
for (const engine of engines) {
  process.stderr.write(`${engine}: loading ${ENTRIES} entries and running ${QUERIES} queries …\n`);
  results.push(await (engine === 'postgres' ? withPostgres : withPglite)((app) => run(engine, app)));
}

const fmt = (n: number) => n.toFixed(1);
const lines: string[] = [];
lines.push(
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the end. ` +
    `${ENTRIES.toLocaleString('en')} generated entries (95 % published; titles 3–8, summaries 12–25, bodies 50–250 words drawn Zipf-like from the demo texts' ${V.toLocaleString('en')}-word vocabulary), ${QUERIES} seeded queries after 40 warm-up queries, run one after another through \`app.academy.search\` (one page of 20 ranked hits with ts_headline snippets, the total and six facet counts). Times in ms.`,
  '',
  '| engine | query class | n | p50 | p95 | p99 | max |',
  '|---|---|---:|---:|---:|---:|---:|',
);
for (const r of results) {
  const name = r.engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  for (const [kind, times] of r.byKind) {
    const s = [...times].sort((a, b) => a - b);
    lines.push(`| ${name} | ${kind} | ${s.length} | ${fmt(percentile(s, 50))} | ${fmt(percentile(s, 95))} | ${fmt(percentile(s, 99))} | ${fmt(s.at(-1)!)} |`);
  }
  const s = [...r.all].sort((a, b) => a - b);
  lines.push(`| **${name}** | **all** | ${s.length} | **${fmt(percentile(s, 50))}** | **${fmt(percentile(s, 95))}** | ${fmt(percentile(s, 99))} | ${fmt(s.at(-1)!)} |`);
}
lines.push('', results.map((r) => `${r.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}: loading and indexing took ${r.loadSeconds.toFixed(0)} s; a query matched ${Math.round(r.avgTotal).toLocaleString('en')} entries on average.`).join(' '));
const table = lines.join('\n');
console.log(table);

if (values.write) {
  const file = `${root}/docs/performance.md`;
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- bench/academy-search:start -->';
  const end = '<!-- bench/academy-search:end -->';
  const block = `${start}\n${table}\n${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n## Academy search (bench/academy)\n\n${block}\n`;
  writeFileSync(file, next);
}
