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
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { load as loadWith, temporaryPostgres, waitFor } from '../lib/http.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, write: { type: 'boolean', default: false } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const load = (url: string) => loadWith(url, connections, duration);

interface Row {
  target: string;
  engine: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
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

const server = await temporaryPostgres();
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
