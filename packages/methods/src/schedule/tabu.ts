/**
 * Tabu search over a feasible schedule (the improvement phase after the annealing). Every iteration evaluates the
 * whole neighbourhood — all swaps of two equally long sessions and all relocations to a free allowed cell — and makes
 * the best move that is not tabu, even if it is worse (that is how it leaves local optima). A session may not go back
 * to a slot it left for a random tenure of iterations, unless that gives a new best schedule (aspiration). Room
 * changes within a slot are made only when they improve (as escape moves they would cycle through room permutations). Hard constraints stay satisfied throughout; the state ends in
 * the best schedule found.
 *
 * Evaluation is O(1) per move thanks to the gain table of {@link ScheduleState}: moving a one-slot session s from
 * slot a to slot b changes the missed votes by gain[s][b] − gain[s][a]; a swap of two one-slot sessions adds a
 * correction for the participants who voted for both, accumulated once per session over its voters.
 */
import type { ScheduleState } from './state.ts';
import type { Rng } from '../random.ts';
import { clock } from './clock.ts';

export interface TabuOptions {
  readonly rng: Rng;
  readonly iterations: number;
  /** `performance.clock()` value after which the search stops. */
  readonly deadline: number;
  /** Cost of one moved session (re-planning), 0 otherwise. */
  readonly moveWeight: number;
  /** Shortest tabu tenure in iterations; the tenure is drawn from [tenure, 2·tenure]. Default 8. */
  readonly tenure?: number;
  /** Stop as soon as the cost reaches this value (a lower bound). */
  readonly target?: number;
  /** Tests: after every move, compare its evaluated cost change and the gain and swap tables with a recomputation; throws on a mismatch. */
  readonly check?: boolean;
}

const EPS = 1e-9;

/** Runs the tabu search on a feasible state (hard = 0) and leaves the state in the best schedule found. Returns the iterations made. */
export function tabuSearch(st: ScheduleState, options: TabuOptions): number {
  const m = st.model;
  const { S, T, R, duration, overflowCost, voterWeight: w, votersOf, voterSets } = m;
  if (st.hard !== 0 || S < 2) return 0;
  const Wm = m.weights.missedVote;
  const Wo = m.weights.overflow;
  const Wmove = options.moveWeight;
  const prev = st.prevCells;
  const { pos, cnt, allowedCell } = st;
  const TR = T * R;
  const rng = options.rng;
  const tenure = options.tenure ?? 8;
  st.trackGains();
  const gain = st.gain!;
  const cost = (): number => Wm * st.missed + Wo * st.overflow + Wmove * st.moves;
  // Only sessions with a not-parallel partner or a host shared with another session can create a hard violation.
  const risky = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    if (m.partners[s].length > 0) risky[s] = 1;
    for (const h of m.hostsOf[s]) if (m.hostExclusive[h] && m.hostSessions[h].length > 1) risky[s] = 1;
  }
  const allExclusive = m.roomExclusive.every(Boolean);
  const slotOf = (c: number): number => Math.floor(c / R);
  const moveCost = (s: number, from: number, to: number): number =>
    prev && prev[s] >= 0 ? (prev[s] !== to ? 1 : 0) - (prev[s] !== from ? 1 : 0) : 0;

  /** Would moving a to ca1 and b (−1 = none) to cb1 break a hard constraint? Applies and reverts the core counters. */
  const breaksHard = (a: number, ca1: number, b: number, cb1: number): boolean => {
    if (!risky[a] && (b < 0 || !risky[b])) return false;
    const ca0 = pos[a];
    const cb0 = b >= 0 ? pos[b] : -1;
    const { overflow, moves } = st;
    st.removeCore(a);
    if (b >= 0) st.removeCore(b);
    st.placeCore(a, ca1);
    if (b >= 0) st.placeCore(b, cb1);
    const broken = st.hard > 0;
    st.removeCore(a);
    if (b >= 0) st.removeCore(b);
    st.placeCore(a, ca0);
    if (b >= 0) st.placeCore(b, cb0);
    st.overflow = overflow;
    st.moves = moves;
    return broken;
  };

  /** Missed-vote change of a swap involving a multi-slot session: apply and revert the vote counts (no gains). */
  const swapVotesSlow = (a: number, b: number): number => {
    const ca = pos[a];
    const cb = pos[b];
    const before = st.missed;
    st.gain = null;
    st.shiftVotes(a, ca, -1);
    st.shiftVotes(b, cb, -1);
    st.shiftVotes(a, cb, 1);
    st.shiftVotes(b, ca, 1);
    const d = st.missed - before;
    st.shiftVotes(a, cb, -1);
    st.shiftVotes(b, ca, -1);
    st.shiftVotes(a, ca, 1);
    st.shiftVotes(b, cb, 1);
    st.gain = gain;
    st.missed = before;
    return d;
  };

  /** Missed-vote change of relocating s to cell c: gains of the slots entered minus those of the slots left. */
  const relocateVotes = (s: number, c: number): number => {
    const d = duration[s];
    const from = slotOf(pos[s]);
    const to = slotOf(c);
    let delta = 0;
    for (let k = 0; k < d; k++) {
      const tIn = to + k;
      if (tIn < from || tIn >= from + d) delta += gain[s * T + tIn];
      const tOut = from + k;
      if (tOut < to || tOut >= to + d) delta -= gain[s * T + tOut];
    }
    return delta;
  };

  const tabuSlot = new Int32Array(S * T);
  // Per iteration: away[s·T + t] = gain[s·T + t] − gain[s·T + slot of s], the missed-vote change of moving one-slot
  // session s alone to slot t, and ownOverflow[s], the overflow cost in its current room. Precomputing them takes the
  // O(sessions²) swap scan down to a few loads per pair (gains are integer sums, so the vote change is exact in any order).
  const away = new Float64Array(S * T);
  const ownOverflow = new Float64Array(S);
  // Sessions allowed in every cell need no allowed-cell look-up in a swap.
  const anywhere = new Uint8Array(S);
  for (let s = 0; s < S; s++) anywhere[s] = m.allowed[s].length === TR ? 1 : 0;
  // Start slot and room per session (refreshed after every move), and typed copies of the vote lists.
  const slot = new Int32Array(S);
  const room = new Int32Array(S);
  const refresh = (s: number): void => {
    slot[s] = slotOf(pos[s]);
    room[s] = pos[s] % R;
  };
  for (let s = 0; s < S; s++) refresh(s);
  const setsArr = voterSets.map((list) => Int32Array.from(list));
  // Swap correction for participants who voted for both sessions of a swap (their counts do not change, but the two
  // gain differences count them): pair[a·S + b] = Σ_{v votes a and b} w_v (2 − other(a, v) − other(b, v)), with
  // other(x, v) = [v has another voted session in x's slot], kept per (vote set, member) in `other`.
  const offset = new Int32Array(setsArr.length + 1);
  setsArr.forEach((set, v) => (offset[v + 1] = offset[v] + set.length));
  const other = new Uint8Array(offset[setsArr.length]);
  const hasOther = (v: number, x: number): number => (duration[x] === 1 && cnt[v * T + slot[x]] >= 2 ? 1 : 0);
  const buildPairs = (flags: Uint8Array): Float64Array => {
    const table = new Float64Array(S * S);
    setsArr.forEach((set, v) => {
      for (let i = 0; i < set.length; i++) flags[offset[v] + i] = hasOther(v, set[i]);
      for (let i = 0; i < set.length; i++) {
        for (let j = i + 1; j < set.length; j++) {
          const value = w[v] * (2 - flags[offset[v] + i] - flags[offset[v] + j]);
          table[set[i] * S + set[j]] += value;
          table[set[j] * S + set[i]] += value;
        }
      }
    });
    return table;
  };
  const pair = buildPairs(other);
  const seen = new Int32Array(setsArr.length);
  let stamp = 0;
  /**
   * After a move: refresh `other` for the vote sets of s and, where it changed, the pair corrections. A flag depends
   * on its session's slot and that slot's count, so when every moved session is one slot long and only slots t1 and
   * t2 changed, only sessions now in t1 or t2 need a look (t1 = −1: look at all). `fresh` = false continues the
   * previous call's pass (the second session of a swap), skipping the vote sets that pass already refreshed.
   */
  const refreshPairs = (s: number, t1: number, t2: number, fresh: boolean): void => {
    if (fresh) stamp++;
    for (const v of votersOf[s]) {
      if (seen[v] === stamp) continue;
      seen[v] = stamp;
      const set = setsArr[v];
      const o = offset[v];
      for (let i = 0; i < set.length; i++) {
        const x = set[i];
        if (t1 >= 0 && slot[x] !== t1 && slot[x] !== t2) continue;
        const flag = hasOther(v, x);
        const diff = flag - other[o + i];
        if (diff === 0) continue;
        other[o + i] = flag;
        for (let j = 0; j < set.length; j++) {
          if (j === i) continue;
          pair[x * S + set[j]] -= w[v] * diff;
          pair[set[j] * S + x] -= w[v] * diff;
        }
      }
    }
  };
  // The move chosen in this iteration: the best delta so far, the number of moves tied with it, and the move itself.
  // (Typed arrays rather than captured `let`s, which V8 would box on every write.)
  const chosenDelta = new Float64Array(1);
  const chosen = new Int32Array(4); // ties, a, b, cell
  const consider = (delta: number, a: number, b: number, cell: number): void => {
    if (delta > chosenDelta[0] + EPS) return;
    const tie = delta >= chosenDelta[0] - EPS;
    if (tie && rng.int(chosen[0] + 1) !== 0) {
      chosen[0]++;
      return;
    }
    if (b >= 0 ? breaksHard(a, pos[b], b, pos[a]) : breaksHard(a, cell, -1, -1)) return;
    chosen[0] = tie ? chosen[0] + 1 : 1;
    if (!tie) chosenDelta[0] = delta;
    chosen[1] = a;
    chosen[2] = b;
    chosen[3] = cell;
  };
  const forbid = (s: number, from: number, until: number): void => {
    if (slot[s] !== from) tabuSlot[s * T + from] = until;
  };
  const verify = (applied: number, evaluated: number): void => {
    const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
    if (!close(applied, evaluated)) throw new Error(`tabu: move evaluated at ${evaluated}, applied ${applied}`);
    if (!st.computeGains().every((g, i) => close(g, gain[i]))) throw new Error('tabu: gain table out of date');
    if (!buildPairs(new Uint8Array(other.length)).every((x, i) => close(x, pair[i]))) throw new Error('tabu: swap corrections out of date');
    if (st.hard !== 0) throw new Error('tabu: a move broke a hard constraint');
  };
  const scan: SwapScan = {
    S, T, R, pos, slot, room, duration, anywhere, allowedCell, away, ownOverflow, pair, overflowCost, tabuSlot,
    Wm, Wo, Wmove, chosenDelta, consider, swapVotesSlow,
    moveCost: prev ? moveCost : null,
  };
  let current = cost();
  let best = current;
  const bestPos = pos.slice();
  let it = 0;
  const target = options.target ?? -Infinity;
  for (; it < options.iterations && best > target + EPS; it++) {
    if ((it & 15) === 0 && clock() > options.deadline) break;
    chosenDelta[0] = Infinity;
    chosen.fill(-1);
    chosen[0] = 0;
    for (let s = 0; s < S; s++) {
      const base = gain[s * T + slot[s]];
      for (let t = 0; t < T; t++) away[s * T + t] = gain[s * T + t] - base;
      ownOverflow[s] = overflowCost[s * R + room[s]];
    }
    let tabuBlocked = scanSwaps(scan, it, current, best);
    // Relocations into free cells (none when every room-slot of exclusive rooms is taken).
    let free = !allExclusive;
    for (let i = 0; i < TR && !free; i++) free = st.occ[i] < 0;
    if (free) {
      for (let s = 0; s < S; s++) {
        const cs = pos[s];
        const ts = slot[s];
        for (const c of m.allowed[s]) {
          if (c === cs || !st.isFree(s, c)) continue;
          const tc = slotOf(c);
          const delta = Wm * (tc !== ts ? relocateVotes(s, c) : 0)
            + Wo * (overflowCost[s * R + (c % R)] - overflowCost[s * R + room[s]])
            + Wmove * moveCost(s, cs, c);
          if (tc === ts) {
            if (delta >= -EPS) continue;
          } else if (tabuSlot[s * T + tc] > it && current + delta >= best - EPS) {
            tabuBlocked = true;
            continue;
          }
          consider(delta, s, -1, c);
        }
      }
    }
    const moveA = chosen[1];
    const moveB = chosen[2];
    if (moveA < 0) {
      // Every move is tabu (small instances): wait for tenures to expire. No move at all: nothing to search.
      if (tabuBlocked) continue;
      break;
    }
    const ta = slot[moveA];
    if (moveB >= 0) {
      const ca = pos[moveA];
      const cb = pos[moveB];
      const tb = slot[moveB];
      st.remove(moveA);
      st.remove(moveB);
      st.place(moveA, cb);
      st.place(moveB, ca);
      refresh(moveA);
      refresh(moveB);
      const single = duration[moveA] === 1;
      refreshPairs(moveA, single ? ta : -1, tb, true);
      refreshPairs(moveB, single ? ta : -1, tb, false);
      forbid(moveA, ta, it + tenure + rng.int(tenure + 1));
      forbid(moveB, tb, it + tenure + rng.int(tenure + 1));
    } else {
      st.remove(moveA);
      st.place(moveA, chosen[3]);
      refresh(moveA);
      refreshPairs(moveA, duration[moveA] === 1 ? ta : -1, slot[moveA], true);
      forbid(moveA, ta, it + tenure + rng.int(tenure + 1));
    }
    const before = current;
    current = cost();
    if (options.check) verify(current - before, chosenDelta[0]);
    if (current < best - EPS) {
      best = current;
      bestPos.set(pos);
    }
  }
  // Back to the best schedule found (without the gain bookkeeping).
  st.gain = null;
  for (let s = 0; s < S; s++) if (pos[s] !== bestPos[s]) st.remove(s);
  for (let s = 0; s < S; s++) if (pos[s] < 0) st.place(s, bestPos[s]);
  return it;
}

/** What {@link scanSwaps} reads: the search's typed arrays and weights, and the callbacks for the rare cases. */
interface SwapScan {
  readonly S: number;
  readonly T: number;
  readonly R: number;
  readonly pos: Int32Array;
  readonly slot: Int32Array;
  readonly room: Int32Array;
  readonly duration: Int32Array;
  readonly anywhere: Uint8Array;
  readonly allowedCell: Uint8Array;
  readonly away: Float64Array;
  readonly ownOverflow: Float64Array;
  readonly pair: Float64Array;
  readonly overflowCost: Float64Array;
  readonly tabuSlot: Int32Array;
  readonly Wm: number;
  readonly Wo: number;
  readonly Wmove: number;
  readonly chosenDelta: Float64Array;
  readonly consider: (delta: number, a: number, b: number, cell: number) => void;
  readonly swapVotesSlow: (a: number, b: number) => number;
  /** Moved-session cost change when re-planning; null otherwise. */
  readonly moveCost: ((s: number, from: number, to: number) => number) | null;
}

/**
 * All swaps of two equally long sessions in one iteration (the O(sessions²) hot loop, kept in its own function so
 * that V8 optimises it with everything in locals). Passes each swap that can be chosen to `consider`; returns whether
 * a swap was skipped for being tabu.
 */
function scanSwaps(c: SwapScan, it: number, current: number, best: number): boolean {
  const { S, T, R, pos, slot, room, duration, anywhere, allowedCell, away, ownOverflow, pair, overflowCost, tabuSlot, Wm, Wo, Wmove, chosenDelta, moveCost } = c;
  const TR = T * R;
  let tabuBlocked = false;
  for (let a = 0; a < S - 1; a++) {
    const ca = pos[a];
    const ta = slot[a];
    const ra = room[a];
    const da = duration[a];
    const aT = a * T;
    const aR = a * R;
    const aS = a * S;
    const aTR = a * TR;
    const ovA = ownOverflow[a];
    const aAnywhere = anywhere[a];
    for (let b = a + 1; b < S; b++) {
      if (duration[b] !== da) continue;
      const cb = pos[b];
      if (!(aAnywhere & anywhere[b]) && (allowedCell[aTR + cb] === 0 || allowedCell[b * TR + ca] === 0)) continue;
      const tb = slot[b];
      const rb = room[b];
      let votes = 0;
      if (ta !== tb) votes = da === 1 ? away[aT + tb] + away[b * T + ta] - pair[aS + b] : c.swapVotesSlow(a, b);
      let delta = Wm * votes + Wo * (overflowCost[aR + rb] + overflowCost[b * R + ra] - ovA - ownOverflow[b]);
      if (moveCost !== null) delta += Wmove * (moveCost(a, ca, cb) + moveCost(b, cb, ca));
      if (delta > chosenDelta[0] + EPS) continue;
      // Room changes within a slot only when they improve: as escape moves they would cycle through room permutations.
      if (ta === tb) {
        if (delta >= -EPS) continue;
      } else if ((tabuSlot[aT + tb] > it || tabuSlot[b * T + ta] > it) && current + delta >= best - EPS) {
        tabuBlocked = true;
        continue;
      }
      c.consider(delta, a, b, -1);
    }
  }
  return tabuBlocked;
}
