// The branch-and-bound, succession and basin analysis against an independent brute force on seeded random matrices.
import { describe, expect, it } from 'vitest';
import {
  analyseBasins,
  analyseBasinsAsync,
  CibCancelledError,
  runSuccession,
  solveCib,
  solveCibAsync,
  successor,
  type CibModel,
} from '../../src/cib/index.ts';
import { createRng } from '../../src/random.ts';

/** A random model: descriptor sizes, judgements −3..3 on a share of the descriptor pairs, optional self blocks. */
function randomModel(seed: number, sizes: number[], density = 0.6, selfBlocks = false): CibModel {
  const rnd = createRng(seed).next;
  const N = sizes.reduce((a, b) => a + b, 0);
  const owner: number[] = sizes.flatMap((s, d) => Array<number>(s).fill(d));
  const active = sizes.map((_, i) => sizes.map((__, j) => (i === j ? selfBlocks && rnd() < 0.5 : rnd() < density)));
  const matrix = Array.from({ length: N }, (_, r) => Array.from({ length: N }, (__, c) => (active[owner[r]][owner[c]] ? Math.floor(rnd() * 7) - 3 : 0)));
  return { descriptors: sizes.map((s, d) => ({ name: `D${d + 1}`, variants: Array.from({ length: s }, (_, v) => `v${v + 1}`) })), matrix };
}

/** Straight from the definitions: balances, IC, TIS, CV of every scenario. */
function bruteForce(model: CibModel) {
  const sizes = model.descriptors.map((d) => d.variants.length);
  const off = [0];
  for (const s of sizes) off.push(off[off.length - 1] + s);
  const all: { z: number[]; ic: number; tis: number; cv: number; theta: number[][] }[] = [];
  const z = sizes.map(() => 0);
  for (;;) {
    const theta = sizes.map((s, j) => Array.from({ length: s }, (_, l) => z.reduce((acc, zi, i) => acc + model.matrix[off[i] + zi][off[j] + l], 0)));
    let ic = 0, tis = 0, cv = Infinity;
    theta.forEach((t, j) => {
      ic = Math.max(ic, Math.max(...t) - t[z[j]]);
      tis += t[z[j]];
      const others = t.filter((_, l) => l !== z[j]);
      if (others.length) cv = Math.min(cv, t[z[j]] - Math.max(...others));
    });
    all.push({ z: z.slice(), ic, tis, cv, theta });
    let d = sizes.length - 1;
    while (d >= 0 && ++z[d] === sizes[d]) z[d--] = 0;
    if (d < 0) break;
  }
  return all;
}

/** Global succession by the documented tie rule, written independently. */
function bruteSuccessor(z: number[], theta: number[][]): number[] {
  return theta.map((t, j) => {
    const max = Math.max(...t);
    return t[z[j]] === max ? z[j] : t.indexOf(max);
  });
}

const shapes: number[][] = [[3, 3, 4], [2, 3, 2, 3, 2], [4, 2, 3, 3, 2, 2], [3, 3, 3, 3, 3, 3, 2]];

describe('branch-and-bound = brute force', () => {
  for (let seed = 1; seed <= 24; seed++) {
    const sizes = shapes[seed % shapes.length];
    it(`seed ${seed}, sizes ${sizes.join('x')}: IC ≤ 0, 1, 2 and interventions`, () => {
      const model = randomModel(seed, sizes, 0.3 + (seed % 5) * 0.15, seed % 3 === 0);
      const all = bruteForce(model);
      for (const k of [0, 1, 2]) {
        const want = all.filter((s) => s.ic <= k).map((s) => `${s.z.join(' ')}|${s.ic}|${s.tis}|${s.cv}`).sort();
        const r = solveCib(model, { maxInconsistency: k });
        expect(r.scenarios.map((s) => `${s.variants.join(' ')}|${s.inconsistency}|${s.totalImpactScore}|${s.consistencyValue}`).sort()).toEqual(want);
        expect(r.space).toBe(all.length);
      }
      // intervention: fix descriptor 1 to variant 2 (0-based 1); its own consistency is not required
      const fixed = [null, 1];
      const want = all
        .filter((s) => s.z[1] === 1 && s.theta.every((t, j) => j === 1 || t[s.z[j]] === Math.max(...t)))
        .map((s) => s.z.join(' '))
        .sort();
      const r = solveCib(model, { fixed });
      expect(r.scenarios.map((s) => s.variants.join(' ')).sort()).toEqual(want);
      expect(r.space * sizes[1]).toBe(all.length);
      // checkFixed: the fixed descriptor must be consistent too
      const strict = solveCib(model, { fixed: { 1: 1 }, checkFixed: true });
      expect(strict.scenarios.map((s) => s.variants.join(' ')).sort()).toEqual(all.filter((s) => s.z[1] === 1 && s.ic === 0).map((s) => s.z.join(' ')).sort());
    });
  }
});

describe('succession and basins = brute force', () => {
  for (let seed = 101; seed <= 112; seed++) {
    const sizes = shapes[seed % shapes.length];
    it(`seed ${seed}: global successor with the tie rule, every basin, cycle starts`, () => {
      const model = randomModel(seed, sizes, 0.6);
      const all = bruteForce(model);
      const index = new Map(all.map((s, i) => [s.z.join(' '), i]));
      const succ = all.map((s) => index.get(bruteSuccessor(s.z, s.theta).join(' '))!);
      for (let i = 0; i < all.length; i += 7) expect(successor(model, all[i].z)).toEqual(all[succ[i]].z);
      // follow every start
      const ends = new Map<string, number>();
      let cycleStarts = 0;
      all.forEach((_, start) => {
        const seen = new Set<number>();
        let x = start;
        while (!seen.has(x)) { seen.add(x); x = succ[x]; }
        if (succ[x] === x) ends.set(all[x].z.join(' '), (ends.get(all[x].z.join(' ')) ?? 0) + 1);
        else cycleStarts++;
      });
      const b = analyseBasins(model, { method: 'exhaustive' });
      expect(Object.fromEntries(b.fixedPoints.map((a) => [a.scenarios[0].join(' '), a.basin]))).toEqual(Object.fromEntries(ends));
      expect(b.cycleStarts).toBe(cycleStarts);
      for (const c of b.cycles) {
        // a cycle maps onto itself under the successor
        for (let t = 0; t < c.scenarios.length; t++) expect(successor(model, c.scenarios[t])).toEqual(c.scenarios[(t + 1) % c.scenarios.length]);
      }
      // fixed points are exactly the consistent scenarios
      expect(b.fixedPoints.map((a) => a.scenarios[0].join(' ')).sort()).toEqual(all.filter((s) => s.ic === 0).map((s) => s.z.join(' ')).sort());
    });
  }

  it('adiabatic succession: one descriptor (the most inconsistent, lowest index on ties) moves per step', () => {
    const model = randomModel(7, [3, 3, 3, 3, 3], 0.7);
    const all = bruteForce(model);
    for (const s of all.slice(0, 60)) {
      const next = successor(model, s.z, 'adiabatic');
      const ics = s.theta.map((t, j) => Math.max(...t) - t[s.z[j]]);
      const worst = Math.max(...ics);
      if (worst === 0) { expect(next).toEqual(s.z); continue; }
      const j = ics.indexOf(worst);
      const want = s.z.slice();
      want[j] = s.theta[j].indexOf(Math.max(...s.theta[j]));
      expect(next).toEqual(want);
    }
    const b = analyseBasins(model, { mode: 'adiabatic' });
    expect(b.fixedPoints.reduce((a, x) => a + x.basin, 0) + b.cycleStarts).toBe(all.length);
    // the basins agree with running the adiabatic succession from every start
    const ends = new Map<string, number>();
    for (const s of all) {
      const r = runSuccession(model, s.z, { mode: 'adiabatic' });
      if (r.end === 'fixed') ends.set(r.attractor[0].join(' '), (ends.get(r.attractor[0].join(' ')) ?? 0) + 1);
    }
    expect(Object.fromEntries(b.fixedPoints.map((a) => [a.scenarios[0].join(' '), a.basin]))).toEqual(Object.fromEntries(ends));
  });

  it('tie rule: keeps the current variant if it is a maximum, otherwise the lowest-index maximum', () => {
    // two descriptors; A's variant 1 pushes B's balances to (2, 2, 0), A's variant 2 pushes B to (0, 1, 1)
    const model: CibModel = {
      descriptors: [{ name: 'A', variants: ['a1', 'a2'] }, { name: 'B', variants: ['b1', 'b2', 'b3'] }],
      matrix: [
        [0, 0, 2, 2, 0],
        [0, 0, 0, 1, 1],
        [1, 0, 0, 0, 0],
        [1, 0, 0, 0, 0],
        [1, 0, 0, 0, 0],
      ],
    };
    expect(successor(model, [0, 1])).toEqual([0, 1]); // b2 is a maximum: kept
    expect(successor(model, [0, 2])).toEqual([0, 0]); // b3 is not: lowest-index maximum b1
    expect(successor(model, [1, 0])).toEqual([0, 1]); // b2 and b3 tie: lowest index b2; A goes to a1
    expect(successor(model, [1, 2])).toEqual([0, 2]);
  });

  it('runSuccession reports fixed points and cycles of CIB-like models', () => {
    const model = randomModel(105, [3, 3, 4], 0.9);
    const all = bruteForce(model);
    for (const s of all) {
      const r = runSuccession(model, s.z);
      expect(r.path[0]).toEqual(s.z);
      if (r.end === 'fixed') expect(all.find((x) => x.z.join() === r.attractor[0].join())!.ic).toBe(0);
      else expect(r.attractor.length).toBeGreaterThan(1);
    }
  });

  it('Monte Carlo is reproducible with a seed and close to the exhaustive shares', () => {
    const model = randomModel(3, [3, 3, 3, 3, 3, 3], 0.6);
    const exact = analyseBasins(model, { method: 'exhaustive' });
    const a = analyseBasins(model, { method: 'monte-carlo', samples: 20000, seed: 5 });
    const b = analyseBasins(model, { method: 'monte-carlo', samples: 20000, seed: 5 });
    expect(a).toEqual(b);
    expect(a.method).toBe('monte-carlo');
    const est = new Map(a.fixedPoints.map((x) => [x.scenarios[0].join(), x.share]));
    for (const f of exact.fixedPoints) expect(Math.abs((est.get(f.scenarios[0].join()) ?? 0) - f.share)).toBeLessThan(0.02);
    expect(analyseBasins(model, { maxExhaustive: 100 }).method).toBe('monte-carlo');
  });
});

describe('progress and cancellation', () => {
  const model = randomModel(42, Array<number>(14).fill(3), 0.5);

  it('reports progress that ends at 1 and can be cancelled from the progress callback', () => {
    const fractions: number[] = [];
    const r = solveCib(model, { maxInconsistency: 3, progressEvery: 64, onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1] - 1e-12))).toBe(true);
    expect(r.complete).toBe(true);
    const controller = new AbortController();
    expect(() =>
      solveCib(model, { maxInconsistency: 3, progressEvery: 64, signal: controller.signal, onProgress: () => controller.abort() }),
    ).toThrow(CibCancelledError);
  });

  it('async variants give the same result and honour an AbortSignal', async () => {
    const sync = solveCib(model, { maxInconsistency: 1 });
    const async = await solveCibAsync(model, { maxInconsistency: 1 });
    expect(async.scenarios).toEqual(sync.scenarios);
    const controller = new AbortController();
    controller.abort();
    await expect(solveCibAsync(model, { maxInconsistency: 3, signal: controller.signal, progressEvery: 16 })).rejects.toThrow(CibCancelledError);
    const small = randomModel(9, [3, 3, 3, 3, 3, 3, 3, 3], 0.5);
    expect(await analyseBasinsAsync(small)).toEqual(analyseBasins(small));
  });

  it('basin analysis reports progress and can be cancelled', async () => {
    const m = randomModel(11, Array<number>(10).fill(3), 0.5);
    const phases = new Set<string>();
    analyseBasins(m, { onProgress: (p) => phases.add(p.phase) });
    expect(phases.has('successors')).toBe(true);
    const controller = new AbortController();
    expect(() => analyseBasins(m, { signal: controller.signal, onProgress: () => controller.abort() })).toThrow(CibCancelledError);
    const mc = new AbortController();
    expect(() => analyseBasins(m, { method: 'monte-carlo', samples: 50_000, signal: mc.signal, onProgress: () => mc.abort() })).toThrow(CibCancelledError);
    const late = new AbortController();
    const pending = analyseBasinsAsync(m, { signal: late.signal });
    late.abort();
    await expect(pending).rejects.toThrow(CibCancelledError);
  });

  it('maxSolutions stops early and marks the result incomplete', () => {
    const r = solveCib(model, { maxInconsistency: 6, maxSolutions: 5 });
    expect(r.scenarios).toHaveLength(5);
    expect(r.complete).toBe(false);
  });
});
