/**
 * HTTP benchmark (not a test): autocannon against the built platform on PGlite and on PostgreSQL, and a bare
 * node:http hello-world server in the same run as the machine's ceiling. Prints a Markdown table and, with
 * --write, replaces the "HTTP" section of docs/performance.md.
 *
 *   npm run build && node bench/http/run.ts [--duration 10] [--connections 10] [--write]
 *
 * PostgreSQL is used when BENCH_DATABASE_URL (an admin URL; a fresh database is created and dropped) or a server at
 * 127.0.0.1:5432 answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, write: { type: 'boolean', default: false } } });
const duration = Number(values.duration);
const connections = Number(values.connections);

interface Row {
  target: string;
  engine: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs autocannon and computes p50/p95/p99 from every response time (autocannon itself reports no p95). */
async function load(url: string): Promise<Omit<Row, 'target' | 'engine'>> {
  // Warm-up so JIT and caches are settled.
  await autocannon({ url, connections, duration: 2 });
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { rps: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: result.errors + result.non2xx };
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

async function platform(engine: string, env: Record<string, string>, port: number): Promise<Row[]> {
  const child = spawn(process.execPath, [join(root, 'packages/cli/bin/kleinstadt.js'), 'serve', '--demo', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, child);
    const rows: Row[] = [];
    for (const [target, path] of [['home page', '/'], ['town page', '/t/kastellaun']] as const) {
      rows.push({ target, engine, ...(await load(`http://127.0.0.1:${port}${path}`)) });
    }
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function postgresUrl(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `kleinstadt_bench_${Date.now()}`;
  try {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
  } catch {
    return undefined;
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

const rows: Row[] = [];
// The ceiling: a bare node:http server answering "hello".
const hello = createServer((_req, res) => res.end('hello'));
await new Promise<void>((r) => hello.listen(0, '127.0.0.1', r));
const helloPort = (hello.address() as { port: number }).port;
rows.push({ target: 'node:http hello world', engine: '–', ...(await load(`http://127.0.0.1:${helloPort}/`)) });
hello.close();

const dataDir = mkdtempSync(join(tmpdir(), 'kleinstadt-bench-'));
rows.push(...(await platform('PGlite', { KLEINSTADT_DATA_DIR: join(dataDir, 'db') }, 3901)));
rmSync(dataDir, { recursive: true, force: true });

const server = await postgresUrl();
if (server) {
  try {
    rows.push(...(await platform('PostgreSQL', { DATABASE_URL: server.url }, 3902)));
  } finally {
    await server.drop();
  }
}

const ceiling = rows[0]!.rps;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = [
  '| target | database | req/s | p50 ms | p95 ms | p99 ms | share of ceiling | errors |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.target} | ${r.engine} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt((100 * r.rps) / ceiling, 0)} % | ${r.errors} |`),
].join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const section = `## HTTP (bench/http)\n\n<!-- bench/http:start -->\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine}; autocannon, ${connections} connections, ${duration} s per target after a 2 s warm-up, client on the same machine. Latencies from every response.\n\n${table}\n<!-- bench/http:end -->\n`;
console.log(section);

if (values.write) {
  const file = join(root, 'docs/performance.md');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Performance\n';
  }
  const pattern = /## HTTP \(bench\/http\)\n\n<!-- bench\/http:start -->[\s\S]*?<!-- bench\/http:end -->\n/;
  text = pattern.test(text) ? text.replace(pattern, section) : text.replace(/^# Performance\n/, `# Performance\n\n${section}`);
  writeFileSync(file, text);
}
