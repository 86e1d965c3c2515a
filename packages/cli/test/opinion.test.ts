import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

/** `<repo>/../shared/reference-cases/polis/reddwarf_fixtures`, resolved from this file (never copied into the repo). */
const FIXTURES = fileURLToPath(new URL('../../../../shared/reference-cases/polis/reddwarf_fixtures/', import.meta.url));
const BELOW_100 = join(FIXTURES, 'below-100-ptpts');
const META = join(FIXTURES, '25ptpt-3gp-no-strict-with-meta');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const temp = mkdtempSync(join(tmpdir(), 'kleinstadt-opinion-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface MapJson {
  format: string;
  k: number;
  inConv: number[];
  groups: { members: number[] }[];
  representative: { statement: number; direction: string }[][];
  consensus: { agree: { statement: number }[]; disagree: { statement: number }[] };
}

describe('kleinstadt opinion', () => {
  it('analyze --json --polis-groups reproduces Polis’ representative and consensus statements', async () => {
    for (const dir of [BELOW_100, META]) {
      const c = capture();
      expect(await main(['opinion', 'analyze', dir, '--json', '--polis-groups'], c.io)).toBe(0);
      const map = JSON.parse(c.out.join('')) as MapJson;
      const math = JSON.parse(readFileSync(join(dir, 'math-pca2.json'), 'utf8')) as {
        repness: Record<string, { tid: number; 'repful-for': string }[]>;
        consensus: { agree: { tid: number }[]; disagree: { tid: number }[] };
        'group-clusters': { id: number }[];
      };
      expect(map.format).toBe('polis-json');
      const expected = math['group-clusters'].map((g) => math.repness[String(g.id)]!.map((r) => [r.tid, r['repful-for']]));
      expect(map.representative.map((g) => g.map((r) => [r.statement, r.direction]))).toEqual(expected);
      expect(map.consensus.agree.map((x) => x.statement)).toEqual(math.consensus.agree.map((x) => x.tid));
    }
  });

  it('analyze prints a readable summary with groups, representative and consensus statements', async () => {
    const c = capture();
    expect(await main(['opinion', 'analyze', BELOW_100, '--seed', '3', '--k-max', '3'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/Participants: 35 \(clustered: 23\); statements: 44 \(left out: 2\)/);
    expect(text).toMatch(/Opinion groups: 3/);
    expect(text).toMatch(/Group A — \d+ participants/);
    expect(text).toContain('Consensus (all participants):');
    expect(text).toContain('#26 I like how Polis relies on user interaction');
  });

  it('analyze: Polis’ groups from the votes alone by default; --restarts chooses by silhouette', async () => {
    const math = JSON.parse(readFileSync(join(META, 'math-pca2.json'), 'utf8')) as { 'group-clusters': { members: number[] }[]; 'base-clusters': { id: number[]; members: number[][] } };
    const baseMembers = new Map(math['base-clusters'].id.map((id, i) => [id, math['base-clusters'].members[i]!]));
    const polis = math['group-clusters'].map((g) => g.members.flatMap((b) => baseMembers.get(b)!).sort((a, b) => a - b));
    const sorted = (groups: { members: number[] }[]) => groups.map((g) => g.members.slice().sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
    const c = capture();
    expect(await main(['opinion', 'analyze', META, '--json'], c.io)).toBe(0);
    expect(sorted((JSON.parse(c.out.join('')) as MapJson).groups)).toEqual(sorted(polis.map((members) => ({ members }))));
    const r = capture();
    expect(await main(['opinion', 'analyze', META, '--json', '--restarts'], r.io)).toBe(0);
    expect(sorted((JSON.parse(r.out.join('')) as MapJson).groups)).not.toEqual(sorted(polis.map((members) => ({ members }))));
    const both = capture();
    expect(await main(['opinion', 'analyze', META, '--polis-init', '--restarts'], both.io)).toBe(2);
    expect(both.err.join('')).toMatch(/exclude each other/);
  });

  it('export writes the Polis CSV files, and analyzing them gives the same map (round trip)', async () => {
    const out = join(temp, 'export');
    const c1 = capture();
    expect(await main(['opinion', 'export', BELOW_100, '--out', out], c1.io)).toBe(0);
    expect(c1.out.join('')).toContain('Wrote votes.csv');
    const header = readFileSync(join(out, 'participants-votes.csv'), 'utf8').split('\n')[0];
    expect(header).toMatch(/^participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,/);
    const a = capture();
    const b = capture();
    expect(await main(['opinion', 'analyze', BELOW_100, '--json'], a.io)).toBe(0);
    expect(await main(['opinion', 'analyze', out, '--json'], b.io)).toBe(0);
    const before = JSON.parse(a.out.join('')) as MapJson;
    const after = JSON.parse(b.out.join('')) as MapJson;
    expect(after.format).toBe('polis-csv');
    expect(after.inConv).toEqual(before.inConv);
    expect(after.groups.map((g) => g.members)).toEqual(before.groups.map((g) => g.members));
    expect(after.representative).toEqual(before.representative);
  });

  it('reports malformed input with the file and line, and usage errors with exit code 2', async () => {
    const bad = join(temp, 'bad');
    rmSync(bad, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(bad, { recursive: true }));
    writeFileSync(join(bad, 'votes.csv'), 'timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,0,1,yes\n');
    const c = capture();
    expect(await main(['opinion', 'analyze', bad], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/votes\.csv, line 3, field "vote": "yes" is not an integer/);
    const d = capture();
    expect(await main(['opinion', 'analyze', BELOW_100, '--seed', 'x'], d.io)).toBe(2);
    const e = capture();
    expect(await main(['opinion', 'analyze', join(temp, 'missing')], e.io)).toBe(1);
    expect(e.err.join('')).toMatch(/is not a folder/);
    const f = capture();
    expect(await main(['opinion', 'frobnicate', BELOW_100], f.io)).toBe(2);
    const g = capture();
    expect(await main(['opinion', 'analyze', BELOW_100, '--k-min', '4', '--k-max', '2'], g.io)).toBe(1);
    expect(g.err.join('')).toMatch(/options\.kMin/);
  });

  it('--state warm-starts from and saves the state of the previous run', async () => {
    const stateFile = join(temp, 'state.json');
    const a = capture();
    expect(await main(['opinion', 'analyze', META, '--json', '--state', stateFile], a.io)).toBe(0);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { k: number; inConv: number[] };
    const first = JSON.parse(a.out.join('')) as MapJson & { pca: { iterations: number[] } };
    expect(saved.k).toBe(first.k);
    expect(saved.inConv).toEqual(first.inConv);
    const b = capture();
    expect(await main(['opinion', 'analyze', META, '--json', '--state', stateFile], b.io)).toBe(0);
    const second = JSON.parse(b.out.join('')) as MapJson & { pca: { iterations: number[] } };
    expect(second.pca.iterations[0]).toBeLessThan(first.pca.iterations[0]!);
    expect(second.groups.map((g) => g.members)).toEqual(first.groups.map((g) => g.members));
    writeFileSync(stateFile, '{"statements": [1], "comps": 5}');
    const c = capture();
    expect(await main(['opinion', 'analyze', META, '--state', stateFile], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/options\.previous, field "comps"/);
  });
});
