import { describe, expect, it } from 'vitest';
import { buildVoteMatrix, centreMatrix, plantedConversation, powerIterationPca, projectParticipants, statementProjection } from '../../src/opinion/index.ts';
import { maxDiff } from './fixtures.ts';

/** Dense reference: Jacobi eigen-decomposition of the covariance matrix. */
function denseTopTwo(rows: number[][]): number[][] {
  const n = rows[0]!.length;
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) {
      if (Math.abs(a[p]![q]!) < 1e-300) continue;
      const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < n; k++) {
        const akp = a[k]![p]!, akq = a[k]![q]!;
        a[k]![p] = c * akp - s * akq;
        a[k]![q] = s * akp + c * akq;
      }
      for (let k = 0; k < n; k++) {
        const apk = a[p]![k]!, aqk = a[q]![k]!;
        a[p]![k] = c * apk - s * aqk;
        a[q]![k] = s * apk + c * aqk;
      }
      for (let k = 0; k < n; k++) {
        const vkp = v[k]![p]!, vkq = v[k]![q]!;
        v[k]![p] = c * vkp - s * vkq;
        v[k]![q] = s * vkp + c * vkq;
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]!);
  return order.slice(0, 2).map((i) => v.map((row) => row[i]!));
}

describe('PCA by power iteration', () => {
  const planted = plantedConversation({ participants: 60, statements: 12, density: 0.6, groups: 3, seed: 7 });
  const m = buildVoteMatrix({ statements: planted.statements, votes: planted.votes });
  const centred = centreMatrix(m);

  it('matches a dense eigen-decomposition of the imputed, centred matrix (up to sign)', () => {
    const dense: number[][] = [];
    for (let r = 0; r < m.participantIds.length; r++) {
      const row = new Array<number>(m.statementIds.length).fill(0);
      for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) row[m.cols[q]!] = centred.values[q]!;
      dense.push(row);
    }
    const ref = denseTopTwo(dense);
    const pca = powerIterationPca(m, centred, { seed: 3 });
    for (const k of [0, 1]) {
      const sign = pca.comps[k]!.reduce((s, x, i) => s + x * ref[k]![i]!, 0) < 0 ? -1 : 1;
      expect(maxDiff(pca.comps[k]!.map((x) => sign * x), ref[k]!)).toBeLessThan(1e-9);
    }
  });

  it('is deterministic, fixes the sign, and a warm start converges at once', () => {
    const a = powerIterationPca(m, centred, { seed: 1 });
    const b = powerIterationPca(m, centred, { seed: 99 });
    expect(maxDiff(a.comps[0], b.comps[0])).toBeLessThan(1e-9);
    expect(maxDiff(a.comps[1], b.comps[1])).toBeLessThan(1e-9);
    const warm = powerIterationPca(m, centred, { start: [a.comps[0].map((x) => -x), a.comps[1]] });
    expect(warm.iterations[0]).toBeLessThanOrEqual(3);
    expect(maxDiff(warm.comps[0], a.comps[0].map((x) => -x))).toBeLessThan(1e-9);
  });

  it('projects participants sparsity-aware and statements as a single agree', () => {
    const pca = powerIterationPca(m, centred);
    const p = projectParticipants(m, centred, pca.comps);
    const r = 4;
    let x = 0;
    for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) x += centred.values[q]! * pca.comps[0][m.cols[q]!]!;
    x *= Math.sqrt(m.statementIds.length / centred.observed[r]!);
    expect(p.x[r]).toBeCloseTo(x, 12);
    const sp = statementProjection(pca.center, pca.comps);
    const j = 3;
    const f = (-1 - pca.center[j]!) * Math.sqrt(m.statementIds.length);
    expect(sp.projection[0][j]).toBeCloseTo(f * pca.comps[0][j]!, 12);
    expect(sp.extremity[j]).toBeCloseTo(Math.hypot(f * pca.comps[0][j]!, f * pca.comps[1][j]!), 12);
  });
});
