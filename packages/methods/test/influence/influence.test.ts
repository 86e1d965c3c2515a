// Vester's paper computer and MICMAC on hand-computed examples.
import { describe, expect, it } from 'vitest';
import { analyseInfluence, InfluenceInputError, micmac, type InfluenceInput } from '../../src/influence/index.ts';

// A → B 3, A → C 3, A → D 2; B → A 1, B → C 3, B → D 2; C → B 2, C → D 3; D → B 1, D → C 1; E → C 1
const input: InfluenceInput = {
  factors: ['A', 'B', 'C', 'D', 'E'],
  matrix: [
    [null, 3, 3, 2, 0],
    [1, null, 3, 2, 0],
    [0, 2, null, 3, 0],
    [0, 1, 1, null, 0],
    [0, 0, 1, 0, null],
  ],
};

describe('Vester influence matrix', () => {
  it('computes active and passive sums, product and quotient (hand-computed)', () => {
    const r = analyseInfluence(input);
    expect(r.factors.map((f) => [f.name, f.activeSum, f.passiveSum, f.product])).toEqual([
      ['A', 8, 1, 8],
      ['B', 6, 6, 36],
      ['C', 5, 8, 40],
      ['D', 2, 7, 14],
      ['E', 1, 0, 0],
    ]);
    expect(r.total).toBe(22);
    expect(r.factors[0].quotient).toBe(8);
    expect(r.factors[2].quotient100).toBe(62.5);
    // PS = 0: the quotient is undefined, not Infinity
    expect(r.factors[4].quotient).toBeNull();
    expect(r.factors[4].quotient100).toBeNull();
    expect(r.complete).toBe(true);
  });

  it('classifies roles with the means of the sums (4.4 / 4.4)', () => {
    const r = analyseInfluence(input, { threshold: 'mean' });
    expect(r.thresholds).toEqual({ active: 4.4, passive: 4.4, convention: 'mean' });
    expect(r.factors.map((f) => f.role)).toEqual(['active', 'critical', 'critical', 'reactive', 'buffering']);
  });

  it('classifies roles with the scale midpoint 3·(n−1)/2 = 6 (values on the threshold count as low)', () => {
    const r = analyseInfluence(input, { threshold: 'midpoint' });
    expect(r.thresholds).toEqual({ active: 6, passive: 6, convention: 'midpoint' });
    expect(r.factors.map((f) => f.role)).toEqual(['active', 'buffering', 'reactive', 'reactive', 'buffering']);
    const e = analyseInfluence(input, { threshold: { active: 1, passive: 1 } });
    expect(e.factors.map((f) => f.role)).toEqual(['active', 'critical', 'critical', 'critical', 'buffering']);
  });

  it('reports missing ratings instead of guessing them', () => {
    const m = input.matrix.map((row) => row.slice());
    m[1][4] = null;
    m[3][0] = undefined;
    const r = analyseInfluence({ ...input, matrix: m });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([
      { row: 1, column: 4, from: 'B', to: 'E' },
      { row: 3, column: 0, from: 'D', to: 'A' },
    ]);
    expect(r.factors.map((f) => f.missingRatings)).toEqual([1, 1, 0, 1, 1]);
    expect(r.factors[1].activeSum).toBe(6);
  });

  it('raises typed errors naming row, column and factor', () => {
    const m = input.matrix.map((row) => row.slice());
    m[2][1] = 4;
    expect(() => analyseInfluence({ ...input, matrix: m })).toThrow('Row 3, column 2 ("C" → "B"): 4 is not a rating 0..3.');
    m[2][1] = 1.5;
    expect(() => analyseInfluence({ ...input, matrix: m })).toThrow(InfluenceInputError);
    const d = input.matrix.map((row) => row.slice());
    d[0][0] = 2;
    expect(() => analyseInfluence({ ...input, matrix: d })).toThrow(/"A" cannot influence itself/);
    expect(() => analyseInfluence({ ...input, matrix: input.matrix.slice(0, 4) })).toThrow(/4 rows for 5 factors/);
    expect(() => analyseInfluence({ factors: [], matrix: [] })).toThrow(InfluenceInputError);
    try {
      analyseInfluence({ ...input, matrix: [input.matrix[0], [1, 2], ...input.matrix.slice(2)] });
    } catch (e) {
      expect((e as InfluenceInputError).row).toBe(2);
      expect((e as InfluenceInputError).factor).toBe('B');
    }
  });
});

describe('MICMAC', () => {
  it('matches hand-computed powers of the binary matrix and reports that the ranks oscillate', () => {
    const r = micmac(input, { maxPower: 8 });
    // direct: row sums 3 3 2 2 1, column sums 1 3 4 3 0
    expect(r.powers[0].influenceRank).toEqual([1, 1, 3, 3, 5]);
    expect(r.powers[0].dependenceRank).toEqual([4, 2, 1, 2, 5]);
    // M²: row sums 7 7 5 5 2, column sums 3 8 7 8 0
    expect(r.powers[1].influence.map((x) => x * 26)).toEqual([7, 7, 5, 5, 2].map((x) => expect.closeTo(x, 9)));
    expect(r.powers[1].dependenceRank).toEqual([4, 1, 3, 1, 5]);
    // M³: column sums 8 18 19 18 0 -> C first again; the dependence ranking alternates forever
    expect(r.powers[2].dependenceRank).toEqual([4, 2, 1, 2, 5]);
    expect(r.powers).toHaveLength(8);
    expect(r.stablePower).toBeNull();
  });

  it('stops at the first power whose rankings repeat', () => {
    // a chain with a feedback loop: ranks settle
    const chain: InfluenceInput = {
      factors: ['A', 'B', 'C', 'D'],
      matrix: [
        [null, 1, 1, 0],
        [0, null, 1, 1],
        [0, 0, null, 1],
        [1, 0, 0, null],
      ],
    };
    const r = micmac(chain);
    expect(r.stablePower).not.toBeNull();
    const k = r.stablePower!;
    expect(r.powers).toHaveLength(k);
    expect(r.powers[k - 1].influenceRank).toEqual(r.powers[k - 2].influenceRank);
    expect(r.powers[k - 1].dependenceRank).toEqual(r.powers[k - 2].dependenceRank);
    // shares of a power sum to 1
    expect(r.powers[k - 1].influence.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(r.influenceShift).toEqual(r.powers[0].influenceRank.map((x, i) => x - r.powers[k - 1].influenceRank[i]));
  });

  it('weighted mode uses the ratings', () => {
    const r = micmac(input, { weighted: true, maxPower: 1 });
    expect(r.powers[0].influence.map((x) => x * 22)).toEqual([8, 6, 5, 2, 1].map((x) => expect.closeTo(x, 9)));
  });
});
