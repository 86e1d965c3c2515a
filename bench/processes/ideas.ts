/**
 * Process benchmark (not a test): the town page and the idea list of a process with 10,000 ideas, under autocannon at
 * 10 connections on the built platform with PostgreSQL (the goal in issue #4: p95 < 50 ms). Prints a Markdown
 * section and, with --write, replaces the "Ideas" section of docs/performance.md.
 *
 *   npm run build && node bench/processes/ideas.ts [--ideas 10000] [--duration 10] [--connections 10] [--write]
 *
 * Needs a PostgreSQL server: BENCH_DATABASE_URL (admin URL; a fresh database is created and dropped) or
 * 127.0.0.1:5432. The demo content is seeded by `kleinstadt serve --demo`; the ideas are added with one SQL statement
 * to Kastellaun's "Zukunftsprozess" (varied fields of action, supports and dates). The list pages by keyset cursor,
 * so deep pages are reached the way a person reaches them: by following the page's own "next" links.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { load, percentile, temporaryPostgres, waitFor, type LoadResult } from '../lib/http.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    ideas: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    write: { type: 'boolean', default: false },
  },
});
const ideaCount = Number(values.ideas);
const duration = Number(values.duration);
const connections = Number(values.connections);
const port = 3921;

const server = await temporaryPostgres();
if (!server) throw new Error('No PostgreSQL server answers (set BENCH_DATABASE_URL).');

const rows: ({ target: string } & LoadResult)[] = [];
const dbRows: { target: string; offset: number[]; keyset: number[] }[] = [];
const startedAt = new Date();
const loadAtStart = loadavg()[0]!;

/** Follows the list's rel="next" link `steps` times from `url` and returns the page reached. */
async function followNext(url: string, steps: number): Promise<string> {
  let current = url;
  for (let i = 0; i < steps; i++) {
    const html = await (await fetch(current)).text();
    const href = /<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(html)?.[1];
    if (!href) throw new Error(`No next link on ${current} (step ${i + 1})`);
    current = new URL(href.replace(/&amp;/g, '&'), current).toString();
  }
  return current;
}
try {
  const child = spawn(process.execPath, [join(root, 'packages/cli/bin/kleinstadt.js'), 'serve', '--demo', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: server.url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, child);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows: found } = await client.query<{ town_id: string; process_id: string; component_id: string }>(`
      select p.town_id, p.id as process_id, c.id as component_id
      from processes p join towns t on t.id = p.town_id join process_components c on c.process_id = p.id
      where t.slug = 'kastellaun' and p.slug = 'kastellaun-2030' and c.type = 'ideas' limit 1`);
    const target = found[0];
    if (!target) throw new Error('The demo process kastellaun-2030 with an ideas component was not found.');
    await client.query(
      `insert into ideas (town_id, process_id, component_id, title, body, field, support_count, status, created_at)
       select $1, $2, $3, 'Idee ' || i, 'Beschreibung der Idee ' || i || ': ' || repeat('mehr Grün und Begegnung im Ortskern ', 1 + i % 5),
         (array['wohnen','mobilitaet','gemeinschaft','wirtschaft','besucher','digital','kooperation','engagement'])[1 + i % 8],
         (i * 7919) % 97, (array['neu','geprueft','wird_projekt','umgesetzt'])[1 + i % 4], now() - (i || ' minutes')::interval
       from generate_series(1, $4::int) as i`,
      [target.town_id, target.process_id, target.component_id, ideaCount],
    );
    await client.query('analyze ideas');
    // The database alone, same connection, same moment: the list query as OFFSET (before) and as keyset (now), for
    // the deep pages, alternated 300 times each, so machine load hits both alike.
    const list = (where: string, order: string, tail: string) => `
      select i.id, i.title, i.body, i.field, i.status, i.status_reason, i.hidden_reason, i.support_count, i.created_at,
        i.pseudonym, u.display_name, i.author_deleted,
        (select count(*)::int from idea_comments c where c.idea_id = i.id) as comments
      from ideas i left join users u on u.id = i.author_id
      where i.component_id = $1 ${where} order by ${order} ${tail}`;
    const fieldPagesDb = Math.ceil(ideaCount / 8 / 50);
    const supportOffset = (Math.ceil(Math.ceil(ideaCount / 50) / 2) - 1) * 50;
    const fieldOffset = (fieldPagesDb - 1) * 50;
    const { rows: [supportCursor] } = await client.query<{ k: number; id: string }>(
      `select support_count as k, id from ideas where component_id = $1 order by support_count desc, id desc offset ${supportOffset - 1} limit 1`,
      [target.component_id],
    );
    const { rows: [fieldCursor] } = await client.query<{ k: string; id: string }>(
      `select created_at::text as k, id from ideas where component_id = $1 and field = 'mobilitaet' order by created_at desc, id desc offset ${fieldOffset - 1} limit 1`,
      [target.component_id],
    );
    const cases = [
      {
        target: `most supported, page ${supportOffset / 50 + 1}`,
        offset: [list('', 'i.support_count desc, i.id desc', `limit 50 offset ${supportOffset}`), [target.component_id]],
        keyset: [list('and (i.support_count, i.id) < ($2::int, $3::uuid)', 'i.support_count desc, i.id desc', 'limit 51'), [target.component_id, supportCursor!.k, supportCursor!.id]],
      },
      {
        target: `one field of action, page ${fieldPagesDb} (last)`,
        offset: [list(`and i.field = 'mobilitaet'`, 'i.created_at desc, i.id desc', `limit 50 offset ${fieldOffset}`), [target.component_id]],
        keyset: [list(`and i.field = 'mobilitaet' and (i.created_at, i.id) < ($2::timestamptz, $3::uuid)`, 'i.created_at desc, i.id desc', 'limit 51'), [target.component_id, fieldCursor!.k, fieldCursor!.id]],
      },
    ] as const;
    for (const c of cases) {
      const times = { offset: [] as number[], keyset: [] as number[] };
      for (let i = 0; i < 300; i++) {
        for (const kind of ['offset', 'keyset'] as const) {
          const [text, params] = c[kind];
          const t0 = performance.now();
          await client.query(text, params as unknown[]);
          times[kind].push(performance.now() - t0);
        }
      }
      dbRows.push({ target: c.target, offset: times.offset.sort((a, b) => a - b), keyset: times.keyset.sort((a, b) => a - b) });
    }
    await client.end();
    const base = `http://127.0.0.1:${port}/t/kastellaun/p/kastellaun-2030/c/${target.component_id}`;
    const pages = Math.ceil(ideaCount / 50);
    const fieldPages = Math.ceil(ideaCount / 8 / 50);
    const supportMiddle = await followNext(`${base}?sort=support`, Math.ceil(pages / 2) - 1);
    const fieldLast = await followNext(`${base}?field=mobilitaet`, fieldPages - 1);
    for (const [name, url] of [
      ['town page', `http://127.0.0.1:${port}/t/kastellaun`],
      ['idea list, newest, page 1', base],
      [`idea list, most supported, page ${Math.ceil(pages / 2)} (followed "next" links)`, supportMiddle],
      [`idea list, one field of action, page ${fieldPages} = last (followed "next" links)`, fieldLast],
      ['idea list, one field of action, "last page" link', `${base}?field=mobilitaet&ende=1`],
    ] as const) {
      rows.push({ target: name, ...(await load(url, connections, duration)) });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
} finally {
  await server.drop();
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = [
  '| target | req/s | p50 ms | p95 ms | p99 ms | errors |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.target} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors} |`),
].join('\n');
const dbTable = [
  '| list query (database only, 300 runs each) | OFFSET p50 ms | OFFSET p95 ms | keyset p50 ms | keyset p95 ms |',
  '|---|---:|---:|---:|---:|',
  ...dbRows.map((r) => `| ${r.target} | ${fmt(percentile(r.offset, 50), 2)} | ${fmt(percentile(r.offset, 95), 2)} | ${fmt(percentile(r.keyset, 50), 2)} | ${fmt(percentile(r.keyset, 95), 2)} |`),
].join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average (1 min) ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end`;
const section = `## Ideas (bench/processes)\n\n<!-- bench/processes:start -->\nMeasured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; PostgreSQL, Kastellaun's process with ${ideaCount.toLocaleString('en-GB')} ideas (pages of 50 by keyset cursor), autocannon, ${connections} connections, ${duration} s per target after a 2 s warm-up, client on the same machine. Goal: p95 < 50 ms.\n\n${table}\n\n${dbTable}\n<!-- bench/processes:end -->\n`;
console.log(section);

if (values.write) {
  const file = join(root, 'docs/performance.md');
  let text = readFileSync(file, 'utf8');
  const pattern = /## Ideas \(bench\/processes\)\n\n<!-- bench\/processes:start -->[\s\S]*?<!-- bench\/processes:end -->\n/;
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text);
}
