// Matrix transformations: standardisation, ensembles (sum matrices), single-judgement changes.
import { CibInputError } from './errors.ts';
import { asCompiled, type CibModel, type CompiledCib } from './model.ts';

/** Options for `standardise`. */
export interface StandardiseOptions {
  /**
   * Multiply the standardised matrix by this factor (default 1). ScenarioWizard's `CIB_nested_simplified_standardized`
   * file is 2 × the standardised `..._nonstandard` matrix, for instance. Positive factors keep consistency and succession.
   */
  factor?: number;
}

/**
 * Standardisation: subtracts the mean of every judgement-section row (the judgements of one variant on the variants
 * of one descriptor), so each section row sums to 0. Consistency, IC ordering, CV sign and succession are invariant
 * (adding a constant to a section row shifts all variants of the target descriptor equally); TIS changes.
 * The result may hold fractions; all algorithms accept them.
 */
export function standardise(model: CibModel | CompiledCib, options: StandardiseOptions = {}): CibModel {
  const cib = asCompiled(model);
  const factor = options.factor ?? 1;
  if (!(factor > 0) || !Number.isFinite(factor)) throw new CibInputError(`The standardisation factor must be positive, got ${String(options.factor)}.`);
  const { N, D, C, offsets } = cib;
  const matrix: number[][] = [];
  for (let r = 0; r < N; r++) {
    const row = new Array<number>(N);
    for (let j = 0; j < D; j++) {
      let sum = 0;
      for (let c = offsets[j]; c < offsets[j + 1]; c++) sum += C[r * N + c];
      const mean = sum / (offsets[j + 1] - offsets[j]);
      for (let c = offsets[j]; c < offsets[j + 1]; c++) {
        const v = (C[r * N + c] - mean) * factor;
        const rounded = Math.round(v * 1e9) / 1e9;
        row[c] = rounded === 0 ? 0 : rounded;
      }
    }
    matrix.push(row);
  }
  const out: CibModel = { descriptors: cib.model.descriptors.map((d) => ({ name: d.name, variants: [...d.variants] })), matrix };
  if (cib.model.title !== undefined) out.title = cib.model.title;
  return out;
}

/** True if every judgement-section row sums to 0 (within 1e-9), i.e. the matrix is standardised. */
export function isStandardised(model: CibModel | CompiledCib): boolean {
  const { N, D, C, offsets } = asCompiled(model);
  for (let r = 0; r < N; r++) {
    for (let j = 0; j < D; j++) {
      let sum = 0;
      for (let c = offsets[j]; c < offsets[j + 1]; c++) sum += C[r * N + c];
      if (Math.abs(sum) > 1e-9) return false;
    }
  }
  return true;
}

/** Checks that all models have the same descriptors and variant counts; throws `CibInputError` naming the first difference. */
export function checkSameStructure(models: readonly CibModel[]): void {
  if (models.length === 0) throw new CibInputError('An ensemble needs at least one matrix.');
  const first = models[0].descriptors;
  models.forEach((m, k) => {
    if (m.descriptors.length !== first.length) {
      throw new CibInputError(`Ensemble member ${k + 1} has ${m.descriptors.length} descriptors, member 1 has ${first.length}.`);
    }
    m.descriptors.forEach((d, i) => {
      if (d.variants.length !== first[i].variants.length) {
        throw new CibInputError(
          `Ensemble member ${k + 1}: descriptor "${d.name}" has ${d.variants.length} variants, member 1 has ${first[i].variants.length} ("${first[i].name}").`,
          { descriptor: d.name },
        );
      }
    });
  });
}

/** The (weighted) sum matrix of an ensemble: Σ_k weight_k · C_k. Weights default to 1. */
export function sumMatrix(models: readonly CibModel[], weights?: readonly number[]): CibModel {
  checkSameStructure(models);
  if (weights && weights.length !== models.length) throw new CibInputError(`Got ${weights.length} weights for ${models.length} ensemble members.`);
  const compiled = models.map((m) => asCompiled(m));
  const N = compiled[0].N;
  const matrix: number[][] = [];
  for (let r = 0; r < N; r++) {
    const row = new Array<number>(N).fill(0);
    compiled.forEach((c, k) => {
      const w = weights ? weights[k] : 1;
      for (let col = 0; col < N; col++) row[col] += w * c.C[r * N + col];
    });
    matrix.push(row);
  }
  return { title: models[0].title, descriptors: models[0].descriptors.map((d) => ({ name: d.name, variants: [...d.variants] })), matrix };
}

/** A copy of the model with one judgement changed: `matrix[row][column] += delta` (0-based row/column). */
export function withJudgement(model: CibModel, row: number, column: number, delta: number): CibModel {
  const matrix = model.matrix.map((r) => r.slice());
  if (!matrix[row] || matrix[row][column] === undefined) throw new CibInputError(`Row ${row + 1}, column ${column + 1} is outside the matrix.`, { row: row + 1, column: column + 1 });
  matrix[row][column] += delta;
  return { ...model, matrix };
}
