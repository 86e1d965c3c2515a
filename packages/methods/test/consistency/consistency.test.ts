// Consistency analysis: bundle metrics, exact top-n by branch-and-bound, clustering into raw scenarios, MDS.
import { describe, expect, it } from 'vitest';
import {
  allBundles,
  clusterBundles,
  ConsistencyInputError,
  evaluateBundle,
  mdsCoordinates,
  topBundles,
  type Bundle,
  type ConsistencyInput,
  type ConsistencyScale,
} from '../../src/consistency/index.ts';
import { createRng } from '../../src/random.ts';

function randomInput(seed: number, sizes: number[], scale: ConsistencyScale, avoidTotal = false): ConsistencyInput {
  const r = createRng(seed).next;
  const owner = sizes.flatMap((s, f) => Array<number>(s).fill(f));
  const P = owner.length;
  const [lo, max] = scale === 'reibnitz' ? [-2, 2] : [1, 5];
  const min = avoidTotal ? lo + 1 : lo;
  const matrix: (number | null)[][] = Array.from({ length: P }, () => Array<number | null>(P).fill(null));
  for (let a = 0; a < P; a++) for (let b = 0; b < a; b++) if (owner[a] !== owner[b]) matrix[a][b] = min + Math.floor(r() * (max - min + 1));
  return { factors: sizes.map((s, f) => ({ name: `K${f + 1}`, projections: Array.from({ length: s }, (_, p) => `P${p + 1}`) })), matrix, scale };
}

// Three factors with two projections each, Gausemeier scale (lower triangle only).
const small: ConsistencyInput = {
  scale: 'gausemeier',
  factors: [
    { name: 'Economy', projections: ['growth', 'decline'] },
    { name: 'Population', projections: ['rising', 'falling'] },
    { name: 'Housing', projections: ['scarce', 'vacant'] },
  ],
  matrix: [
    [null, null, null, null, null, null],
    [null, null, null, null, null, null],
    [5, 2, null, null, null, null],
    [2, 4, null, null, null, null],
    [4, 1, 5, 1, null, null],
    [2, 4, 1, 5, null, null],
  ],
};

describe('bundle metrics', () => {
  it('sum, mean, partial inconsistencies, minimum pair, total inconsistency (hand-computed)', () => {
    expect(evaluateBundle(small, [0, 0, 0])).toEqual({ projections: [0, 0, 0], sum: 14, mean: 14 / 3, partialInconsistencies: 0, minPair: 4, totallyInconsistent: false });
    expect(evaluateBundle(small, [1, 1, 1])).toEqual({ projections: [1, 1, 1], sum: 13, mean: 13 / 3, partialInconsistencies: 0, minPair: 4, totallyInconsistent: false });
    expect(evaluateBundle(small, [0, 1, 0])).toMatchObject({ sum: 7, partialInconsistencies: 1, minPair: 1, totallyInconsistent: true });
    expect(evaluateBundle(small, [0, 0, 1])).toMatchObject({ sum: 8, partialInconsistencies: 1, minPair: 1, totallyInconsistent: true });
  });

  it('ranks without totally inconsistent bundles, ties by fewer partial inconsistencies', () => {
    const top = topBundles(small, { count: 8 }).bundles;
    // 011: growth/falling 2, growth/vacant 2, falling/vacant 5 = 9 with two partial inconsistencies; all others hold a 1
    expect(top.map((b) => b.projections.join(''))).toEqual(['000', '111', '011']);
    expect(top[2]).toMatchObject({ sum: 9, partialInconsistencies: 2 });
    expect(top.every((b) => !b.totallyInconsistent)).toBe(true);
  });
});

describe('top-n by branch-and-bound = full enumeration', () => {
  for (let seed = 1; seed <= 16; seed++) {
    const scale: ConsistencyScale = seed % 2 ? 'reibnitz' : 'gausemeier';
    const sizes = [[3, 3, 3, 3], [2, 4, 3, 2, 3], [3, 2, 3, 3, 2, 3]][seed % 3];
    it(`seed ${seed} (${scale}, ${sizes.join('x')})`, () => {
      const input = randomInput(seed, sizes, scale);
      const all = allBundles(input).filter((b) => !b.totallyInconsistent);
      for (const count of [1, 5, 20]) {
        const r = topBundles(input, { count });
        expect(r.bundles).toEqual(all.slice(0, count));
      }
    });
  }

  it('prunes: visits far fewer nodes than the space on a larger problem', () => {
    const input = randomInput(99, Array<number>(12).fill(3), 'gausemeier', true);
    const r = topBundles(input, { count: 10 });
    expect(r.space).toBe(3 ** 12);
    expect(r.bundles).toHaveLength(10);
    expect(r.nodes).toBeLessThan(r.space / 10);
  });
});

describe('clustering into raw scenarios', () => {
  const bundle = (p: number[]): Bundle => ({ projections: p, sum: 0, mean: 0, partialInconsistencies: 0, minPair: 0, totallyInconsistent: false });
  const groups = [
    [[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0]],
    [[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 0, 1], [1, 1, 1, 2, 0, 0]],
    [[2, 2, 2, 0, 2, 2], [2, 2, 2, 0, 2, 1], [2, 2, 1, 0, 2, 2]],
  ];
  const bundles = groups.flat().map(bundle);

  it('recovers three obvious groups and picks k = 3 by silhouette', () => {
    const r = clusterBundles(bundles);
    expect(r.k).toBe(3);
    expect(r.clusters.map((c) => c.members)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect(r.clusters[1].typical.map((t) => t.projection)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(r.clusters[1].typical[3].share).toBeCloseTo(2 / 3, 12);
    expect(r.clusters[0].representative).toBe(0);
    expect(r.silhouette).toBeGreaterThan(0.5);
    expect(clusterBundles(bundles, { k: 4 }).clusters).toHaveLength(4);
  });

  it('MDS places bundles on a line when their squared distances are one-dimensional', () => {
    const line = [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0]].map(bundle);
    const xy = mdsCoordinates(line);
    const xs = xy.map((p) => p[0]);
    for (let i = 1; i < 4; i++) expect(Math.abs(xs[i] - xs[i - 1])).toBeCloseTo(1, 6);
    for (const p of xy) expect(Math.abs(p[1])).toBeLessThan(1e-6);
  });
});

describe('input errors', () => {
  it('names the cell of an out-of-scale, asymmetric or missing rating', () => {
    const m = small.matrix.map((r) => r.slice());
    m[2][0] = 6;
    expect(() => topBundles({ ...small, matrix: m })).toThrow('Row 3, column 1 (Population: rising / Economy: growth): 6 is not a rating 1..5.');
    const asym = small.matrix.map((r) => r.slice());
    asym[0][2] = 4;
    expect(() => topBundles({ ...small, matrix: asym })).toThrow(/must be symmetric/);
    const miss = small.matrix.map((r) => r.slice());
    miss[5][3] = null;
    try {
      topBundles({ ...small, matrix: miss });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConsistencyInputError);
      expect((e as ConsistencyInputError).row).toBe(6);
      expect((e as ConsistencyInputError).column).toBe(4);
    }
    expect(() => topBundles({ ...small, factors: [small.factors[0], { name: 'Empty', projections: [] }] })).toThrow('Key factor "Empty" has no projections.');
  });
});
