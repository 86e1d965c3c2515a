// The CIB data model (descriptors, variants, cross-impact matrix), its validation and a compiled typed-array form.
import { CibInputError } from './errors.ts';

/** One descriptor (uncertain factor) with its mutually exclusive variants (possible future states). */
export interface CibDescriptor {
  /** Short name, e.g. "WTRD" or "A. Government". */
  name: string;
  /** Variant names in order; blank names are allowed (they occur in real files). */
  variants: string[];
}

/**
 * A cross-impact matrix. It is square over all variants of all descriptors (in descriptor order);
 * `matrix[r][c]` is the judgement of **row = impacting (source) variant r on column = impacted (target) variant c**.
 */
export interface CibModel {
  /** Optional title (the second line of a ScenarioWizard file). */
  title?: string;
  descriptors: CibDescriptor[];
  matrix: number[][];
}

/**
 * A scenario: one 0-based variant index per descriptor, in descriptor order.
 * (ScenarioWizard files and the reference cases count variants from 1; convert with `toOneBased`.)
 */
export type Scenario = readonly number[];

/** A non-fatal finding about a model, e.g. a non-zero self block. */
export interface CibWarning {
  code: 'self-block';
  /** Name of the descriptor concerned. */
  descriptor: string;
  message: string;
}

/** Options for `compileCib`. */
export interface CompileOptions {
  /**
   * Accept non-integer judgements (e.g. a standardised matrix). Default false: CIB judgements are integers and a
   * non-integer is reported as an input error naming its row and column.
   */
  allowFractional?: boolean;
}

/** The validated model in typed arrays, used by all algorithms. Build with `compileCib`. */
export interface CompiledCib {
  readonly model: CibModel;
  /** Number of descriptors. */
  readonly D: number;
  /** Number of variants over all descriptors (matrix size). */
  readonly N: number;
  /** Largest number of variants of any descriptor. */
  readonly maxVariants: number;
  /** Variants per descriptor. */
  readonly sizes: Int32Array;
  /** offsets[d] = index of the first variant of descriptor d in the matrix; offsets[D] = N. */
  readonly offsets: Int32Array;
  /** owner[c] = descriptor of matrix row/column c. */
  readonly owner: Int32Array;
  /** The matrix, row-major: C[r * N + c]. */
  readonly C: Float64Array;
  /** True if every judgement is an integer. */
  readonly integer: boolean;
  /** Size of the scenario space, Π sizes (a float; exact below 2^53). */
  readonly space: number;
  readonly warnings: CibWarning[];
}

/** Tolerance used when comparing impact balances of fractional (e.g. standardised) matrices. */
export const EPS = 1e-9;

const compiledCache = new WeakMap<CibModel, CompiledCib>();

function variantLabel(model: CibModel, index: number): string {
  let rest = index;
  for (const d of model.descriptors) {
    if (rest < d.variants.length) return `${d.name}: ${d.variants[rest] || `variant ${rest + 1}`}`;
    rest -= d.variants.length;
  }
  return `variant ${index + 1}`;
}

/**
 * Validates a model and builds its typed-array form. Throws `CibInputError` for an empty model, a descriptor without
 * variants, a matrix whose size does not match the variant count, a non-square matrix, or non-integer/non-finite
 * judgements. Non-zero self blocks are kept (ScenarioWizard counts them) and reported in `warnings`.
 */
export function compileCib(model: CibModel, options: CompileOptions = {}): CompiledCib {
  const cached = compiledCache.get(model);
  if (cached && (cached.integer || options.allowFractional)) return cached;
  if (!model || !Array.isArray(model.descriptors) || model.descriptors.length === 0) {
    throw new CibInputError('The CIB model has no descriptors.', { field: 'descriptors' });
  }
  const D = model.descriptors.length;
  const sizes = new Int32Array(D);
  const offsets = new Int32Array(D + 1);
  let maxVariants = 0;
  let space = 1;
  model.descriptors.forEach((d, i) => {
    const name = typeof d?.name === 'string' ? d.name : `descriptor ${i + 1}`;
    if (!Array.isArray(d?.variants) || d.variants.length === 0) {
      throw new CibInputError(`Descriptor "${name}" (descriptor ${i + 1}) has no variants.`, { descriptor: name });
    }
    if (d.variants.length > 30) {
      throw new CibInputError(`Descriptor "${name}" has ${d.variants.length} variants; at most 30 are supported.`, { descriptor: name });
    }
    sizes[i] = d.variants.length;
    offsets[i + 1] = offsets[i] + d.variants.length;
    maxVariants = Math.max(maxVariants, d.variants.length);
    space *= d.variants.length;
  });
  const N = offsets[D];
  const owner = new Int32Array(N);
  for (let d = 0; d < D; d++) for (let c = offsets[d]; c < offsets[d + 1]; c++) owner[c] = d;
  const counts = model.descriptors.map((d) => `${d.name} ${d.variants.length}`).join(' + ');
  if (!Array.isArray(model.matrix) || model.matrix.length !== N) {
    const rows = Array.isArray(model.matrix) ? model.matrix.length : 0;
    throw new CibInputError(
      `The matrix has ${rows} rows, but the descriptors have ${N} variants in total (${counts}); the variant counts do not add up.`,
      { row: rows },
    );
  }
  const C = new Float64Array(N * N);
  let integer = true;
  for (let r = 0; r < N; r++) {
    const row = model.matrix[r];
    if (!Array.isArray(row) || row.length !== N) {
      const len = Array.isArray(row) ? row.length : 0;
      throw new CibInputError(
        `Row ${r + 1} (${variantLabel(model, r)}) has ${len} columns, expected ${N}: the matrix must be square over all variants.`,
        { row: r + 1, descriptor: model.descriptors[owner[r]].name },
      );
    }
    for (let c = 0; c < N; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CibInputError(
          `Row ${r + 1} (${variantLabel(model, r)}), column ${c + 1} (${variantLabel(model, c)}): ${JSON.stringify(v)} is not a number.`,
          { row: r + 1, column: c + 1, descriptor: model.descriptors[owner[r]].name },
        );
      }
      if (!Number.isInteger(v)) {
        integer = false;
        if (!options.allowFractional) {
          throw new CibInputError(
            `Row ${r + 1} (${variantLabel(model, r)}), column ${c + 1} (${variantLabel(model, c)}): ${v} is not an integer judgement.`,
            { row: r + 1, column: c + 1, descriptor: model.descriptors[owner[r]].name },
          );
        }
      }
      C[r * N + c] = v;
    }
  }
  const warnings: CibWarning[] = [];
  for (let d = 0; d < D; d++) {
    let nonZero = 0;
    for (let r = offsets[d]; r < offsets[d + 1]; r++) for (let c = offsets[d]; c < offsets[d + 1]; c++) if (C[r * N + c] !== 0) nonZero++;
    if (nonZero > 0) {
      const name = model.descriptors[d].name;
      warnings.push({
        code: 'self-block',
        descriptor: name,
        message: `Descriptor "${name}" has a non-zero self block (${nonZero} judgement${nonZero === 1 ? '' : 's'} of ${name} on itself); it is counted in the impact balances, as ScenarioWizard does.`,
      });
    }
  }
  const compiled: CompiledCib = { model, D, N, maxVariants, sizes, offsets, owner, C, integer, space, warnings };
  compiledCache.set(model, compiled);
  return compiled;
}

/** Accepts a model or an already compiled model (fractional judgements allowed) and returns the compiled form. */
export function asCompiled(model: CibModel | CompiledCib): CompiledCib {
  if ('C' in model && model.C instanceof Float64Array) return model as CompiledCib;
  return compileCib(model as CibModel, { allowFractional: true });
}

/** Validates a model (integers required unless `allowFractional`) and returns its warnings. Throws `CibInputError`. */
export function validateCib(model: CibModel, options: CompileOptions = {}): CibWarning[] {
  return compileCib(model, options).warnings;
}

/** Checks that `scenario` has one valid variant index per descriptor; throws `CibInputError` otherwise. */
export function checkScenario(cib: CompiledCib, scenario: Scenario): void {
  if (!Array.isArray(scenario) || scenario.length !== cib.D) {
    throw new CibInputError(`A scenario needs ${cib.D} variants (one per descriptor), got ${Array.isArray(scenario) ? scenario.length : 0}.`);
  }
  for (let d = 0; d < cib.D; d++) {
    const v = scenario[d];
    if (!Number.isInteger(v) || v < 0 || v >= cib.sizes[d]) {
      throw new CibInputError(
        `Descriptor "${cib.model.descriptors[d].name}" has variants 1..${cib.sizes[d]}; the scenario gives ${Number.isInteger(v) ? v + 1 : String(v)}.`,
        { descriptor: cib.model.descriptors[d].name },
      );
    }
  }
}

/** Converts a 0-based scenario to the 1-based form used by ScenarioWizard and the reference cases. */
export function toOneBased(scenario: Scenario): number[] {
  return scenario.map((v) => v + 1);
}

/** Converts a 1-based scenario (ScenarioWizard, reference cases) to the 0-based form used by this library. */
export function fromOneBased(scenario: readonly number[]): number[] {
  return scenario.map((v) => v - 1);
}

/** The variant names of a scenario, e.g. ["Ntl", "Alrt", "Stag"]. */
export function scenarioLabels(model: CibModel, scenario: Scenario): string[] {
  return scenario.map((v, d) => model.descriptors[d].variants[v]);
}

/** A compact key for a scenario, e.g. "2 3 2" (1-based), handy for maps and display. */
export function scenarioKey(scenario: Scenario): string {
  return scenario.map((v) => v + 1).join(' ');
}

/** Mixed-radix index of a scenario in the scenario space (last descriptor varies fastest). */
export function scenarioIndex(cib: CompiledCib, scenario: ArrayLike<number>): number {
  let idx = 0;
  for (let d = 0; d < cib.D; d++) idx = idx * cib.sizes[d] + scenario[d];
  return idx;
}

/** The scenario with the given mixed-radix index (inverse of `scenarioIndex`). */
export function scenarioAt(cib: CompiledCib, index: number): number[] {
  const z = new Array<number>(cib.D);
  let rest = index;
  for (let d = cib.D - 1; d >= 0; d--) {
    z[d] = rest % cib.sizes[d];
    rest = Math.floor(rest / cib.sizes[d]);
  }
  return z;
}
