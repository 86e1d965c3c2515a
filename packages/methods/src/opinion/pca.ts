import type { VoteMatrix } from './matrix.ts';
import { createRng } from '../random.ts';

/**
 * Polis-style PCA of the vote matrix, in Polis' internal sign convention (agree = −1):
 * moderated-out columns are 0 for every participant (also for non-voters), missing votes are imputed with the column
 * mean of the observed entries, the matrix is centred, and the top two principal components are found by power
 * iteration (with deflation for the second). After centring the imputed entries are exactly 0, so the iteration only
 * touches the stored votes: O(iterations · votes).
 */
export interface PcaResult {
  /** Column means μ_j of the observed entries (agree = −1; moderated-out and unvoted columns 0). */
  center: number[];
  /** The two unit principal components (statement loadings). */
  comps: [number[], number[]];
  /** Power iterations used for each component. */
  iterations: [number, number];
}

/** Options of the power iteration. */
export interface PcaOptions {
  /** Stop when no loading changes by more than this between iterations. Default 1e-13. */
  tolerance?: number;
  /** Upper bound of iterations per component. Default 5000. */
  maxIterations?: number;
  /** Warm start: previous components (aligned to the same columns); also fixes the signs. */
  start?: [ArrayLike<number>, ArrayLike<number>];
  /** Seed for the random start vector when there is no warm start. */
  seed?: number;
}

/** Centred value of each stored cell (agree = −1 convention, moderated-out columns 0) and the column means. */
export interface CentredMatrix {
  center: Float64Array;
  values: Float64Array;
  /** Number of observed entries per row (stored votes on kept columns plus every moderated-out column). */
  observed: Int32Array;
}

/** Computes the column means and centred cell values (Polis: impute by column mean, then centre). */
export function centreMatrix(m: VoteMatrix): CentredMatrix {
  const nCols = m.statementIds.length;
  const nRows = m.participantIds.length;
  const sum = new Float64Array(nCols);
  const count = new Int32Array(nCols);
  for (let q = 0; q < m.cols.length; q++) {
    const c = m.cols[q]!;
    if (m.moderatedOut[c]) continue;
    sum[c] = sum[c]! - m.votes[q]!;
    count[c]!++;
  }
  const center = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) center[c] = count[c]! > 0 ? sum[c]! / count[c]! : 0;
  const values = new Float64Array(m.cols.length);
  let nMod = 0;
  for (let c = 0; c < nCols; c++) nMod += m.moderatedOut[c]!;
  const observed = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    let obs = nMod;
    for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) {
      const c = m.cols[q]!;
      if (m.moderatedOut[c]) continue;
      values[q] = -m.votes[q]! - center[c]!;
      obs++;
    }
    observed[r] = obs;
  }
  return { center, values, observed };
}

function normalise(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const norm = Math.sqrt(s);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
  return norm;
}

function orthogonalise(v: Float64Array, against: Float64Array): void {
  let d = 0;
  for (let i = 0; i < v.length; i++) d += v[i]! * against[i]!;
  for (let i = 0; i < v.length; i++) v[i] = v[i]! - d * against[i]!;
}

/** Sign rule: align with the warm start if given, else make the largest-magnitude loading positive. */
function fixSign(v: Float64Array, previous: ArrayLike<number> | undefined): void {
  let flip = false;
  if (previous) {
    let d = 0;
    for (let i = 0; i < v.length; i++) d += v[i]! * (previous[i] ?? 0);
    flip = d < 0;
  } else {
    let best = 0;
    for (let i = 0; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[best]!) + 1e-12) best = i;
    flip = v.length > 0 && v[best]! < 0;
  }
  if (flip) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
}

/** W = Cᵀ(C Q) for both columns of Q at once (one pass over the stored votes). */
function gram2(m: VoteMatrix, values: Float64Array, q0: Float64Array, q1: Float64Array, w0: Float64Array, w1: Float64Array): void {
  w0.fill(0);
  w1.fill(0);
  const rowPtr = m.rowPtr;
  const cols = m.cols;
  const nRows = rowPtr.length - 1;
  for (let r = 0; r < nRows; r++) {
    const a = rowPtr[r]!;
    const b = rowPtr[r + 1]!;
    let s0 = 0;
    let s1 = 0;
    for (let q = a; q < b; q++) {
      const v = values[q]!;
      const c = cols[q]!;
      s0 += v * q0[c]!;
      s1 += v * q1[c]!;
    }
    if (s0 !== 0 || s1 !== 0) {
      for (let q = a; q < b; q++) {
        const v = values[q]!;
        const c = cols[q]!;
        w0[c] += v * s0;
        w1[c] += v * s1;
      }
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Top-two principal components of the centred matrix by power iteration on the pair of vectors (orthogonal
 * "subspace" iteration with a Rayleigh–Ritz step, so two nearly equal leading eigenvalues — e.g. three symmetric
 * opinion groups — do not slow it down). Converges to the SVD up to sign.
 */
export function powerIterationPca(m: VoteMatrix, centred: CentredMatrix, options: PcaOptions = {}): PcaResult {
  const nCols = m.statementIds.length;
  const tol = options.tolerance ?? 1e-13;
  const maxIter = options.maxIterations ?? 5000;
  const rnd = createRng(options.seed ?? 1);
  const q0 = new Float64Array(nCols);
  const q1 = new Float64Array(nCols);
  const init = (q: Float64Array, k: number): void => {
    const start = options.start?.[k];
    let norm = 0;
    if (start) for (let i = 0; i < nCols; i++) {
      q[i] = start[i] ?? 0;
      norm += Math.abs(q[i]!);
    }
    if (!start || norm === 0) for (let i = 0; i < nCols; i++) q[i] = rnd.next() - 0.5;
  };
  init(q0, 0);
  init(q1, 1);
  normalise(q0);
  orthogonalise(q1, q0);
  if (normalise(q1) === 0) {
    for (let i = 0; i < nCols; i++) q1[i] = rnd.next() - 0.5;
    orthogonalise(q1, q0);
    normalise(q1);
  }
  const w0 = new Float64Array(nCols);
  const w1 = new Float64Array(nCols);
  const v0 = new Float64Array(nCols);
  const v1 = new Float64Array(nCols);
  const prev0 = new Float64Array(nCols);
  const prev1 = new Float64Array(nCols);
  let it = 0;
  let converged = false;
  for (; it < maxIter && !converged; it++) {
    gram2(m, centred.values, q0, q1, w0, w1);
    // Rayleigh–Ritz on span(q0, q1): H = Qᵀ W (2×2 symmetric), rotate by its eigenvectors (larger first).
    const h00 = dot(q0, w0);
    const h01 = (dot(q0, w1) + dot(q1, w0)) / 2;
    const h11 = dot(q1, w1);
    const theta = 0.5 * Math.atan2(2 * h01, h00 - h11);
    let c = Math.cos(theta);
    let s = Math.sin(theta);
    const l0 = c * c * h00 + 2 * c * s * h01 + s * s * h11;
    const l1 = s * s * h00 - 2 * c * s * h01 + c * c * h11;
    let u00 = c, u10 = s, u01 = -s, u11 = c;
    if (l1 > l0) {
      [u00, u01] = [u01, u00];
      [u10, u11] = [u11, u10];
    }
    for (let i = 0; i < nCols; i++) {
      v0[i] = q0[i]! * u00 + q1[i]! * u10;
      v1[i] = q0[i]! * u01 + q1[i]! * u11;
    }
    // Convergence of the Ritz vectors (up to sign).
    if (it > 0) {
      const s0 = dot(v0, prev0) < 0 ? -1 : 1;
      const s1 = dot(v1, prev1) < 0 ? -1 : 1;
      let change = 0;
      for (let i = 0; i < nCols; i++) change = Math.max(change, Math.abs(s0 * v0[i]! - prev0[i]!), Math.abs(s1 * v1[i]! - prev1[i]!));
      if (change < tol) converged = true;
    }
    prev0.set(v0);
    prev1.set(v1);
    if (converged) break;
    // Next basis: orthonormalised A·(Q U).
    for (let i = 0; i < nCols; i++) {
      const a = w0[i]! * u00 + w1[i]! * u10;
      const b = w0[i]! * u01 + w1[i]! * u11;
      q0[i] = a;
      q1[i] = b;
    }
    c = normalise(q0);
    orthogonalise(q1, q0);
    s = normalise(q1);
    if (c === 0) {
      q0.fill(0);
      q1.fill(0);
      prev0.fill(0);
      prev1.fill(0);
      break;
    }
    if (s === 0) {
      // Rank one: the second component is 0.
      gram2(m, centred.values, q0, q1, w0, w1);
      prev0.set(q0);
      prev1.fill(0);
      break;
    }
  }
  fixSign(prev0, options.start?.[0]);
  fixSign(prev1, options.start?.[1]);
  return { center: Array.from(centred.center), comps: [Array.from(prev0), Array.from(prev1)], iterations: [it + 1, it + 1] };
}

/** Participant projections (sparsity-aware, as in Polis): p_i = √(n_cmts / max(n_observed_i, 1)) · Σ_j c_ij · pc_j. */
export function projectParticipants(m: VoteMatrix, centred: CentredMatrix, comps: [ArrayLike<number>, ArrayLike<number>]): { x: Float64Array; y: Float64Array } {
  const nRows = m.participantIds.length;
  const nCols = m.statementIds.length;
  const x = new Float64Array(nRows);
  const y = new Float64Array(nRows);
  const [c0, c1] = comps;
  for (let r = 0; r < nRows; r++) {
    let a = 0;
    let b = 0;
    for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) {
      const c = m.cols[q]!;
      const v = centred.values[q]!;
      a += v * c0[c]!;
      b += v * c1[c]!;
    }
    const scale = Math.sqrt(nCols / Math.max(centred.observed[r]!, 1));
    x[r] = a * scale;
    y[r] = b * scale;
  }
  return { x, y };
}

/**
 * Statement projection and extremity: the projection of a virtual participant who agreed (−1 internally) with only
 * statement j, (−1 − μ_j) · pc_j · √n_cmts, and its Euclidean length.
 */
export function statementProjection(center: ArrayLike<number>, comps: [ArrayLike<number>, ArrayLike<number>]): { projection: [number[], number[]]; extremity: number[] } {
  const n = center.length;
  const root = Math.sqrt(n);
  const px: number[] = [];
  const py: number[] = [];
  const ext: number[] = [];
  for (let j = 0; j < n; j++) {
    const f = (-1 - center[j]!) * root;
    const a = f * comps[0][j]!;
    const b = f * comps[1][j]!;
    px.push(a);
    py.push(b);
    ext.push(Math.sqrt(a * a + b * b));
  }
  return { projection: [px, py], extremity: ext };
}
