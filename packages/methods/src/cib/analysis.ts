// Evaluations on top of the solver: ensembles, single-judgement sensitivity, diverse selection of scenarios.
import { CibInputError } from './errors.ts';
import { compareEvaluations, fillBalances, type ScenarioEvaluation } from './evaluate.ts';
import { asCompiled, EPS, scenarioKey, type CibModel, type CompiledCib, type Scenario } from './model.ts';
import { solveCib, type SolveResult } from './solve.ts';
import { checkSameStructure, sumMatrix } from './transform.ts';

// ---------------------------------------------------------------------------------------------------------------
// Ensembles

/** A scenario of an ensemble analysis with the members in which it is consistent. */
export interface EnsembleScenario {
  /** 0-based variants. */
  variants: number[];
  /** 0-based indices of the ensemble members in which the scenario has IC ≤ maxInconsistency. */
  members: number[];
  /** members.length / number of members. */
  share: number;
  /** Whether the scenario is also consistent in the (weighted) sum matrix. */
  inSumMatrix: boolean;
  /** TIS in the sum matrix. */
  sumTotalImpactScore: number;
}

/** Result of `analyseEnsemble`. */
export interface EnsembleResult {
  /** The solve result of every member. */
  perMember: SolveResult[];
  /** The solve result of the (weighted) sum matrix. */
  sum: SolveResult;
  /** Every scenario consistent in at least one member or in the sum matrix; by share (desc), then sum TIS (desc). */
  scenarios: EnsembleScenario[];
}

/**
 * Ensemble analysis over several matrices with the same descriptors (e.g. one per expert): the consistent scenarios
 * of every member, the number/share of members in which each scenario is consistent, and the consistent scenarios of
 * the (weighted) sum matrix.
 */
export function analyseEnsemble(
  models: readonly CibModel[],
  options: { weights?: readonly number[]; maxInconsistency?: number } = {},
): EnsembleResult {
  checkSameStructure(models);
  const k = options.maxInconsistency ?? 0;
  const perMember = models.map((m) => solveCib(m, { maxInconsistency: k }));
  const sumModel = sumMatrix(models, options.weights);
  const sum = solveCib(sumModel, { maxInconsistency: k });
  const byKey = new Map<string, EnsembleScenario>();
  const sumCompiled = asCompiled(sumModel);
  const theta = new Float64Array(sumCompiled.N);
  const get = (v: number[]): EnsembleScenario => {
    const key = scenarioKey(v);
    let e = byKey.get(key);
    if (!e) {
      fillBalances(sumCompiled, v, theta);
      let tis = 0;
      for (let j = 0; j < sumCompiled.D; j++) tis += theta[sumCompiled.offsets[j] + v[j]];
      e = { variants: v.slice(), members: [], share: 0, inSumMatrix: false, sumTotalImpactScore: Math.round(tis * 1e9) / 1e9 };
      byKey.set(key, e);
    }
    return e;
  };
  perMember.forEach((r, m) => r.scenarios.forEach((s) => get(s.variants).members.push(m)));
  sum.scenarios.forEach((s) => { get(s.variants).inSumMatrix = true; });
  const scenarios = [...byKey.values()];
  for (const s of scenarios) s.share = s.members.length / models.length;
  scenarios.sort((a, b) => b.share - a.share || b.sumTotalImpactScore - a.sumTotalImpactScore || scenarioKey(a.variants).localeCompare(scenarioKey(b.variants)));
  return { perMember, sum, scenarios };
}

// ---------------------------------------------------------------------------------------------------------------
// Single-judgement sensitivity

/** A single judgement change (±1) that changes the set of consistent scenarios. */
export interface JudgementChange {
  /** 0-based matrix row (impacting variant) and column (impacted variant). */
  row: number;
  column: number;
  /** Readable names: "descriptor: variant". */
  source: string;
  target: string;
  /** The judgement before and after the change. */
  from: number;
  to: number;
  delta: 1 | -1;
  /** Consistent scenarios that would stop being consistent. */
  lost: number[][];
  /** Scenarios that would become consistent. */
  gained: number[][];
}

/** How fragile one consistent scenario is. */
export interface ScenarioRobustness {
  variants: number[];
  /** Number of single ±1 judgement changes that would make this scenario inconsistent. */
  criticalChanges: number;
}

/** Result of `judgementSensitivity`. */
export interface SensitivityResult {
  /** The consistent scenarios of the unchanged matrix. */
  baseline: ScenarioEvaluation[];
  /** Every ±1 change of one judgement that changes the consistent set, by row, column, delta. */
  changes: JudgementChange[];
  /** Per baseline scenario, how many single changes would break it (ordered like `baseline`). */
  robustness: ScenarioRobustness[];
  /** Number of single-judgement changes examined. */
  examined: number;
}

/**
 * Single-judgement sensitivity: for every judgement, would changing it by +1 or −1 change the set of consistent
 * scenarios? Exact and fast: a ±1 change moves one balance entry by 1, so IC changes by at most 1 and only scenarios
 * with IC ≤ 1 (found once by the branch-and-bound) can gain or lose consistency.
 * Self blocks are left out unless `includeSelfBlocks`; with `scale`, changes that leave the scale are skipped.
 */
export function judgementSensitivity(
  model: CibModel | CompiledCib,
  options: { includeSelfBlocks?: boolean; scale?: { min: number; max: number } } = {},
): SensitivityResult {
  const cib = asCompiled(model);
  const { N, D, C, offsets, sizes, owner } = cib;
  const candidates = solveCib(cib, { maxInconsistency: 1 }).scenarios;
  const baseline = candidates.filter((s) => s.inconsistency === 0).sort(compareEvaluations);
  const nc = candidates.length;
  const thetas = new Float64Array(nc * N);
  const icj = new Float64Array(nc * D);
  const top1 = new Float64Array(nc);
  const top1j = new Int32Array(nc);
  const top2 = new Float64Array(nc);
  const byRow: number[][] = Array.from({ length: N }, () => []);
  candidates.forEach((s, k) => {
    const th = thetas.subarray(k * N, (k + 1) * N);
    fillBalances(cib, s.variants, th);
    let a = -1, aj = -1, b = -1;
    for (let j = 0; j < D; j++) {
      const o = offsets[j];
      let max = -Infinity;
      for (let l = 0; l < sizes[j]; l++) max = Math.max(max, th[o + l]);
      const ic = max - th[o + s.variants[j]];
      icj[k * D + j] = ic;
      if (ic > a) { b = a; a = ic; aj = j; } else if (ic > b) b = ic;
    }
    top1[k] = a; top1j[k] = aj; top2[k] = b;
    for (let i = 0; i < D; i++) byRow[offsets[i] + s.variants[i]].push(k);
  });
  const baseKeys = new Set(baseline.map((s) => scenarioKey(s.variants)));
  const breaks = new Map<string, number>();
  const label = (c: number) => `${cib.model.descriptors[owner[c]].name}: ${cib.model.descriptors[owner[c]].variants[c - offsets[owner[c]]]}`;
  const changes: JudgementChange[] = [];
  let examined = 0;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const j = owner[c];
      if (!options.includeSelfBlocks && owner[r] === j) continue;
      for (const delta of [1, -1] as const) {
        const from = C[r * N + c];
        const to = from + delta;
        if (options.scale && (to < options.scale.min || to > options.scale.max)) continue;
        examined++;
        const lost: number[][] = [];
        const gained: number[][] = [];
        const o = offsets[j];
        const l0 = c - o;
        for (const k of byRow[r]) {
          const th = thetas.subarray(k * N, (k + 1) * N);
          const z = candidates[k].variants[j];
          let max = -Infinity;
          for (let l = 0; l < sizes[j]; l++) max = Math.max(max, th[o + l] + (l === l0 ? delta : 0));
          const icNew = max - (th[o + z] + (z === l0 ? delta : 0));
          const other = top1j[k] === j ? top2[k] : top1[k];
          const ic = Math.max(icNew, other, 0);
          const was = top1[k] <= EPS;
          const now = ic <= EPS;
          if (was && !now) lost.push(candidates[k].variants.slice());
          if (!was && now) gained.push(candidates[k].variants.slice());
        }
        for (const s of lost) {
          const key = scenarioKey(s);
          if (baseKeys.has(key)) breaks.set(key, (breaks.get(key) ?? 0) + 1);
        }
        if (lost.length || gained.length) {
          changes.push({ row: r, column: c, source: label(r), target: label(c), from, to, delta, lost, gained });
        }
      }
    }
  }
  return {
    baseline,
    changes,
    robustness: baseline.map((s) => ({ variants: s.variants.slice(), criticalChanges: breaks.get(scenarioKey(s.variants)) ?? 0 })),
    examined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Diverse selection

/** Number of descriptors in which two scenarios differ. */
export function hammingDistance(a: Scenario, b: Scenario): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** Result of `selectDiverse`. */
export interface DiverseSelection {
  /** Indices into the input list, in selection order. */
  indices: number[];
  /** Smallest pairwise distance within the selection (number of differing descriptors). */
  minDistance: number;
  /** Sum of pairwise distances within the selection. */
  totalDistance: number;
  /** True if the selection is proven optimal (all subsets enumerated); false for the greedy heuristic. */
  exact: boolean;
}

/**
 * Picks `count` scenarios that differ as much as possible: maximises the smallest pairwise Hamming distance, then
 * the sum of distances; ties keep earlier scenarios (pass them ordered by TIS to prefer strong ones). Exact by
 * enumeration when there are at most `exactLimit` subsets (default 200 000), otherwise greedy farthest-point
 * selection from the first scenario followed by swap improvement.
 */
export function selectDiverse(
  scenarios: readonly (Scenario | { variants: Scenario })[],
  count: number,
  options: { exactLimit?: number } = {},
): DiverseSelection {
  const list = scenarios.map((s) => ('variants' in s ? s.variants : (s as Scenario)));
  const n = list.length;
  if (!Number.isInteger(count) || count < 1) throw new CibInputError(`The number of scenarios to select must be a positive integer, got ${count}.`);
  const k = Math.min(count, n);
  if (k === 0) return { indices: [], minDistance: 0, totalDistance: 0, exact: true };
  const dist = new Int32Array(n * n);
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) dist[a * n + b] = dist[b * n + a] = hammingDistance(list[a], list[b]);
  const score = (idx: number[]): [number, number] => {
    let min = Infinity, sum = 0;
    for (let a = 0; a < idx.length; a++) for (let b = a + 1; b < idx.length; b++) { const d = dist[idx[a] * n + idx[b]]; sum += d; if (d < min) min = d; }
    return [idx.length < 2 ? 0 : min, sum];
  };
  const better = (x: [number, number], y: [number, number]) => x[0] > y[0] || (x[0] === y[0] && x[1] > y[1]);
  let subsets = 1;
  for (let t = 0; t < k; t++) subsets = (subsets * (n - t)) / (t + 1);
  if (subsets <= (options.exactLimit ?? 200_000)) {
    let best: number[] = [];
    let bestScore: [number, number] = [-1, -1];
    const idx: number[] = [];
    const rec = (startAt: number) => {
      if (idx.length === k) {
        const s = score(idx);
        if (better(s, bestScore)) { bestScore = s; best = idx.slice(); }
        return;
      }
      for (let i = startAt; i <= n - (k - idx.length); i++) { idx.push(i); rec(i + 1); idx.pop(); }
    };
    rec(0);
    return { indices: best, minDistance: bestScore[0], totalDistance: bestScore[1], exact: true };
  }
  const chosen = [0];
  const minTo = new Int32Array(n).fill(1 << 30);
  const update = (c: number) => { for (let i = 0; i < n; i++) minTo[i] = Math.min(minTo[i], dist[c * n + i]); };
  update(0);
  while (chosen.length < k) {
    let bi = -1;
    for (let i = 0; i < n; i++) if (!chosen.includes(i) && (bi < 0 || minTo[i] > minTo[bi])) bi = i;
    chosen.push(bi);
    update(bi);
  }
  let current = score(chosen);
  for (let improved = true; improved;) {
    improved = false;
    for (let p = 1; p < chosen.length && !improved; p++) {
      for (let i = 0; i < n && !improved; i++) {
        if (chosen.includes(i)) continue;
        const trial = chosen.slice();
        trial[p] = i;
        const s = score(trial);
        if (better(s, current)) { chosen.splice(0, chosen.length, ...trial); current = s; improved = true; }
      }
    }
  }
  return { indices: chosen, minDistance: current[0], totalDistance: current[1], exact: false };
}
