// The textbook example of the ScenarioWizard manual (reference-cases/cib/somewhereland).
import { describe, expect, it } from 'vitest';
import { analyseBasins, evaluateScenario, fromOneBased, parseCibCsv, solveCib, toOneBased } from '../../src/cib/index.ts';
import { readCib, readExpected } from './reference.ts';

const model = parseCibCsv(readCib('somewhereland/somewhereland_cim.csv'));
const expected = readExpected('somewhereland/somewhereland.expected.json');

describe('Somewhereland', () => {
  it('reads six descriptors A..F from the CSV labels, 3·3·3·2·3·3 = 486 scenarios', () => {
    expect(model.descriptors.map((d) => d.name)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(model.descriptors.map((d) => d.variants.length)).toEqual([3, 3, 3, 2, 3, 3]);
  });

  it('has exactly the 10 published consistent scenarios with TIS and CV', () => {
    const r = solveCib(model);
    expect(r.scenarios).toHaveLength(10);
    const got = r.scenarios.map((s) => `${toOneBased(s.variants).join(' ')}|${s.totalImpactScore}|${s.consistencyValue}`);
    const want = expected.consistent_scenarios.map((s) => `${s.variants.join(' ')}|${s.total_impact_score}|${s.consistency_value}`);
    expect(got.sort()).toEqual(want.sort());
    expect(r.scenarios.map((s) => s.totalImpactScore)).toEqual([21, 19, 18, 17, 15, 14, 12, 9, 9, 8]);
  });

  it('reproduces the worked impact balance of [A2 B1 C3 D1 E1 F1] (IC 14, descriptor D violated)', () => {
    const check = expected.published_check!;
    const e = evaluateScenario(model, fromOneBased(check.scenario));
    expect(e.balances.flat()).toEqual(check.impact_balance);
    expect(e.balances).toEqual([[0, 3, -3], [2, 1, -3], [-9, -1, 10], [-7, 7], [4, -1, -3], [2, -1, -1]]);
    expect(e.inconsistency).toBe(14);
    expect(e.descriptorInconsistency).toEqual([0, 0, 0, 14, 0, 0]);
  });

  it('has the listed basin sizes and no starts ending in cycles', () => {
    const b = analyseBasins(model);
    expect(b.cycleStarts).toBe(expected.n_start_scenarios_ending_in_cycles);
    const m = new Map(b.fixedPoints.map((a) => [toOneBased(a.scenarios[0]).join(' '), a.basin]));
    for (const s of expected.consistent_scenarios) expect(m.get(s.variants.join(' '))).toBe(s.basin_size_global_succession);
    expect(b.fixedPoints).toHaveLength(10);
  });
});
