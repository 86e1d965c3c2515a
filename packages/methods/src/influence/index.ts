// Vester's influence matrix ("Papiercomputer") and Godet's MICMAC indirect influence.
// F. Vester, Die Kunst vernetzt zu denken; M. Godet, MICMAC. Definitions: docs/methods/cib.md, section 2.

/** Malformed influence-matrix input; the message names the factor, row or column (1-based). */
export class InfluenceInputError extends Error {
  readonly row: number | undefined;
  readonly column: number | undefined;
  readonly factor: string | undefined;
  constructor(message: string, location: { row?: number; column?: number; factor?: string } = {}) {
    super(message);
    this.name = 'InfluenceInputError';
    this.row = location.row;
    this.column = location.column;
    this.factor = location.factor;
  }
}

/**
 * An influence matrix: `matrix[i][j]` = effect of factor i on factor j, rated 0 (none), 1 (weak), 2 (medium),
 * 3 (strong). The diagonal is empty (null, undefined or 0). A rating not (yet) given is null/undefined: it is reported
 * as missing, never guessed.
 */
export interface InfluenceInput {
  factors: string[];
  matrix: (number | null | undefined)[][];
  /** Highest rating (default 3). */
  scaleMax?: number;
}

/** Vester's roles: active (drives the system), reactive (driven), critical (both), buffering (neither). */
export type InfluenceRole = 'active' | 'reactive' | 'critical' | 'buffering';

/** How the thresholds between "high" and "low" sums are set. */
export type ThresholdConvention =
  /** The means of the active sums and of the passive sums (most tools). */
  | 'mean'
  /** The midpoint of the attainable range of a sum, scaleMax·(n−1)/2 for both axes. */
  | 'midpoint'
  /** Explicit thresholds. */
  | { active: number; passive: number };

/** The figures of one factor. */
export interface FactorFigures {
  name: string;
  /** AS = row sum: how strongly the factor influences the others. */
  activeSum: number;
  /** PS = column sum: how strongly the others influence the factor. */
  passiveSum: number;
  /** P = AS·PS: involvement (criticality). */
  product: number;
  /** Q = AS/PS; null when PS = 0 (undefined; the factor is influenced by nothing). */
  quotient: number | null;
  /** Q·100 as Vester reports it; null when PS = 0. */
  quotient100: number | null;
  role: InfluenceRole;
  /** Number of missing ratings in the factor's row and column; its sums are then lower bounds. */
  missingRatings: number;
}

/** A rating that was not given. Indices are 0-based; `from`/`to` are the factor names. */
export interface MissingRating {
  row: number;
  column: number;
  from: string;
  to: string;
}

/** Result of `analyseInfluence`. */
export interface InfluenceResult {
  factors: FactorFigures[];
  thresholds: { active: number; passive: number; convention: 'mean' | 'midpoint' | 'explicit' };
  /** Missing ratings, row by row. */
  missing: MissingRating[];
  /** True if every off-diagonal rating is given. */
  complete: boolean;
  /** Σ AS = Σ PS. */
  total: number;
}

/** Validates the input and returns the ratings (NaN for missing). Throws `InfluenceInputError`. */
function readMatrix(input: InfluenceInput): { n: number; a: Float64Array; missing: MissingRating[] } {
  const { factors, matrix } = input;
  const max = input.scaleMax ?? 3;
  if (!Array.isArray(factors) || factors.length === 0) throw new InfluenceInputError('The influence matrix has no factors.');
  const n = factors.length;
  if (!Array.isArray(matrix) || matrix.length !== n) {
    throw new InfluenceInputError(`The matrix has ${Array.isArray(matrix) ? matrix.length : 0} rows for ${n} factors; it must be square.`);
  }
  const seen = new Set<string>();
  for (const f of factors) {
    if (seen.has(f)) throw new InfluenceInputError(`Factor "${f}" appears twice.`, { factor: f });
    seen.add(f);
  }
  const a = new Float64Array(n * n);
  const missing: MissingRating[] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== n) {
      throw new InfluenceInputError(`Row ${i + 1} ("${factors[i]}") has ${Array.isArray(row) ? row.length : 0} ratings, expected ${n}.`, { row: i + 1, factor: factors[i] });
    }
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (i === j) {
        if (v !== null && v !== undefined && v !== 0) {
          throw new InfluenceInputError(`Row ${i + 1}, column ${j + 1}: "${factors[i]}" cannot influence itself (the diagonal stays empty), got ${v}.`, { row: i + 1, column: j + 1, factor: factors[i] });
        }
        continue;
      }
      if (v === null || v === undefined) {
        a[i * n + j] = NaN;
        missing.push({ row: i, column: j, from: factors[i], to: factors[j] });
        continue;
      }
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
        throw new InfluenceInputError(
          `Row ${i + 1}, column ${j + 1} ("${factors[i]}" → "${factors[j]}"): ${JSON.stringify(v)} is not a rating 0..${max}.`,
          { row: i + 1, column: j + 1, factor: factors[i] },
        );
      }
      a[i * n + j] = v;
    }
  }
  return { n, a, missing };
}

/**
 * Vester's paper computer: active sum, passive sum, product, quotient and role of every factor. Missing ratings are
 * left out of the sums and listed in `missing`; the threshold convention is selectable (default: means).
 * A factor exactly on a threshold counts as "low" on that axis.
 */
export function analyseInfluence(input: InfluenceInput, options: { threshold?: ThresholdConvention } = {}): InfluenceResult {
  const { n, a, missing } = readMatrix(input);
  const max = input.scaleMax ?? 3;
  const as = new Float64Array(n);
  const ps = new Float64Array(n);
  const miss = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = a[i * n + j];
      if (Number.isNaN(v)) { miss[i]++; miss[j]++; continue; }
      as[i] += v;
      ps[j] += v;
    }
  }
  const conv = options.threshold ?? 'mean';
  let tA: number, tP: number, convention: 'mean' | 'midpoint' | 'explicit';
  if (conv === 'mean') {
    tA = as.reduce((s, x) => s + x, 0) / n;
    tP = ps.reduce((s, x) => s + x, 0) / n;
    convention = 'mean';
  } else if (conv === 'midpoint') {
    tA = tP = (max * (n - 1)) / 2;
    convention = 'midpoint';
  } else {
    tA = conv.active;
    tP = conv.passive;
    convention = 'explicit';
  }
  const factors: FactorFigures[] = input.factors.map((name, i) => {
    const high = as[i] > tA;
    const driven = ps[i] > tP;
    const role: InfluenceRole = high && driven ? 'critical' : high ? 'active' : driven ? 'reactive' : 'buffering';
    const quotient = ps[i] === 0 ? null : as[i] / ps[i];
    return {
      name,
      activeSum: as[i],
      passiveSum: ps[i],
      product: as[i] * ps[i],
      quotient,
      quotient100: quotient === null ? null : Math.round(quotient * 100 * 1e9) / 1e9,
      role,
      missingRatings: miss[i],
    };
  });
  return {
    factors,
    thresholds: { active: tA, passive: tP, convention },
    missing,
    complete: missing.length === 0,
    total: as.reduce((s, x) => s + x, 0),
  };
}

/** Influence and dependence of every factor at one matrix power. */
export interface MicmacPower {
  /** The power k of the matrix (1 = direct influence). */
  power: number;
  /** Row sums of M^k, as a share of the total (so powers are comparable). */
  influence: number[];
  /** Column sums of M^k, as a share of the total. */
  dependence: number[];
  /** Rank by influence, 1 = strongest; equal values share a rank. */
  influenceRank: number[];
  /** Rank by dependence, 1 = most dependent. */
  dependenceRank: number[];
}

/** Result of `micmac`. */
export interface MicmacResult {
  factors: string[];
  powers: MicmacPower[];
  /** The first power whose rankings equal those of the previous power, or null if not reached by `maxPower`. */
  stablePower: number | null;
  /** Rank change from direct (power 1) to the last computed power; positive = gains importance indirectly. */
  influenceShift: number[];
  dependenceShift: number[];
}

function ranks(values: bigint[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

function share(values: bigint[]): number[] {
  const total = values.reduce((s, v) => s + v, 0n);
  if (total === 0n) return values.map(() => 0);
  // scale down to float only after exact integer arithmetic
  return values.map((v) => Number((v * 1_000_000_000_000n) / total) / 1e12);
}

/**
 * MICMAC (Godet): indirect influence through powers of the influence matrix. By default the binary matrix
 * (rating > 0 → 1) is used, as in Godet's method; `weighted` uses the ratings. Computed exactly with big integers, so
 * ties in the rankings are real ties. Powers are computed until the influence and dependence rankings repeat
 * (rank stability) or `maxPower` (default 12) is reached. Missing ratings count as 0.
 */
export function micmac(input: InfluenceInput, options: { weighted?: boolean; maxPower?: number } = {}): MicmacResult {
  const { n, a } = readMatrix(input);
  const maxPower = options.maxPower ?? 12;
  const base: bigint[] = Array.from(a, (v) => (Number.isNaN(v) || v === 0 ? 0n : options.weighted ? BigInt(v) : 1n));
  let m = base.slice();
  const powers: MicmacPower[] = [];
  let stablePower: number | null = null;
  for (let k = 1; k <= maxPower; k++) {
    if (k > 1) {
      const next: bigint[] = new Array(n * n).fill(0n);
      for (let i = 0; i < n; i++) for (let t = 0; t < n; t++) {
        const x = m[i * n + t];
        if (x === 0n) continue;
        for (let j = 0; j < n; j++) { const y = base[t * n + j]; if (y !== 0n) next[i * n + j] += x * y; }
      }
      m = next;
    }
    const rows: bigint[] = [];
    const cols: bigint[] = new Array(n).fill(0n);
    for (let i = 0; i < n; i++) {
      let s = 0n;
      for (let j = 0; j < n; j++) { s += m[i * n + j]; cols[j] += m[i * n + j]; }
      rows.push(s);
    }
    const p: MicmacPower = { power: k, influence: share(rows), dependence: share(cols), influenceRank: ranks(rows), dependenceRank: ranks(cols) };
    const prev = powers[powers.length - 1];
    powers.push(p);
    if (prev && prev.influenceRank.every((r, i) => r === p.influenceRank[i]) && prev.dependenceRank.every((r, i) => r === p.dependenceRank[i])) {
      stablePower = k;
      break;
    }
  }
  const first = powers[0];
  const last = powers[powers.length - 1];
  return {
    factors: [...input.factors],
    powers,
    stablePower,
    influenceShift: first.influenceRank.map((r, i) => r - last.influenceRank[i]),
    dependenceShift: first.dependenceRank.map((r, i) => r - last.dependenceRank[i]),
  };
}
