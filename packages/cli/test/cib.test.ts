// `kleinstadt cib …` on the real reference files (read from <repo>/../shared/reference-cases/cib).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shared = process.env.KLEINSTADT_SHARED ?? resolve(repoRoot, '../shared');
const sw = (name: string) => resolve(shared, 'reference-cases/cib/scenariowizard_sei', name);
const somewhereland = resolve(shared, 'reference-cases/cib/somewhereland/somewhereland_cim.csv');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out: () => out.join('\n'), err: () => err.join('\n') };
}

async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('kleinstadt cib solve', () => {
  it('--json lists the consistent scenarios of CIB_global with IC, TIS and CV (1-based variants)', async () => {
    const r = await run(['cib', 'solve', sw('CIB_global.scw'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.space).toBe(36);
    expect(j.complete).toBe(true);
    expect(j.scenarios.map((s: { variants: number[]; totalImpactScore: number; consistencyValue: number; inconsistency: number }) => [s.variants.join(' '), s.totalImpactScore, s.consistencyValue, s.inconsistency])).toEqual([
      ['2 3 2', 15, 0, 0],
      ['3 1 3', 12, 1, 0],
      ['2 2 2', 9, 0, 0],
      ['1 2 3', 8, 0, 0],
    ]);
    expect(j.scenarios[0].labels).toEqual(['Ntl', 'Alrt', 'Stag']);
  });

  it('prints a readable table and warns about the self block of the 15-descriptor file', async () => {
    const r = await run(['cib', 'solve', sw('CIB_nested_simplified_standardized.scw'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('15 consistent scenarios (IC = 0)');
    expect(r.out).toMatch(/#\s+TIS\s+CV\s+IC\s+variants\s+NINT/);
    expect(r.out).toMatch(/1\s+353\s+0\s+0\s+1 1 2 3 2 3 3 1 1 1 3 1 1 1 1/);
    expect(r.err).toContain('warning: Descriptor "WSCEN" has a non-zero self block');
  });

  it('--max-ic 1 adds the IC = 1 scenarios; --fix runs an intervention; --basins and --sl write the weights', async () => {
    const r = await run(['cib', 'solve', sw('CIB_global.scw'), '--max-ic', '1', '--json']);
    const ic1 = JSON.parse(r.out).scenarios.filter((s: { inconsistency: number }) => s.inconsistency === 1).map((s: { variants: number[] }) => s.variants.join(' '));
    expect(ic1).toEqual(['1 1 3', '1 2 4']);
    const f = JSON.parse((await run(['cib', 'solve', sw('CIB_global.scw'), '--fix', 'WTRD=Ntl', '--json'])).out);
    expect(f.fixed).toEqual([2, null, null]);
    expect(f.space).toBe(12);
    expect(f.scenarios.every((s: { variants: number[] }) => s.variants[0] === 2)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'cib-'));
    const sl = join(dir, 'out.sl');
    const b = await run(['cib', 'solve', sw('CIB_global.scw'), '--basins', '--sl', sl]);
    expect(b.code).toBe(0);
    const ours = readFileSync(sl, 'utf8').split('\n');
    const theirs = readFileSync(sw('CIB_global.sl'), 'utf8').split('\n');
    expect(ours.slice(4).sort()).toEqual(theirs.slice(4).sort());
  });

  it('reports an unparsable file with its line number and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cib-'));
    const bad = join(dir, 'bad.scw');
    writeFileSync(bad, readFileSync(sw('CIB_global.scw'), 'utf8').replace(' 0 , 0 , 0 , 1 , 2 ,-3', ' 0 , 0 , 0 , 1 , z ,-3'));
    const r = await run(['cib', 'solve', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/kleinstadt cib: Line \d+ \(matrix row 1, column 5\): "z" is not a number/);
    expect((await run(['cib', 'frobnicate', bad])).code).toBe(2);
    expect((await run(['cib', 'solve'])).code).toBe(2);
  });
});

describe('kleinstadt cib basins / succession / balance', () => {
  it('basins of CIB_global: 4/12/1/2 and 17 starts in cycles, exhaustive', async () => {
    const r = await run(['cib', 'basins', sw('CIB_global.scw'), '--json']);
    const j = JSON.parse(r.out);
    expect(j.method).toBe('exhaustive');
    expect(j.cycleStarts).toBe(17);
    expect(Object.fromEntries(j.fixedPoints.map((f: { variants: number[]; basin: number }) => [f.variants.join(' '), f.basin]))).toEqual({ '3 1 3': 12, '2 3 2': 4, '1 2 3': 2, '2 2 2': 1 });
    const text = await run(['cib', 'basins', sw('CIB_global.scw')]);
    expect(text.out).toContain('exhaustive, exact');
    expect(text.out).toContain('Cycles:');
  });

  it('Monte-Carlo basins say so', async () => {
    const r = await run(['cib', 'basins', somewhereland, '--method', 'monte-carlo', '--samples', '2000', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2,000 random start scenarios (Monte Carlo, seed 3: estimates)');
  });

  it('succession path and the worked impact balance of Somewhereland', async () => {
    const s = JSON.parse((await run(['cib', 'succession', somewhereland, '--start', '2 1 3 1 1 1', '--json'])).out);
    expect(s.path[0].variants).toEqual([2, 1, 3, 1, 1, 1]);
    expect(s.end).toBe('fixed');
    const b = JSON.parse((await run(['cib', 'balance', somewhereland, '--scenario', '2 1 3 1 1 1', '--json'])).out);
    expect(b.balances.flat()).toEqual([0, 3, -3, 2, 1, -3, -9, -1, 10, -7, 7, 4, -1, -3, 2, -1, -1]);
    expect(b.inconsistency).toBe(14);
    const t = await run(['cib', 'balance', somewhereland, '--scenario', '2 1 3 1 1 1']);
    expect(t.out).toContain('chosen, IC 14');
  });
});

describe('kleinstadt cib: further subcommands', () => {
  it('export round trip (.scw → .json → .scw) and standardisation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cib-'));
    const json = join(dir, 'm.json');
    const scw = join(dir, 'm.scw');
    expect((await run(['cib', 'export', sw('CIB_global.scw'), '--out', json])).code).toBe(0);
    expect((await run(['cib', 'export', json, '--out', scw])).code).toBe(0);
    expect(readFileSync(scw, 'utf8')).toBe(readFileSync(sw('CIB_global.scw'), 'utf8'));
    const std = join(dir, 'std.scw');
    await run(['cib', 'export', sw('CIB_nested_simplified_nonstandard.scw'), '--standardise', '--factor', '2', '--out', std]);
    const a = JSON.parse((await run(['cib', 'solve', std, '--json'])).out);
    const b = JSON.parse((await run(['cib', 'solve', sw('CIB_nested_simplified_standardized.scw'), '--json'])).out);
    expect(a.scenarios).toEqual(b.scenarios);
  });

  it('sensitivity, diverse selection and ensemble', async () => {
    const s = JSON.parse((await run(['cib', 'sensitivity', somewhereland, '--json'])).out);
    expect(s.baseline).toHaveLength(10);
    expect(s.changes.length).toBeGreaterThan(0);
    const d = JSON.parse((await run(['cib', 'diverse', somewhereland, '--count', '3', '--json'])).out);
    expect(d.scenarios).toHaveLength(3);
    expect(d.exact).toBe(true);
    const e = JSON.parse((await run(['cib', 'ensemble', sw('CIB_nested_simplified_standardized.scw'), sw('CIB_nested_simplified_nonstandard.scw'), '--json'])).out);
    expect(e.scenarios).toHaveLength(15);
    expect(e.scenarios.every((x: { share: number; inSumMatrix: boolean }) => x.share === 1 && x.inSumMatrix)).toBe(true);
  });

  it('influence matrix with MICMAC and consistency analysis from JSON files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cib-'));
    const inf = join(dir, 'influence.csv');
    writeFileSync(inf, ',A,B,C\nA,-,3,2\nB,1,-,\nC,0,2,-\n');
    const r = await run(['cib', 'influence', inf, '--micmac']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 ratings missing (not guessed): B -> C');
    expect(r.out).toMatch(/A\s+5\s+1\s+5\s+500\s+active/);
    const j = JSON.parse((await run(['cib', 'influence', inf, '--json', '--threshold', 'midpoint'])).out);
    expect(j.thresholds.convention).toBe('midpoint');
    const con = join(dir, 'consistency.json');
    writeFileSync(con, JSON.stringify({
      scale: 'reibnitz',
      factors: [{ name: 'E', projections: ['up', 'down'] }, { name: 'P', projections: ['up', 'down'] }, { name: 'H', projections: ['tight', 'loose'] }],
      matrix: [[null, null, null, null, null, null], [null, null, null, null, null, null], [2, -1, null, null, null, null], [-1, 1, null, null, null, null], [1, -2, 2, -2, null, null], [-1, 1, -2, 2, null, null]],
    }));
    const c = JSON.parse((await run(['cib', 'consistency', con, '--json', '--top', '5'])).out);
    expect(c.bundles[0]).toMatchObject({ projections: [1, 1, 1], sum: 5 });
    expect(c.space).toBe(8);
  });
});
