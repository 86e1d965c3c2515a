import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  buildVoteMatrix,
  createRng,
  firstDistinct,
  kMeansPlusPlus,
  selectInConv,
  silhouette,
  weightedKMeans,
} from '../../src/opinion/index.ts';

describe('adjusted Rand index', () => {
  it('is 1 for identical partitions up to renaming, and matches a hand-computed value', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBe(1);
    // Contingency [[2,1],[0,2]]: index 2, rows 3+1=4 (pairs: 3,1), cols (2,3): 1+3=4; expected 4·4/10=1.6, max 4.
    expect(adjustedRandIndex([0, 0, 0, 1, 1], [0, 0, 1, 1, 1])).toBeCloseTo((2 - 1.6) / (4 - 1.6), 12);
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(RangeError);
  });
});

describe('k-means and silhouette', () => {
  const x = [0, 0.1, 0.2, 10, 10.1, 10.2];
  const y = [0, 0.1, 0, 5, 5.1, 5];
  it('weighted k-means moves centres to weighted means', () => {
    const res = weightedKMeans({ x, y, w: [1, 1, 2, 1, 1, 1] }, { cx: [0, 10], cy: [0, 5] });
    expect(Array.from(res.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(res.cx[0]).toBeCloseTo((0 + 0.1 + 0.4) / 4, 12);
    expect(res.cy[1]).toBeCloseTo(15.1 / 3, 12);
  });
  it('re-seeds an empty cluster instead of losing it', () => {
    const res = weightedKMeans({ x, y, w: [1, 1, 1, 1, 1, 1] }, { cx: [5, 100], cy: [2.5, 100] });
    expect(new Set(res.labels).size).toBe(2);
  });
  it('silhouette is high for separated clusters and 0 for singletons', () => {
    expect(silhouette(x, y, [0, 0, 0, 1, 1, 1], 2)).toBeGreaterThan(0.95);
    expect(silhouette(x, y, [0, 1, 0, 1, 0, 1], 2)).toBeLessThan(0);
    expect(silhouette([0, 1], [0, 0], [0, 1], 2)).toBe(0);
  });
  it('first-distinct skips duplicates; k-means++ is deterministic per seed', () => {
    expect(firstDistinct({ x: [1, 1, 2, 3], y: [0, 0, 0, 0], w: [1, 1, 1, 1] }, 2)).toEqual({ cx: [1, 2], cy: [0, 0] });
    const p = { x, y, w: [1, 1, 1, 1, 1, 1] };
    expect(kMeansPlusPlus(p, 2, createRng(5))).toEqual(kMeansPlusPlus(p, 2, createRng(5)));
  });
});

describe('clustered participants (in-conv)', () => {
  const votes = [];
  // 20 participants; participant p votes on p % 10 statements (participant 0: none → absent), 12 statements.
  let t = 0;
  for (let p = 1; p < 20; p++) for (let s = 0; s < (p % 10) ; s++) votes.push({ participant: p, statement: s, vote: 1, time: t++ });
  const m = buildVoteMatrix({ votes });
  it('takes everyone with ≥ min(7, n) votes and tops up with the most active to 15 (non-sticky)', () => {
    const ids = selectInConv(m, { sticky: false }).map((r) => m.participantIds[r]!);
    // Counts: 7,8,9 and 17,18,19 qualify; top up by count: 6,16 (6 votes), 5,15, 4,14, 3,13, 2 …
    expect(ids.length).toBe(15);
    for (const p of [7, 8, 9, 17, 18, 19, 6, 16, 5, 15]) expect(ids).toContain(p);
    expect(ids).not.toContain(1);
  });
  it('is sticky: early participants stay when replaying the history', () => {
    const sticky = selectInConv(m).map((r) => m.participantIds[r]!);
    // Early on, few statements exist: participant 1 (1 vote) was clustered while only one statement had votes.
    expect(sticky).toContain(1);
    expect(sticky.length).toBeGreaterThan(15);
    const prev = selectInConv(m, { sticky: false }, [m.participantIds.indexOf(11)]).map((r) => m.participantIds[r]!);
    expect(prev).toContain(11);
  });
});
