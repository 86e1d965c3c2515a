// Consistency analysis (von Reibnitz 1992, Szenario-Technik; Gausemeier et al., Szenario-Management):
// pairwise consistency of projections of different key factors, ranking of projection bundles by branch-and-bound,
// and clustering of the best bundles into raw scenarios. Definitions: docs/methods/cib.md, section 3.

/** Malformed consistency-matrix input; the message names the factor, row or column (1-based). */
export class ConsistencyInputError extends Error {
  readonly row: number | undefined;
  readonly column: number | undefined;
  readonly factor: string | undefined;
  constructor(message: string, location: { row?: number; column?: number; factor?: string } = {}) {
    super(message);
    this.name = 'ConsistencyInputError';
    this.row = location.row;
    this.column = location.column;
    this.factor = location.factor;
  }
}

/**
 * Rating scales: von Reibnitz −2..+2 (−2 totally inconsistent, −1 partially inconsistent, 0 neutral, +1 supporting,
 * +2 strongly supporting); Gausemeier 1..5 (1 total inconsistency, 2 partial inconsistency, 3 neutral, 4 favourable,
 * 5 strongly supporting).
 */
export type ConsistencyScale = 'reibnitz' | 'gausemeier';

const SCALES = {
  reibnitz: { min: -2, max: 2, total: -2, partial: -1 },
  gausemeier: { min: 1, max: 5, total: 1, partial: 2 },
} as const;

/** A key factor with its projections (possible future developments). */
export interface KeyFactor {
  name: string;
  projections: string[];
}

/**
 * The consistency matrix: square over all projections of all factors (in factor order). Only pairs of projections of
 * different factors are read. The matrix is symmetric; giving only the lower triangle (upper cells null) is enough.
 */
export interface ConsistencyInput {
  factors: KeyFactor[];
  matrix: (number | null | undefined)[][];
  scale: ConsistencyScale;
}

/** A projection bundle (one projection per factor, 0-based) with its metrics. */
export interface Bundle {
  projections: number[];
  /** Consistency sum S over all unordered pairs of factors. */
  sum: number;
  /** S divided by the number of pairs. */
  mean: number;
  /** Number of partially inconsistent pairs (−1 resp. 2). */
  partialInconsistencies: number;
  /** Smallest pair value. */
  minPair: number;
  /** True if some pair is totally inconsistent (−2 resp. 1); such bundles are excluded from rankings. */
  totallyInconsistent: boolean;
}

/** The validated input in typed arrays. */
interface Compiled {
  K: number;
  P: number;
  sizes: number[];
  offsets: number[];
  owner: number[];
  m: Float64Array;
  total: number;
  partial: number;
}

function compile(input: ConsistencyInput): Compiled {
  const scale = SCALES[input.scale];
  if (!scale) throw new ConsistencyInputError(`Unknown scale ${JSON.stringify(input.scale)}; use "reibnitz" (−2..+2) or "gausemeier" (1..5).`);
  if (!Array.isArray(input.factors) || input.factors.length < 2) throw new ConsistencyInputError('A consistency analysis needs at least two key factors.');
  const sizes: number[] = [];
  const offsets = [0];
  const owner: number[] = [];
  input.factors.forEach((f, k) => {
    if (!Array.isArray(f.projections) || f.projections.length === 0) throw new ConsistencyInputError(`Key factor "${f.name}" has no projections.`, { factor: f.name });
    sizes.push(f.projections.length);
    offsets.push(offsets[k] + f.projections.length);
    for (let p = 0; p < f.projections.length; p++) owner.push(k);
  });
  const P = offsets[offsets.length - 1];
  const K = sizes.length;
  if (!Array.isArray(input.matrix) || input.matrix.length !== P) {
    throw new ConsistencyInputError(`The matrix has ${Array.isArray(input.matrix) ? input.matrix.length : 0} rows, but the factors have ${P} projections in total.`);
  }
  const label = (i: number) => `${input.factors[owner[i]].name}: ${input.factors[owner[i]].projections[i - offsets[owner[i]]]}`;
  input.matrix.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== P) throw new ConsistencyInputError(`Row ${r + 1} (${label(r)}) has ${Array.isArray(row) ? row.length : 0} values, expected ${P}.`, { row: r + 1 });
  });
  const m = new Float64Array(P * P);
  for (let r = 0; r < P; r++) {
    for (let c = 0; c < r; c++) {
      if (owner[r] === owner[c]) continue;
      const lo = input.matrix[r][c];
      const up = input.matrix[c][r];
      const has = (v: unknown) => v !== null && v !== undefined;
      if (!has(lo) && !has(up)) throw new ConsistencyInputError(`Row ${r + 1}, column ${c + 1}: the pair ${label(r)} / ${label(c)} is not rated.`, { row: r + 1, column: c + 1 });
      if (has(lo) && has(up) && lo !== up) {
        throw new ConsistencyInputError(`Row ${r + 1}, column ${c + 1}: ${lo} differs from the mirrored cell (row ${c + 1}, column ${r + 1}: ${up}); the matrix must be symmetric.`, { row: r + 1, column: c + 1 });
      }
      const v = (has(lo) ? lo : up) as number;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < scale.min || v > scale.max) {
        throw new ConsistencyInputError(`Row ${r + 1}, column ${c + 1} (${label(r)} / ${label(c)}): ${JSON.stringify(v)} is not a rating ${scale.min}..${scale.max}.`, { row: r + 1, column: c + 1 });
      }
      m[r * P + c] = m[c * P + r] = v;
    }
  }
  return { K, P, sizes, offsets, owner, m, total: scale.total, partial: scale.partial };
}

function bundleOf(c: Compiled, z: readonly number[]): Bundle {
  let sum = 0, partial = 0, min = Infinity, total = false;
  for (let f = 0; f < c.K; f++) for (let g = f + 1; g < c.K; g++) {
    const v = c.m[(c.offsets[f] + z[f]) * c.P + c.offsets[g] + z[g]];
    sum += v;
    if (v === c.partial) partial++;
    if (v === c.total) total = true;
    if (v < min) min = v;
  }
  const pairs = (c.K * (c.K - 1)) / 2;
  return { projections: [...z], sum, mean: sum / pairs, partialInconsistencies: partial, minPair: min, totallyInconsistent: total };
}

/** Evaluates one bundle (0-based projection per factor). */
export function evaluateBundle(input: ConsistencyInput, projections: readonly number[]): Bundle {
  const c = compile(input);
  if (projections.length !== c.K || projections.some((p, f) => !Number.isInteger(p) || p < 0 || p >= c.sizes[f])) {
    throw new ConsistencyInputError(`A bundle needs one projection (0-based) per factor, within the projections of each factor.`);
  }
  return bundleOf(c, projections);
}

/** Ranking order: sum (desc), then partial inconsistencies (asc), then projections lexicographically. */
export function compareBundles(a: Bundle, b: Bundle): number {
  if (a.sum !== b.sum) return b.sum - a.sum;
  if (a.partialInconsistencies !== b.partialInconsistencies) return a.partialInconsistencies - b.partialInconsistencies;
  for (let i = 0; i < a.projections.length; i++) if (a.projections[i] !== b.projections[i]) return a.projections[i] - b.projections[i];
  return 0;
}

/** Result of `topBundles`. */
export interface TopBundlesResult {
  /** The best bundles without a totally inconsistent pair, in ranking order. */
  bundles: Bundle[];
  /** Number of bundles (Π projections). */
  space: number;
  /** Search nodes visited by the branch-and-bound. */
  nodes: number;
}

/**
 * The `count` best projection bundles (default 20) without a totally inconsistent pair, ranked by consistency sum
 * (ties: fewer partial inconsistencies first), found exactly by branch-and-bound: a partial bundle is dropped when its
 * sum plus the most the remaining factors can still add cannot reach the current n-th best sum.
 */
export function topBundles(input: ConsistencyInput, options: { count?: number } = {}): TopBundlesResult {
  const c = compile(input);
  const count = options.count ?? 20;
  if (!Number.isInteger(count) || count < 1) throw new ConsistencyInputError(`count must be a positive integer, got ${count}.`);
  const { K, P, sizes, offsets, m } = c;
  // best possible value of every pair of factors
  const pairMax = new Float64Array(K * K);
  for (let f = 0; f < K; f++) for (let g = 0; g < K; g++) {
    if (f === g) continue;
    let best = -Infinity;
    for (let a = 0; a < sizes[f]; a++) for (let b = 0; b < sizes[g]; b++) best = Math.max(best, m[(offsets[f] + a) * P + offsets[g] + b]);
    pairMax[f * K + g] = best;
  }
  const z = new Array<number>(K).fill(0);
  const best: Bundle[] = [];
  let nodes = 0;
  const threshold = () => (best.length < count ? -Infinity : best[best.length - 1].sum);
  const rec = (f: number, sum: number): void => {
    if (f === K) {
      const b = bundleOf(c, z);
      if (best.length < count || compareBundles(b, best[best.length - 1]) < 0) {
        let i = best.length;
        while (i > 0 && compareBundles(b, best[i - 1]) < 0) i--;
        best.splice(i, 0, b);
        if (best.length > count) best.pop();
      }
      return;
    }
    for (let a = 0; a < sizes[f]; a++) {
      nodes++;
      const row = (offsets[f] + a) * P;
      let add = 0;
      let ok = true;
      for (let g = 0; g < f; g++) {
        const v = m[row + offsets[g] + z[g]];
        if (v === c.total) { ok = false; break; }
        add += v;
      }
      if (!ok) continue;
      z[f] = a;
      // bound: the best each remaining factor can add to the assigned ones (skipping totally inconsistent
      // projections) plus the best value of every pair of remaining factors
      let bound = sum + add;
      let feasible = true;
      for (let h = f + 1; h < K && feasible; h++) {
        let bestLink = -Infinity;
        for (let b = 0; b < sizes[h]; b++) {
          const r = (offsets[h] + b) * P;
          let s = 0;
          let fine = true;
          for (let g = 0; g <= f; g++) { const v = m[r + offsets[g] + z[g]]; if (v === c.total) { fine = false; break; } s += v; }
          if (fine && s > bestLink) bestLink = s;
        }
        if (bestLink === -Infinity) feasible = false;
        bound += bestLink;
        for (let h2 = h + 1; h2 < K; h2++) bound += pairMax[h * K + h2];
      }
      if (!feasible || bound < threshold()) continue;
      rec(f + 1, sum + add);
    }
  };
  rec(0, 0);
  return { bundles: best, space: sizes.reduce((s, x) => s * x, 1), nodes };
}

/** Every bundle (for small spaces and checks), including totally inconsistent ones, in ranking order. */
export function allBundles(input: ConsistencyInput, options: { limit?: number } = {}): Bundle[] {
  const c = compile(input);
  const space = c.sizes.reduce((s, x) => s * x, 1);
  const limit = options.limit ?? 1_000_000;
  if (space > limit) throw new ConsistencyInputError(`The space has ${space} bundles, more than the limit ${limit}; use topBundles.`);
  const out: Bundle[] = [];
  const z = new Array<number>(c.K).fill(0);
  for (let n = 0; n < space; n++) {
    out.push(bundleOf(c, z));
    for (let f = c.K - 1; f >= 0; f--) { if (++z[f] < c.sizes[f]) break; z[f] = 0; }
  }
  return out.sort(compareBundles);
}

/** A raw scenario: a cluster of similar bundles. */
export interface RawScenario {
  /** Indices into the bundle list given to `clusterBundles`. */
  members: number[];
  /** The member with the best ranking (lowest index). */
  representative: number;
  /** Per factor: how many members carry each projection. */
  profile: number[][];
  /** Per factor: the most frequent projection (lowest index on ties) and its share of the members. */
  typical: { projection: number; share: number }[];
}

/** Result of `clusterBundles`. */
export interface ClusterResult {
  clusters: RawScenario[];
  /** Number of clusters chosen. */
  k: number;
  /** Mean silhouette of the chosen clustering (Hamming distance). */
  silhouette: number;
}

function hamming(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

function silhouette(dist: Float64Array, n: number, labels: number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Map<number, [number, number]>();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const e = sums.get(labels[j]) ?? [0, 0];
      e[0] += dist[i * n + j];
      e[1]++;
      sums.set(labels[j], e);
    }
    const own = sums.get(labels[i]);
    if (!own) continue; // singleton: silhouette 0
    const a = own[0] / own[1];
    let b = Infinity;
    for (const [l, [s, c]] of sums) if (l !== labels[i]) b = Math.min(b, s / c);
    if (b === Infinity) continue;
    const den = Math.max(a, b);
    total += den === 0 ? 0 : (b - a) / den;
  }
  return total / n;
}

/**
 * Clusters bundles (e.g. the top 20–50) into raw scenarios by average-linkage hierarchical clustering on the Hamming
 * distance (number of factors with different projections). `k` fixes the number of clusters; by default the k in
 * 3..6 with the best mean silhouette is chosen (ties: fewer clusters). Deterministic.
 */
export function clusterBundles(bundles: readonly Bundle[], options: { k?: number; kRange?: [number, number] } = {}): ClusterResult {
  const n = bundles.length;
  if (n === 0) return { clusters: [], k: 0, silhouette: 0 };
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) dist[i * n + j] = dist[j * n + i] = hamming(bundles[i].projections, bundles[j].projections);
  // agglomerative clustering, recording the partition at every number of clusters
  let clusters: number[][] = bundles.map((_, i) => [i]);
  const partitions = new Map<number, number[][]>();
  partitions.set(n, clusters.map((c) => c.slice()));
  const avg = (a: number[], b: number[]) => { let s = 0; for (const i of a) for (const j of b) s += dist[i * n + j]; return s / (a.length * b.length); };
  while (clusters.length > 1) {
    let bi = 0, bj = 1, bd = Infinity;
    for (let i = 0; i < clusters.length; i++) for (let j = i + 1; j < clusters.length; j++) {
      const d = avg(clusters[i], clusters[j]);
      if (d < bd - 1e-12) { bd = d; bi = i; bj = j; }
    }
    const merged = [...clusters[bi], ...clusters[bj]].sort((x, y) => x - y);
    clusters = clusters.filter((_, t) => t !== bi && t !== bj);
    clusters.push(merged);
    clusters.sort((x, y) => x[0] - y[0]);
    partitions.set(clusters.length, clusters.map((c) => c.slice()));
  }
  const labelsOf = (part: number[][]) => { const l = new Array<number>(n); part.forEach((c, t) => c.forEach((i) => { l[i] = t; })); return l; };
  let k: number;
  if (options.k !== undefined) {
    if (!Number.isInteger(options.k) || options.k < 1) throw new ConsistencyInputError(`k must be a positive integer, got ${options.k}.`);
    k = Math.min(options.k, n);
  } else {
    const [lo, hi] = options.kRange ?? [3, 6];
    k = Math.min(lo, n);
    let bestS = -Infinity;
    for (let t = Math.min(lo, n); t <= Math.min(hi, n); t++) {
      const s = silhouette(dist, n, labelsOf(partitions.get(t)!));
      if (s > bestS + 1e-12) { bestS = s; k = t; }
    }
  }
  const part = partitions.get(k)!;
  const K = bundles[0].projections.length;
  const sizes = new Array<number>(K).fill(0);
  for (const b of bundles) b.projections.forEach((p, f) => { sizes[f] = Math.max(sizes[f], p + 1); });
  const result: RawScenario[] = part.map((members) => {
    const profile = sizes.map((s) => new Array<number>(s).fill(0));
    for (const i of members) bundles[i].projections.forEach((p, f) => { profile[f][p]++; });
    const typical = profile.map((counts) => {
      let p = 0;
      for (let t = 1; t < counts.length; t++) if (counts[t] > counts[p]) p = t;
      return { projection: p, share: counts[p] / members.length };
    });
    return { members, representative: members[0], profile, typical };
  });
  return { clusters: result, k, silhouette: silhouette(dist, n, labelsOf(part)) };
}

/**
 * Classical multidimensional scaling of bundles into 2-D (for a map of the raw scenarios): double-centred squared
 * Hamming distances, the two leading eigenvectors by deterministic power iteration.
 */
export function mdsCoordinates(bundles: readonly Bundle[]): [number, number][] {
  const n = bundles.length;
  if (n === 0) return [];
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { const d = hamming(bundles[i].projections, bundles[j].projections); B[i * n + j] = -0.5 * d * d; }
  const rowMean = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) rowMean[i] += B[i * n + j]; rowMean[i] /= n; all += rowMean[i]; }
  all /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) B[i * n + j] += all - rowMean[i] - rowMean[j];
  // shift by the Gershgorin bound so the leading eigenvalues are the largest positive ones
  let g = 0;
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += Math.abs(B[i * n + j]); g = Math.max(g, s); }
  for (let i = 0; i < n; i++) B[i * n + i] += g;
  const coords: [number, number][] = bundles.map(() => [0, 0]);
  for (let dim = 0; dim < 2; dim++) {
    let v = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 13) / 13);
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += B[i * n + j] * v[j]; w[i] = s; }
      const norm = Math.hypot(...w);
      if (norm < 1e-12) { lambda = 0; break; }
      for (let i = 0; i < n; i++) w[i] /= norm;
      lambda = norm;
      const diff = w.reduce((s, x, i) => s + Math.abs(x - v[i]), 0);
      v = w;
      if (diff < 1e-12) break;
    }
    // fix the sign so that the first non-zero component is positive
    const first = v.find((x) => Math.abs(x) > 1e-9) ?? 1;
    const sign = first < 0 ? -1 : 1;
    const scale = Math.sqrt(Math.max(lambda - g, 0));
    for (let i = 0; i < n; i++) coords[i][dim] = sign * v[i] * scale;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) B[i * n + j] -= lambda * v[i] * v[j];
  }
  return coords;
}
