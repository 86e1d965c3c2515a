// Impact balances and the scenario scores IC, TIS and CV (Weimer-Jehle 2006; definitions in docs/methods/cib.md).
import { asCompiled, checkScenario, EPS, type CibModel, type CompiledCib, type Scenario } from './model.ts';

/** Scores of one scenario. */
export interface ScenarioEvaluation {
  /** 0-based variant per descriptor. */
  variants: number[];
  /** IC = max over descriptors of (best balance − balance of the chosen variant); 0 = consistent. */
  inconsistency: number;
  /** TIS = sum over descriptors of the balance of the chosen variant. */
  totalImpactScore: number;
  /** CV = min over descriptors of (balance of the chosen variant − best balance of another variant); the margin. */
  consistencyValue: number;
}

/** Full evaluation of a scenario including the impact balances. */
export interface ScenarioDetail extends ScenarioEvaluation {
  /** balances[j][l] = impact balance θ_j,l of variant l of descriptor j. */
  balances: number[][];
  /** Inconsistency per descriptor IC_j. */
  descriptorInconsistency: number[];
}

/** Rounds values that are integers up to floating error (fractional matrices), so results print cleanly. */
export function clean(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-7 ? r : x;
}

/** Fills `theta` (length N) with the impact balances of the scenario `z` (all selected rows, self blocks included). */
export function fillBalances(cib: CompiledCib, z: ArrayLike<number>, theta: Float64Array): void {
  const { N, D, C, offsets } = cib;
  theta.fill(0);
  for (let i = 0; i < D; i++) {
    const base = (offsets[i] + z[i]) * N;
    for (let c = 0; c < N; c++) theta[c] += C[base + c];
  }
}

/** Scores from a filled balance vector; `skip[d]` exempts descriptors (intervention) from IC and CV. */
export function scoreFromBalances(
  cib: CompiledCib,
  z: ArrayLike<number>,
  theta: Float64Array,
  skip?: ArrayLike<boolean | number>,
): ScenarioEvaluation {
  const { D, offsets, sizes } = cib;
  let ic = 0;
  let tis = 0;
  let cv = Infinity;
  for (let j = 0; j < D; j++) {
    const o = offsets[j];
    const own = theta[o + z[j]];
    tis += own;
    if (skip && skip[j]) continue;
    let max = -Infinity;
    let other = -Infinity;
    for (let l = 0; l < sizes[j]; l++) {
      const t = theta[o + l];
      if (t > max) max = t;
      if (l !== z[j] && t > other) other = t;
    }
    ic = Math.max(ic, max - own);
    if (sizes[j] > 1) cv = Math.min(cv, own - other);
  }
  if (cv === Infinity) cv = 0;
  const icClean = clean(ic);
  return {
    variants: Array.from(z),
    inconsistency: icClean < EPS ? 0 : icClean,
    totalImpactScore: clean(tis),
    consistencyValue: clean(cv),
  };
}

/**
 * The impact balances of a scenario: `result[j][l] = Σ_i C[(i, z_i), (j, l)]`, the sum of the judgements of all
 * selected variants (rows) on variant l of descriptor j, self blocks included.
 */
export function impactBalance(model: CibModel | CompiledCib, scenario: Scenario): number[][] {
  const cib = asCompiled(model);
  checkScenario(cib, scenario);
  const theta = new Float64Array(cib.N);
  fillBalances(cib, scenario, theta);
  const out: number[][] = [];
  for (let j = 0; j < cib.D; j++) out.push(Array.from(theta.subarray(cib.offsets[j], cib.offsets[j + 1]), clean));
  return out;
}

/** Evaluates a scenario: balances, IC per descriptor, IC, TIS and CV. */
export function evaluateScenario(model: CibModel | CompiledCib, scenario: Scenario): ScenarioDetail {
  const cib = asCompiled(model);
  checkScenario(cib, scenario);
  const theta = new Float64Array(cib.N);
  fillBalances(cib, scenario, theta);
  const base = scoreFromBalances(cib, scenario, theta);
  const balances: number[][] = [];
  const descriptorInconsistency: number[] = [];
  for (let j = 0; j < cib.D; j++) {
    const b = Array.from(theta.subarray(cib.offsets[j], cib.offsets[j + 1]), clean);
    balances.push(b);
    const ic = clean(Math.max(...b) - b[scenario[j]]);
    descriptorInconsistency.push(ic < EPS ? 0 : ic);
  }
  return { ...base, balances, descriptorInconsistency };
}

/** True if the scenario is consistent (IC = 0: every chosen variant has a maximal balance; ties allowed). */
export function isConsistent(model: CibModel | CompiledCib, scenario: Scenario): boolean {
  return evaluateScenario(model, scenario).inconsistency === 0;
}

/** Orders evaluations by TIS (descending), then IC (ascending), then variants lexicographically. */
export function compareEvaluations(a: ScenarioEvaluation, b: ScenarioEvaluation): number {
  if (a.totalImpactScore !== b.totalImpactScore) return b.totalImpactScore - a.totalImpactScore;
  if (a.inconsistency !== b.inconsistency) return a.inconsistency - b.inconsistency;
  for (let i = 0; i < a.variants.length; i++) if (a.variants[i] !== b.variants[i]) return a.variants[i] - b.variants[i];
  return 0;
}
