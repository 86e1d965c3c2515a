// Succession: the iterative improvement of a scenario towards consistency (global and adiabatic), with
// ScenarioWizard's tie rule: keep the current variant if it is among the maxima, otherwise take the lowest-index maximum.
import { CibInputError } from './errors.ts';
import { fillBalances } from './evaluate.ts';
import { asCompiled, checkScenario, EPS, type CibModel, type CompiledCib, type Scenario } from './model.ts';

/** Global: all descriptors switch at once to their best variant. Adiabatic: only the most inconsistent descriptor. */
export type SuccessionMode = 'global' | 'adiabatic';

/** The best variant of descriptor j under balances theta, by ScenarioWizard's tie rule. */
export function bestVariant(cib: CompiledCib, theta: ArrayLike<number>, j: number, current: number): number {
  const o = cib.offsets[j];
  const v = cib.sizes[j];
  let max = -Infinity;
  for (let l = 0; l < v; l++) if (theta[o + l] > max) max = theta[o + l];
  if (theta[o + current] >= max - EPS) return current;
  for (let l = 0; l < v; l++) if (theta[o + l] >= max - EPS) return l;
  return current;
}

/**
 * One succession step from `z` into `out` (may be the same array); `theta` is scratch space of length N.
 * Returns true if the scenario changed. Adiabatic: the descriptor with the largest IC_j (lowest index on ties) moves.
 */
export function successorInto(cib: CompiledCib, mode: SuccessionMode, z: Int32Array, out: Int32Array, theta: Float64Array): boolean {
  fillBalances(cib, z, theta);
  const { D } = cib;
  if (mode === 'global') {
    let changed = false;
    for (let j = 0; j < D; j++) {
      const b = bestVariant(cib, theta, j, z[j]);
      if (b !== z[j]) changed = true;
      out[j] = b;
    }
    return changed;
  }
  let worst = -1;
  let worstIc = EPS;
  for (let j = 0; j < D; j++) {
    const o = cib.offsets[j];
    let max = -Infinity;
    for (let l = 0; l < cib.sizes[j]; l++) if (theta[o + l] > max) max = theta[o + l];
    const ic = max - theta[o + z[j]];
    if (ic > worstIc) {
      worstIc = ic;
      worst = j;
    }
  }
  if (out !== z) out.set(z);
  if (worst < 0) return false;
  out[worst] = bestVariant(cib, theta, worst, z[worst]);
  return true;
}

/** The next scenario of a succession (one step). */
export function successor(model: CibModel | CompiledCib, scenario: Scenario, mode: SuccessionMode = 'global'): number[] {
  const cib = asCompiled(model);
  checkScenario(cib, scenario);
  const z = Int32Array.from(scenario);
  successorInto(cib, mode, z, z, new Float64Array(cib.N));
  return Array.from(z);
}

/** The path of a succession and where it ends. */
export interface SuccessionResult {
  /** Scenarios visited, starting with the start scenario, up to and including the first repeated state or fixed point. */
  path: number[][];
  /** "fixed" = a consistent scenario (fixed point), "cycle" = the succession repeats a cycle. */
  end: 'fixed' | 'cycle';
  /** The fixed point (one scenario) or the scenarios of the cycle, in cycle order. */
  attractor: number[][];
}

/**
 * Runs a succession from `start` until it reaches a fixed point (a consistent scenario) or repeats a scenario (a
 * cycle). `maxSteps` (default 100 000) guards against misuse; a finite space always ends in one of the two.
 */
export function runSuccession(
  model: CibModel | CompiledCib,
  start: Scenario,
  options: { mode?: SuccessionMode; maxSteps?: number } = {},
): SuccessionResult {
  const cib = asCompiled(model);
  checkScenario(cib, start);
  const mode = options.mode ?? 'global';
  const maxSteps = options.maxSteps ?? 100000;
  const theta = new Float64Array(cib.N);
  let z = Int32Array.from(start);
  const seen = new Map<string, number>();
  const path: number[][] = [];
  for (let step = 0; step <= maxSteps; step++) {
    const key = z.join(',');
    const at = seen.get(key);
    if (at !== undefined) {
      return { path, end: 'cycle', attractor: path.slice(at) };
    }
    seen.set(key, path.length);
    path.push(Array.from(z));
    const next = new Int32Array(cib.D);
    if (!successorInto(cib, mode, z, next, theta)) return { path, end: 'fixed', attractor: [Array.from(z)] };
    z = next;
  }
  throw new CibInputError(`The succession did not end within ${maxSteps} steps.`);
}
