import type { VoteMatrix } from './matrix.ts';
import type { Rng } from '../random.ts';

/** Options of the "which participants are clustered" rule. */
export interface InConvOptions {
  /** A participant is clustered once they voted on at least min(minVotes, n_statements) statements. Default 7. */
  minVotes?: number;
  /** Top up with the most active voters until at least this many are clustered. Default 15. */
  minParticipants?: number;
  /**
   * Sticky membership as in Polis: replay the votes in time order; whoever was clustered at some time stays
   * clustered. Default true. When false only the final vote counts decide.
   */
  sticky?: boolean;
}

/**
 * Which participants are clustered ("in conversation"), as row indices ascending. Polis' rule: at least
 * min(7, n_statements) votes; top up with the most active voters to at least 15; membership is sticky. The replay
 * only needs the early part of the history (until 15 participants and 7 statements have appeared); after that the
 * final vote counts decide. `previous` (row indices) are kept (incremental updates).
 */
export function selectInConv(m: VoteMatrix, options: InConvOptions = {}, previous: Iterable<number> = []): number[] {
  const minVotes = options.minVotes ?? 7;
  const minParticipants = options.minParticipants ?? 15;
  const sticky = options.sticky ?? true;
  const nRows = m.participantIds.length;
  const nCols = m.statementIds.length;
  const inConv = new Uint8Array(nRows);
  for (const r of previous) if (r >= 0 && r < nRows) inConv[r] = 1;
  const finalCount = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) finalCount[r] = m.rowPtr[r + 1]! - m.rowPtr[r]!;

  let size = 0;
  for (let r = 0; r < nRows; r++) size += inConv[r]!;
  const add = (r: number): void => {
    if (!inConv[r]) {
      inConv[r] = 1;
      size++;
    }
  };
  const topUp = (count: Int32Array, firstT: Float64Array, candidates: number[]): void => {
    if (size >= minParticipants) return;
    const pool = candidates.filter((r) => !inConv[r] && count[r]! > 0);
    pool.sort((a, b) => count[b]! - count[a]! || firstT[a]! - firstT[b]! || a - b);
    for (let i = 0; i < pool.length && size < minParticipants; i++) add(pool[i]!);
  };

  if (sticky && m.cols.length > 0) {
    // Time by which 15 distinct voters and 7 distinct statements have appeared.
    const pFirst = Array.from(m.participantFirstTime).sort((a, b) => a - b);
    const sFirst = new Float64Array(nCols).fill(Infinity);
    for (let q = 0; q < m.cols.length; q++) if (m.firstTime[q]! < sFirst[m.cols[q]!]!) sFirst[m.cols[q]!] = m.firstTime[q]!;
    const sSorted = Array.from(sFirst).filter(Number.isFinite).sort((a, b) => a - b);
    const tP = pFirst[Math.min(minParticipants, pFirst.length) - 1] ?? Infinity;
    const tS = sSorted[Math.min(minVotes, sSorted.length) - 1] ?? Infinity;
    const tStar = Math.max(tP, tS);
    const events: number[] = [];
    const rowOfCell = new Map<number, number>();
    for (let r = 0; r < nRows; r++) {
      if (m.participantFirstTime[r]! > tStar) continue;
      for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) if (m.firstTime[q]! <= tStar) {
        events.push(q);
        rowOfCell.set(q, r);
      }
    }
    events.sort((a, b) => m.firstTime[a]! - m.firstTime[b]! || a - b);
    const count = new Int32Array(nRows);
    const seenCol = new Uint8Array(nCols);
    const seenRows: number[] = [];
    let nSeenCols = 0;
    for (const q of events) {
      const r = rowOfCell.get(q)!;
      const c = m.cols[q]!;
      if (count[r] === 0) seenRows.push(r);
      count[r]!++;
      if (!seenCol[c]) {
        seenCol[c] = 1;
        nSeenCols++;
      }
      if (count[r]! >= Math.min(minVotes, nSeenCols)) add(r);
      topUp(count, m.participantFirstTime, seenRows);
    }
  }
  const threshold = Math.min(minVotes, nCols);
  for (let r = 0; r < nRows; r++) if (finalCount[r]! >= threshold && finalCount[r]! > 0) add(r);
  topUp(finalCount, m.participantFirstTime, Array.from({ length: nRows }, (_, r) => r));
  const out: number[] = [];
  for (let r = 0; r < nRows; r++) if (inConv[r]) out.push(r);
  return out;
}

/** Points in the plane with weights. */
export interface WeightedPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  w: ArrayLike<number>;
}

/** Result of a (weighted) k-means run. */
export interface KMeansResult {
  /** Cluster index of every point. */
  labels: Int32Array;
  /** Centres, k × 2. */
  cx: Float64Array;
  cy: Float64Array;
  /** Σ w·distance² to the assigned centre. */
  inertia: number;
  iterations: number;
}

/** First k pairwise-distinct points in the given order (Polis' naive initialisation). */
export function firstDistinct(p: WeightedPoints, k: number, order?: ArrayLike<number>): { cx: number[]; cy: number[] } {
  const cx: number[] = [];
  const cy: number[] = [];
  const n = p.x.length;
  const seen = new Set<string>();
  for (let i = 0; i < n && cx.length < k; i++) {
    const j = order ? order[i]! : i;
    const key = `${p.x[j]},${p.y[j]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cx.push(p.x[j]!);
    cy.push(p.y[j]!);
  }
  return { cx, cy };
}

/** Weighted k-means++ initialisation (seeded). */
export function kMeansPlusPlus(p: WeightedPoints, k: number, rnd: Rng): { cx: number[]; cy: number[] } {
  const n = p.x.length;
  const d = new Float64Array(n).fill(Infinity);
  const cx: number[] = [];
  const cy: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) total += p.w[i]!;
  let pick = 0;
  let u = rnd.next() * total;
  for (let i = 0; i < n; i++) {
    u -= p.w[i]!;
    if (u <= 0) {
      pick = i;
      break;
    }
  }
  while (cx.length < k) {
    cx.push(p.x[pick]!);
    cy.push(p.y[pick]!);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const dx = p.x[i]! - p.x[pick]!;
      const dy = p.y[i]! - p.y[pick]!;
      d[i] = Math.min(d[i]!, dx * dx + dy * dy);
      sum += d[i]! * p.w[i]!;
    }
    if (sum === 0) break;
    u = rnd.next() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= d[i]! * p.w[i]!;
      if (u <= 0) {
        pick = i;
        break;
      }
    }
  }
  return { cx, cy };
}

/**
 * Weighted Lloyd k-means in 2-D from the given centres. Stops when no centre moves more than `tolerance`
 * (0: when the assignment no longer changes) or after `maxIterations`. An empty cluster is re-seeded at the point
 * farthest from its centre, so k is kept whenever there are at least k distinct points.
 */
export function weightedKMeans(p: WeightedPoints, init: { cx: ArrayLike<number>; cy: ArrayLike<number> }, maxIterations = 100, tolerance = 0): KMeansResult {
  const n = p.x.length;
  const k = init.cx.length;
  const cx = Float64Array.from(init.cx);
  const cy = Float64Array.from(init.cy);
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sw = new Float64Array(k);
  let it = 0;
  // Hamerly-style bounds: upper = distance to the own centre, lower ≤ distance to every other centre. A point whose
  // own centre is strictly closer than the bound on all others keeps its label without scanning all k centres —
  // the result is exactly Lloyd's (ties still go to the lowest index through the full scan).
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const drift = new Float64Array(k);
  const oldX = new Float64Array(k);
  const oldY = new Float64Array(k);
  let maxDrift = Infinity;
  const assign = (): boolean => {
    let changed = false;
    const px = p.x;
    const py = p.y;
    for (let i = 0; i < n; i++) {
      const xi = px[i]!;
      const yi = py[i]!;
      const own = labels[i]!;
      if (own >= 0 && maxDrift < Infinity) {
        lower[i] = lower[i]! - maxDrift;
        const dx = xi - cx[own]!;
        const dy = yi - cy[own]!;
        const d2 = dx * dx + dy * dy;
        const d = Math.sqrt(d2);
        upper[i] = d;
        if (d < lower[i]!) {
          dist[i] = d2;
          continue;
        }
      }
      let best = 0;
      let bd = Infinity;
      let second = Infinity;
      for (let c = 0; c < k; c++) {
        const dx = xi - cx[c]!;
        const dy = yi - cy[c]!;
        const dd = dx * dx + dy * dy;
        if (dd < bd) {
          second = bd;
          bd = dd;
          best = c;
        } else if (dd < second) {
          second = dd;
        }
      }
      dist[i] = bd;
      upper[i] = Math.sqrt(bd);
      lower[i] = Math.sqrt(second);
      if (labels[i] !== best) {
        labels[i] = best;
        changed = true;
      }
    }
    return changed;
  };
  assign();
  for (; it < maxIterations; it++) {
    oldX.set(cx);
    oldY.set(cy);
    sx.fill(0);
    sy.fill(0);
    sw.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      const w = p.w[i]!;
      sx[c] += w * p.x[i]!;
      sy[c] += w * p.y[i]!;
      sw[c] += w;
    }
    let moved = 0;
    for (let c = 0; c < k; c++) {
      if (sw[c]! > 0) {
        const nx = sx[c]! / sw[c]!;
        const ny = sy[c]! / sw[c]!;
        moved = Math.max(moved, Math.abs(nx - cx[c]!), Math.abs(ny - cy[c]!));
        cx[c] = nx;
        cy[c] = ny;
      } else {
        // Re-seed an empty cluster at the farthest point (deterministic).
        let far = -1;
        for (let i = 0; i < n; i++) if (far < 0 || dist[i]! > dist[far]!) far = i;
        if (far >= 0 && dist[far]! > 0) {
          cx[c] = p.x[far]!;
          cy[c] = p.y[far]!;
          dist[far] = 0;
          moved = Infinity;
        }
      }
    }
    maxDrift = 0;
    for (let c = 0; c < k; c++) {
      drift[c] = Math.hypot(cx[c]! - oldX[c]!, cy[c]! - oldY[c]!);
      if (drift[c]! > maxDrift) maxDrift = drift[c]!;
    }
    // A tiny safety margin against rounding in the bound arithmetic.
    maxDrift = maxDrift * (1 + 1e-12) + 1e-15;
    const changed = assign();
    if (tolerance === 0 ? !changed : moved < tolerance) {
      it++;
      break;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += p.w[i]! * dist[i]!;
  return { labels, cx, cy, inertia, iterations: it };
}

/** Mean silhouette (Euclidean, unweighted mean over points; a point alone in its cluster scores 0). */
export function silhouette(x: ArrayLike<number>, y: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = x.length;
  if (n < 2) return 0;
  const sums = new Float64Array(k);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = x[i]! - x[j]!;
      const dy = y[i]! - y[j]!;
      sums[labels[j]!] += Math.sqrt(dx * dx + dy * dy);
    }
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (!Number.isFinite(b)) continue;
    const mx = Math.max(a, b);
    total += mx > 0 ? (b - a) / mx : 0;
  }
  return total / n;
}

/** Adjusted Rand index of two labelings of the same items (Hubert & Arabie 1985). 1 = identical partitions. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length) throw new RangeError(`adjustedRandIndex: labelings have different lengths (${n} and ${b.length})`);
  const pairs = (v: number): number => (v * (v - 1)) / 2;
  const table = new Map<string, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ca.set(a[i]!, (ca.get(a[i]!) ?? 0) + 1);
    cb.set(b[i]!, (cb.get(b[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sa = 0;
  for (const v of ca.values()) sa += pairs(v);
  let sb = 0;
  for (const v of cb.values()) sb += pairs(v);
  const total = pairs(n);
  if (total === 0) return 1;
  const expected = (sa * sb) / total;
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
