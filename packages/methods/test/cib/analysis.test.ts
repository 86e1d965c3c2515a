// Ensembles, single-judgement sensitivity, diverse selection, standardisation properties.
import { describe, expect, it } from 'vitest';
import {
  analyseEnsemble,
  hammingDistance,
  isStandardised,
  judgementSensitivity,
  parseCibCsv,
  parseScw,
  selectDiverse,
  solveCib,
  standardise,
  sumMatrix,
  withJudgement,
} from '../../src/cib/index.ts';
import { readCib } from './reference.ts';

const somewhereland = parseCibCsv(readCib('somewhereland/somewhereland_cim.csv'));
const keys = (model: Parameters<typeof solveCib>[0]) => solveCib(model).scenarios.map((s) => s.variants.join(' ')).sort();

describe('ensembles', () => {
  it('counts in how many members a scenario is consistent and analyses the sum matrix', () => {
    const a = somewhereland;
    const b = withJudgement(a, 3, 7, 2); // a second "expert" judges B1 → C2 differently
    const r = analyseEnsemble([a, b, a]);
    expect(r.perMember).toHaveLength(3);
    const inA = new Set(keys(a));
    const inB = new Set(keys(b));
    for (const s of r.scenarios) {
      const k = s.variants.join(' ');
      const expected = [inA.has(k), inB.has(k), inA.has(k)].flatMap((x, i) => (x ? [i] : []));
      expect(s.members).toEqual(expected);
      expect(s.share).toBeCloseTo(expected.length / 3, 12);
    }
    expect(r.sum.scenarios.map((s) => s.variants.join(' ')).sort()).toEqual(keys(sumMatrix([a, b, a])));
    expect(r.scenarios.filter((s) => s.inSumMatrix).length).toBe(r.sum.scenarios.length);
    // a weighted ensemble with weight 0 on the odd member equals the single matrix (scaled)
    expect(keys(sumMatrix([a, b], [1, 0]))).toEqual(keys(a));
  });

  it('rejects members with a different structure, naming the descriptor', () => {
    const other = { ...somewhereland, descriptors: somewhereland.descriptors.map((d, i) => (i === 3 ? { ...d, variants: [...d.variants, 'x'] } : d)) };
    expect(() => analyseEnsemble([somewhereland, other])).toThrow(/descriptor "D" has 3 variants/);
  });
});

describe('single-judgement sensitivity', () => {
  it('finds exactly the ±1 changes that change the consistent set (checked by re-solving every change)', () => {
    const r = judgementSensitivity(somewhereland);
    const base = keys(somewhereland);
    expect(r.baseline.map((s) => s.variants.join(' ')).sort()).toEqual(base);
    const N = somewhereland.matrix.length;
    const owner = somewhereland.descriptors.flatMap((d, i) => d.variants.map(() => i));
    const found = new Map(r.changes.map((c) => [`${c.row},${c.column},${c.delta}`, c]));
    let examined = 0;
    for (let row = 0; row < N; row++) {
      for (let col = 0; col < N; col++) {
        if (owner[row] === owner[col]) continue;
        for (const delta of [1, -1] as const) {
          examined++;
          const after = keys(withJudgement(somewhereland, row, col, delta));
          const lost = base.filter((k) => !after.includes(k));
          const gained = after.filter((k) => !base.includes(k));
          const c = found.get(`${row},${col},${delta}`);
          if (lost.length === 0 && gained.length === 0) {
            expect(c).toBeUndefined();
          } else {
            expect(c).toBeDefined();
            expect(c!.lost.map((s) => s.join(' ')).sort()).toEqual(lost);
            expect(c!.gained.map((s) => s.join(' ')).sort()).toEqual(gained);
            expect(c!.to).toBe(c!.from + delta);
          }
        }
      }
    }
    expect(r.examined).toBe(examined);
    expect(r.changes.length).toBeGreaterThan(0);
    // robustness: number of changes that break each baseline scenario
    for (const rob of r.robustness) {
      const k = rob.variants.join(' ');
      expect(rob.criticalChanges).toBe(r.changes.filter((c) => c.lost.some((s) => s.join(' ') === k)).length);
    }
  });

  it('skips changes that leave the scale', () => {
    const all = judgementSensitivity(somewhereland);
    const scaled = judgementSensitivity(somewhereland, { scale: { min: -3, max: 3 } });
    expect(scaled.examined).toBeLessThan(all.examined);
    expect(scaled.changes.every((c) => c.to >= -3 && c.to <= 3)).toBe(true);
  });
});

describe('diverse selection', () => {
  const scenarios = solveCib(parseScw(readCib('scenariowizard_sei/CIB_natl_regional.scw')).model).scenarios;

  it('exact selection maximises the smallest pairwise distance (checked against all subsets)', () => {
    const r = selectDiverse(scenarios, 3);
    expect(r.exact).toBe(true);
    let best = -1;
    const n = scenarios.length;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) for (let c = b + 1; c < n; c++) {
      const d = Math.min(hammingDistance(scenarios[a].variants, scenarios[b].variants), hammingDistance(scenarios[a].variants, scenarios[c].variants), hammingDistance(scenarios[b].variants, scenarios[c].variants));
      best = Math.max(best, d);
    }
    expect(r.minDistance).toBe(best);
    expect(new Set(r.indices).size).toBe(3);
  });

  it('the greedy heuristic is used beyond the exact limit and returns distinct scenarios', () => {
    const r = selectDiverse(scenarios, 5, { exactLimit: 10 });
    expect(r.exact).toBe(false);
    expect(new Set(r.indices).size).toBe(5);
    expect(r.indices[0]).toBe(0);
    const exact = selectDiverse(scenarios, 5);
    expect(r.minDistance).toBeLessThanOrEqual(exact.minDistance);
    expect(r.minDistance).toBeGreaterThan(0);
  });
});

describe('standardisation', () => {
  it('makes every section row sum to 0 and keeps the consistent set', () => {
    const non = parseScw(readCib('scenariowizard_sei/CIB_nested_simplified_nonstandard.scw')).model;
    expect(isStandardised(non)).toBe(false);
    const s = standardise(non);
    expect(isStandardised(s)).toBe(true);
    expect(keys(s)).toEqual(keys(non));
    expect(isStandardised(parseScw(readCib('scenariowizard_sei/CIB_nested_simplified_standardized.scw')).model)).toBe(true);
  });
});
