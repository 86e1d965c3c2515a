// Conformance with ScenarioWizard's real research matrices (reference-cases/cib/scenariowizard_sei).
import { describe, expect, it } from 'vitest';
import {
  analyseBasins,
  compileCib,
  parseScw,
  parseSl,
  solveCib,
  standardise,
  toOneBased,
  type BasinResult,
  type CibModel,
  type SolveResult,
} from '../../src/cib/index.ts';
import { readCib, readExpected, type Expected } from './reference.ts';

const dir = 'scenariowizard_sei/';
const cases = ['CIB_global', 'CIB_natl_regional', 'CIB_nested_simplified_standardized', 'CIB_nested_simplified_nonstandard'] as const;

function load(name: string): CibModel {
  return parseScw(readCib(`${dir}${name}.scw`)).model;
}

/** "variants|TIS|CV|IC" lines, sorted, for set comparison. */
function solvedSet(r: SolveResult): string[] {
  return r.scenarios.map((s) => `${toOneBased(s.variants).join(' ')}|${s.totalImpactScore}|${s.consistencyValue}|${s.inconsistency}`).sort();
}
function expectedSet(e: Expected): string[] {
  return e.consistent_scenarios.map((s) => `${s.variants.join(' ')}|${s.total_impact_score}|${s.consistency_value}|${s.inconsistency}`).sort();
}
function basinMap(r: BasinResult): Map<string, number> {
  return new Map(r.fixedPoints.map((a) => [toOneBased(a.scenarios[0]).join(' '), a.basin]));
}

describe.each(cases)('%s: consistent scenarios', (name) => {
  const model = load(name);
  const expected = readExpected(`${dir}${name}.expected.json`);

  it('has the published scenario space and descriptors', () => {
    const cib = compileCib(model);
    expect(cib.space).toBe(expected.n_scenarios);
    expect(model.descriptors).toEqual(expected.descriptors);
  });

  it('finds exactly the published consistent set with TIS, CV and IC by branch-and-bound', () => {
    const r = solveCib(model);
    expect(r.complete).toBe(true);
    expect(r.scenarios).toHaveLength(expected.n_consistent);
    expect(solvedSet(r)).toEqual(expectedSet(expected));
    // the search touches only a small part of the space
    if (expected.n_scenarios > 1e6) expect(r.nodeShare).toBeLessThan(1e-3);
    // ordered by TIS, descending
    const tis = r.scenarios.map((s) => s.totalImpactScore);
    expect(tis).toEqual([...tis].sort((a, b) => b - a));
  });
});

describe('ScenarioWizard solution lists (.sl)', () => {
  it.each(['CIB_global', 'CIB_natl_regional', 'CIB_nested_simplified_standardized'])('%s: set, TIS, CV and IC agree with the .sl file', (name) => {
    const sl = parseSl(readCib(`${dir}${name}.sl`));
    const r = solveCib(load(name));
    const fromSl = sl.map((e) => `${toOneBased(e.variants).join(' ')}|${e.totalImpactScore}|${e.consistencyValue}|${e.inconsistency}`).sort();
    expect(solvedSet(r)).toEqual(fromSl);
  });
});

describe('CIB_global (3 descriptors, 36 scenarios)', () => {
  const model = load('CIB_global');

  it('reproduces the basins 4/12/1/2 and the 17 starts ending in cycles (= the .sl weights)', () => {
    const b = analyseBasins(model);
    expect(b.method).toBe('exhaustive');
    expect(b.starts).toBe(36);
    const m = basinMap(b);
    expect(Object.fromEntries(m)).toEqual({ '2 3 2': 4, '3 1 3': 12, '2 2 2': 1, '1 2 3': 2 });
    expect(b.cycleStarts).toBe(17);
    const sl = parseSl(readCib(`${dir}CIB_global.sl`));
    for (const e of sl) expect(m.get(toOneBased(e.variants).join(' '))).toBe(e.weight);
    expect(b.fixedPoints.reduce((s, a) => s + a.basin, 0) + b.cycleStarts).toBe(36);
  });

  it('lists exactly [1,1,3] and [1,2,4] (TIS 9) with IC = 1', () => {
    const r = solveCib(model, { maxInconsistency: 1 });
    const ic1 = r.scenarios.filter((s) => s.inconsistency === 1).map((s) => ({ v: toOneBased(s.variants), tis: s.totalImpactScore }));
    expect(ic1).toEqual([
      { v: [1, 1, 3], tis: 9 },
      { v: [1, 2, 4], tis: 9 },
    ]);
    expect(r.scenarios.filter((s) => s.inconsistency === 0)).toHaveLength(4);
  });
});

describe('basins of the 22.7 M scenario files (exhaustive)', () => {
  const expectedStd = readExpected(`${dir}CIB_nested_simplified_standardized.expected.json`);
  const expectedMap = (e: Expected) => new Map(e.consistent_scenarios.map((s) => [s.variants.join(' '), s.basin_size_global_succession]));

  it('CIB_nested_simplified_standardized: all 15 basins and 46,926 cycle starts (= the .sl weights)', () => {
    const b = analyseBasins(load('CIB_nested_simplified_standardized'));
    expect(b.method).toBe('exhaustive');
    expect(basinMap(b)).toEqual(expectedMap(expectedStd));
    expect(b.cycleStarts).toBe(expectedStd.n_start_scenarios_ending_in_cycles);
    const sl = parseSl(readCib(`${dir}CIB_nested_simplified_standardized.sl`));
    const m = basinMap(b);
    for (const e of sl) expect(m.get(toOneBased(e.variants).join(' '))).toBe(e.weight);
  });

  it('CIB_nested_simplified_nonstandard: the same basins (standardisation invariance)', () => {
    const expectedNon = readExpected(`${dir}CIB_nested_simplified_nonstandard.expected.json`);
    const b = analyseBasins(load('CIB_nested_simplified_nonstandard'));
    expect(basinMap(b)).toEqual(expectedMap(expectedNon));
    expect(basinMap(b)).toEqual(expectedMap(expectedStd));
    expect(b.cycleStarts).toBe(46926);
  });

  it('CIB_natl_regional: exhaustive basins, no cycles; Monte Carlo estimates agree with ScenarioWizard within sampling error', () => {
    const model = load('CIB_natl_regional');
    const expected = readExpected(`${dir}CIB_natl_regional.expected.json`);
    const exact = analyseBasins(model);
    expect(basinMap(exact)).toEqual(expectedMap(expected));
    expect(exact.cycleStarts).toBe(0);
    const mc = analyseBasins(model, { method: 'monte-carlo', samples: 100_000, seed: 7 });
    expect(mc.method).toBe('monte-carlo');
    expect(mc.starts).toBe(100_000);
    const sl = parseSl(readCib(`${dir}CIB_natl_regional.sl`));
    const est = basinMap(mc);
    for (const e of sl) {
      const key = toOneBased(e.variants).join(' ');
      const p = expectedMap(expected).get(key)! / expected.n_scenarios;
      const sd = Math.sqrt((p * (1 - p)) / 100_000);
      // ours and ScenarioWizard's sample: both within 5 standard deviations of the exact share
      expect(Math.abs((est.get(key) ?? 0) / 100_000 - p)).toBeLessThan(5 * sd + 1e-5);
      expect(Math.abs(e.weight / 100_000 - p)).toBeLessThan(5 * sd + 1e-5);
    }
  });
});

describe('standardisation invariance (the nested_simplified pair)', () => {
  const non = load('CIB_nested_simplified_nonstandard');
  const std = load('CIB_nested_simplified_standardized');

  it("ScenarioWizard's standardized file is exactly 2 × the standardised nonstandard matrix", () => {
    expect(standardise(non, { factor: 2 }).matrix).toEqual(std.matrix);
  });

  it('same consistent set, TIS scaled as the matrix, IC and CV unchanged in sign', () => {
    const a = solveCib(non);
    const s = solveCib(standardise(non));
    const b = solveCib(std);
    const keys = (r: SolveResult) => r.scenarios.map((x) => x.variants.join(' ')).sort();
    expect(keys(a)).toEqual(keys(b));
    expect(keys(s)).toEqual(keys(b));
    const tisStd = new Map(b.scenarios.map((x) => [x.variants.join(' '), x.totalImpactScore]));
    for (const x of s.scenarios) expect(2 * x.totalImpactScore).toBeCloseTo(tisStd.get(x.variants.join(' '))!, 9);
    // TIS differs between the two files (353 vs 179 for the first scenario of the expected lists)
    const first = '0 0 1 2 1 2 2 0 0 0 2 0 0 0 0';
    expect(a.scenarios.find((x) => x.variants.join(' ') === first)!.totalImpactScore).toBe(179);
    expect(b.scenarios.find((x) => x.variants.join(' ') === first)!.totalImpactScore).toBe(353);
  });
});

describe('self blocks', () => {
  it('warns about the non-zero WSCEN self block and counts it (15 consistent, not 9; TIS 353, not 333)', () => {
    const std = load('CIB_nested_simplified_standardized');
    const cib = compileCib(std);
    expect(cib.warnings.map((w) => w.descriptor)).toEqual(['WSCEN']);
    expect(cib.warnings[0].message).toContain('self block');
    // dropping the self block gives ScenarioWizard-incompatible results
    const N = cib.N;
    const o = cib.offsets[cib.D - 1];
    const matrix = std.matrix.map((row, r) => row.map((v, c) => (r >= o && c >= o && r < N && c < N ? 0 : v)));
    const without = solveCib({ ...std, matrix });
    expect(without.scenarios).toHaveLength(9);
    expect(solveCib(std).scenarios).toHaveLength(15);
    expect(compileCib(load('CIB_global')).warnings).toEqual([]);
  });
});
