/**
 * Seeded generator of barcamp scheduling instances for the benchmark (not part of `npm test`).
 * `uniform`: each participant votes for 5–10 sessions drawn with popularity weights (realistic, optimum unknown).
 * `planted`: a hidden schedule exists in which every participant's votes fall into distinct slots as far as possible,
 * so the trivial bound Σ max(0, votes − slots) is the proven optimum of the missed-vote term.
 */
import type { ScheduleInstance } from '../../packages/methods/src/schedule/types.ts';
import { createRng } from '../../packages/methods/src/random.ts';

export interface GeneratorOptions {
  sessions?: number;
  rooms?: number;
  slots?: number;
  participants?: number;
  minVotes?: number;
  maxVotes?: number;
  seed?: number;
  kind?: 'uniform' | 'planted';
}

export function generateInstance(options: GeneratorOptions = {}): ScheduleInstance {
  const S = options.sessions ?? 60;
  const R = options.rooms ?? 10;
  const T = options.slots ?? 6;
  const P = options.participants ?? 400;
  const lo = options.minVotes ?? 5;
  const hi = options.maxVotes ?? 10;
  const rng = createRng(options.seed ?? 42);
  const slots = Array.from({ length: T }, (_, t) => ({ id: `t${t + 1}`, day: 'day1' }));
  const capacities = [80, 60, 50, 40, 40, 30, 30, 25, 20, 20];
  const rooms = Array.from({ length: R }, (_, r) => ({ id: `room${r + 1}`, capacity: capacities[r % capacities.length] }));
  const hostsPool = Math.floor(S * 0.8);
  const sessions = Array.from({ length: S }, (_, s) => ({ id: `s${s + 1}`, hosts: [`h${s % hostsPool}`] }));
  const popularity = Array.from({ length: S }, () => 0.3 + rng.next() * 1.7);
  // Hidden slot of session s: floor(s / R); sessions sharing a host (s, s + hostsPool) land in different hidden slots.
  const hiddenSlot = Array.from({ length: S }, (_, s) => Math.floor(s / R) % T);
  const votes = [];
  for (let p = 0; p < P; p++) {
    const k = lo + rng.int(hi - lo + 1);
    const chosen = new Set<number>();
    if (options.kind === 'planted') {
      // Fill distinct hidden slots first, then repeat slots only when more votes than slots.
      const slotOrder = Array.from({ length: T }, (_, t) => t).sort(() => rng.next() - 0.5);
      let i = 0;
      while (chosen.size < k) {
        const t = slotOrder[i % T];
        const candidates = Array.from({ length: S }, (_, s) => s).filter((s) => hiddenSlot[s] === t && !chosen.has(s));
        chosen.add(candidates[rng.int(candidates.length)]);
        i++;
      }
    } else {
      const total = popularity.reduce((a, b) => a + b, 0);
      while (chosen.size < k) {
        let x = rng.next() * total;
        let s = 0;
        while (x > popularity[s]) x -= popularity[s++];
        chosen.add(Math.min(s, S - 1));
      }
    }
    votes.push({ participant: `p${p + 1}`, sessions: [...chosen].map((s) => `s${s + 1}`) });
  }
  return { name: `bench-${options.kind ?? 'uniform'}-${options.seed ?? 42}`, slots, rooms, sessions, votes, options: { turnout: 0.6 } };
}
