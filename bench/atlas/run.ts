/**
 * Atlas benchmark (not a test): the full atlas import on PGlite and on PostgreSQL, the filtered municipality list
 * (page and API) under autocannon at 10 connections on the built platform, and the map payload. Prints a Markdown
 * section and, with --write, replaces the "Atlas" section of docs/performance.md.
 *
 *   npm run build && node bench/atlas/run.ts [--duration 10] [--connections 10] [--write]
 *
 * Needs the official data folder (KLEINSTADT_OFFICIAL_DATA or ../shared/data). PostgreSQL: BENCH_DATABASE_URL or
 * a server at 127.0.0.1:5432 (a fresh database is created and dropped).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { load as loadWith, temporaryPostgres, waitFor } from '../lib/http.ts';
import { createApp } from '../../apps/platform/src/lib/server/app.ts';
import { loadConfig } from '../../apps/platform/src/lib/server/config.ts';
import { importAtlas, locateAtlasSources } from '../../apps/platform/src/lib/modules/atlas/server/atlas-import.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, write: { type: 'boolean', default: false } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const load = (url: string) => loadWith(url, connections, duration);
const sources = locateAtlasSources(process.env.KLEINSTADT_OFFICIAL_DATA || undefined);
if (!sources) throw new Error('The official data folder (../shared/data) was not found.');

const LIST = '/atlas/gemeinden?kleinstadt=1&lage=peripher&lage=sehr_peripher&land=14&popMin=5000&since=1990&sort=change&dir=desc';
const API = '/api/v1/municipalities?type=30&type=40&lage=peripher&sort=population&dir=desc&pageSize=50';
const SEARCH = '/atlas/gemeinden?q=grossschoenau';

async function timeImport(engine: 'PGlite' | 'PostgreSQL', databaseUrl?: string) {
  const app = await createApp({ ...loadConfig({}), dataDir: 'memory://', databaseUrl });
  await app.database.migrate();
  const t = performance.now();
  const result = await importAtlas(app.db, sources!);
  const total = (performance.now() - t) / 1000;
  await app.close();
  return { engine, total, read: result.seconds.read, write: result.seconds.write };
}

async function serveAndLoad(engine: string, env: Record<string, string>, port: number) {
  const t = performance.now();
  const child = spawn(process.execPath, [join(root, 'packages/cli/bin/kleinstadt.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, child);
    const startup = (performance.now() - t) / 1000;
    const rows = [];
    for (const [target, path] of [['list page, 7 filters', LIST], ['list page, search', SEARCH], ['API list, 4 filters', API]] as const) {
      rows.push({ target, engine, ...(await load(`http://127.0.0.1:${port}${path}`)) });
    }
    const svg = await (await fetch(`http://127.0.0.1:${port}/atlas/karte.svg?farbe=typ`, { headers: { 'accept-encoding': 'identity' } })).text();
    return { rows, startup, mapRaw: Buffer.byteLength(svg), mapGzip: gzipSync(svg).length };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const imports = [await timeImport('PGlite')];
const server = await temporaryPostgres();
if (server) {
  try {
    imports.push(await timeImport('PostgreSQL', server.url));
  } finally {
    await server.drop();
  }
}

const http = [];
const dataDir = mkdtempSync(join(tmpdir(), 'kleinstadt-bench-atlas-'));
const lite = await serveAndLoad('PGlite', { KLEINSTADT_DATA_DIR: join(dataDir, 'db') }, 3911);
http.push(...lite.rows);
rmSync(dataDir, { recursive: true, force: true });
const server2 = await temporaryPostgres();
let pgStartup: number | undefined;
if (server2) {
  try {
    const r = await serveAndLoad('PostgreSQL', { DATABASE_URL: server2.url }, 3912);
    http.push(...r.rows);
    pgStartup = r.startup;
  } finally {
    await server2.drop();
  }
}

const fmt = (n: number, d = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const section = `## Atlas (bench/atlas)

<!-- bench/atlas:start -->
Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, load average ${loadavg()[0]!.toFixed(1)} at the end.

Full import (\`importAtlas\`: ${sources.years.length} GV-ISys files, BBSR reference, PLZ4 table; 10,773 municipalities, 102,875 population figures), fresh database, in process:

| database | read + compute s | write s | total s | goal |
|---|---:|---:|---:|---|
${imports.map((r) => `| ${r.engine} | ${fmt(r.read)} | ${fmt(r.write)} | ${fmt(r.total)} | ${r.engine === 'PGlite' ? '< 60 s' : '< 20 s'} |`).join('\n')}

First \`kleinstadt serve\` on an empty database (migrations + atlas import + server start) until \`/api/health\` answers: PGlite ${fmt(lite.startup)} s${pgStartup !== undefined ? `, PostgreSQL ${fmt(pgStartup)} s` : ''}.

Lists under autocannon, ${connections} connections, ${duration} s after a 2 s warm-up (list page: \`${LIST}\`; API: \`${API}\`):

| target | database | req/s | p50 ms | p95 ms | p99 ms | errors |
|---|---|---:|---:|---:|---:|---:|
${http.map((r) => `| ${r.target} | ${r.engine} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors} |`).join('\n')}

Map (\`/atlas/karte.svg\`, 4,605 Gemeindeverband shapes): ${fmt(lite.mapRaw / 1024, 0)} KB raw, **${fmt(lite.mapGzip / 1024, 0)} KB gzip** (goal < 400 KB compressed); served gzip-compressed and cacheable.
<!-- bench/atlas:end -->
`;
console.log(section);
if (values.write) {
  const file = join(root, 'docs/performance.md');
  let text = readFileSync(file, 'utf8');
  const pattern = /## Atlas \(bench\/atlas\)\n\n<!-- bench\/atlas:start -->[\s\S]*?<!-- bench\/atlas:end -->\n/;
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text);
}
