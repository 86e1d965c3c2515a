/**
 * Mutable search state shared by the annealing and the tabu search: a cell per session plus the counters from which
 * every cost term follows incrementally (room occupancy, host load per slot, votes per participant and slot).
 * Removing or placing a session costs O(voters of the session × duration).
 */
import type { CompiledModel } from './model.ts';

export class ScheduleState {
  readonly model: CompiledModel;
  /** Cell per session (−1 = unscheduled). */
  readonly pos: Int32Array;
  /** Occupant per cell-slot `t * R + r` of exclusive rooms (−1 = free). */
  readonly occ: Int32Array;
  /** Sessions per exclusive host and slot. */
  readonly busy: Int32Array;
  /** Voted sessions per vote set and slot, `v * T + t`. */
  readonly cnt: Int32Array;
  /** allowedCell[s * T * R + c] = 1 if session s may start in cell c. */
  readonly allowedCell: Uint8Array;
  /**
   * Optional gain table for the tabu search: `gain[s * T + t]` = weighted number of voters of s who have another
   * voted session in slot t (so moving a one-slot session s from slot a to slot b changes the missed votes by
   * `gain[s·T + b] − gain[s·T + a]`). Maintained only after {@link trackGains}.
   */
  gain: Float64Array | null = null;
  /** Hard violations: unscheduled sessions, host double-bookings, not-parallel pairs that overlap. */
  hard: number;
  missed = 0;
  overflow = 0;
  /** Sessions away from their previous cell (re-planning). */
  moves = 0;
  /** Previous cells when re-planning (−1 = new session). */
  readonly prevCells: ArrayLike<number> | undefined;
  /** Start slot per session (−1 = unscheduled), kept with {@link pos} so the vote loops need no division. */
  readonly start: Int32Array;
  // The model's vote sets and each session's voters as flat index arrays (CSR): the vote bookkeeping runs once per
  // moved session and voter, and typed arrays keep those loops free of nested-array look-ups.
  private readonly setOffset: Int32Array;
  private readonly setItems: Int32Array;
  private readonly voterOffset: Int32Array;
  private readonly voterItems: Int32Array;

  constructor(model: CompiledModel, previous?: ArrayLike<number>) {
    const { S, T, R } = model;
    this.model = model;
    this.prevCells = previous;
    this.pos = new Int32Array(S).fill(-1);
    this.occ = new Int32Array(T * R).fill(-1);
    this.busy = new Int32Array(model.hostIds.length * T);
    this.cnt = new Int32Array(model.voterSets.length * T);
    this.allowedCell = new Uint8Array(S * T * R);
    for (let s = 0; s < S; s++) for (const c of model.allowed[s]) this.allowedCell[s * T * R + c] = 1;
    this.hard = S;
    this.start = new Int32Array(S).fill(-1);
    [this.setOffset, this.setItems] = flatten(model.voterSets);
    [this.voterOffset, this.voterItems] = flatten(model.votersOf);
  }

  /** Starts maintaining {@link gain} (O(Σ voters × sessions per voter × slots) once). */
  trackGains(): void {
    this.gain = this.computeGains();
  }

  /** The gain table of the current cells, computed from scratch. */
  computeGains(): Float64Array {
    const { S, T, R } = this.model;
    const gain = new Float64Array(S * T);
    for (let s = 0; s < S; s++) {
      const start = this.pos[s] < 0 ? -1 : Math.floor(this.pos[s] / R);
      for (const v of this.model.votersOf[s]) {
        for (let t = 0; t < T; t++) {
          const own = start >= 0 && t >= start && t < start + this.model.duration[s] ? 1 : 0;
          if (this.cnt[v * T + t] - own >= 1) gain[s * T + t] += this.model.voterWeight[v];
        }
      }
    }
    return gain;
  }

  /** Does session a in cell ca overlap in time with session b in cell cb? */
  overlaps(a: number, ca: number, b: number, cb: number): boolean {
    const R = this.model.R;
    const ta = Math.floor(ca / R);
    const tb = Math.floor(cb / R);
    return ta < tb + this.model.duration[b] && tb < ta + this.model.duration[a];
  }

  /** Is cell c free for session s (ignoring s itself)? */
  isFree(s: number, c: number): boolean {
    const { R, roomExclusive, duration } = this.model;
    const r = c % R;
    if (!roomExclusive[r]) return true;
    const t0 = Math.floor(c / R);
    for (let k = 0; k < duration[s]; k++) {
      const o = this.occ[(t0 + k) * R + r];
      if (o >= 0 && o !== s) return false;
    }
    return true;
  }

  /** Takes session s out of its cell: rooms, hosts, not-parallel pairs, overflow and moves (not the votes). */
  removeCore(s: number): void {
    const c = this.pos[s];
    if (c < 0) return;
    const m = this.model;
    const { T, R } = m;
    const t0 = Math.floor(c / R);
    const r = c % R;
    for (const p of m.partners[s]) if (this.pos[p] >= 0 && this.overlaps(s, c, p, this.pos[p])) this.hard--;
    for (let k = 0; k < m.duration[s]; k++) {
      const t = t0 + k;
      if (m.roomExclusive[r]) this.occ[t * R + r] = -1;
      for (const h of m.hostsOf[s]) {
        if (!m.hostExclusive[h]) continue;
        if (this.busy[h * T + t] >= 2) this.hard--;
        this.busy[h * T + t]--;
      }
    }
    this.overflow -= m.overflowCost[s * R + r];
    if (this.prevCells && this.prevCells[s] >= 0 && this.prevCells[s] !== c) this.moves--;
    this.pos[s] = -1;
    this.start[s] = -1;
    this.hard++;
  }

  /** Puts session s into cell c (the counterpart of {@link removeCore}). */
  placeCore(s: number, c: number): void {
    const m = this.model;
    const { T, R } = m;
    const t0 = Math.floor(c / R);
    const r = c % R;
    for (const p of m.partners[s]) if (this.pos[p] >= 0 && this.overlaps(s, c, p, this.pos[p])) this.hard++;
    for (let k = 0; k < m.duration[s]; k++) {
      const t = t0 + k;
      if (m.roomExclusive[r]) this.occ[t * R + r] = s;
      for (const h of m.hostsOf[s]) {
        if (!m.hostExclusive[h]) continue;
        if (this.busy[h * T + t] >= 1) this.hard++;
        this.busy[h * T + t]++;
      }
    }
    this.overflow += m.overflowCost[s * R + r];
    if (this.prevCells && this.prevCells[s] >= 0 && this.prevCells[s] !== c) this.moves++;
    this.pos[s] = c;
    this.start[s] = t0;
    this.hard--;
  }

  /** Adds (+1) or removes (−1) the votes of session s in cell c, keeping {@link gain} up to date if tracked. */
  shiftVotes(s: number, c: number, sign: 1 | -1): void {
    if (c < 0) return;
    const m = this.model;
    const T = m.T;
    const t0 = Math.floor(c / m.R);
    const w = m.voterWeight;
    const { cnt, gain, start, setOffset, setItems, voterItems } = this;
    const duration = m.duration;
    const threshold = sign > 0 ? 1 : 2;
    const first = this.voterOffset[s];
    const last = this.voterOffset[s + 1];
    let missed = this.missed;
    for (let k = 0; k < duration[s]; k++) {
      const t = t0 + k;
      for (let j = first; j < last; j++) {
        const v = voterItems[j];
        const i = v * T + t;
        const old = cnt[i];
        if (old >= threshold) missed += sign * w[v];
        cnt[i] = old + sign;
        if (gain === null) continue;
        // gain[x·T + t] counts v for each other voted session x iff v has a voted session in t besides x. cnt (with
        // s counted on removal, not yet on placement) going 0 → 1 or 1 → 0 turns that on or off for all of v's other
        // sessions; 1 → 2 or 2 → 1 only for the one other session already in t; any other change for none.
        const others = sign > 0 ? old : old - 1;
        if (others > 1) continue;
        const change = sign * w[v];
        for (let q = setOffset[v], end = setOffset[v + 1]; q < end; q++) {
          const x = setItems[q];
          if (x === s) continue;
          if (others === 0) {
            gain[x * T + t] += change;
            continue;
          }
          const sx = start[x];
          if (sx >= 0 && t >= sx && t < sx + duration[x]) {
            gain[x * T + t] += change;
            break;
          }
        }
      }
    }
    this.missed = missed;
  }

  /** Removes session s completely. */
  remove(s: number): void {
    this.shiftVotes(s, this.pos[s], -1);
    this.removeCore(s);
  }

  /** Places session s into cell c completely. */
  place(s: number, c: number): void {
    this.placeCore(s, c);
    this.shiftVotes(s, c, 1);
  }
}

/** Lists of indices as one offset array (length n + 1) and one item array. */
function flatten(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const offset = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (offset[i + 1] = offset[i] + list.length));
  const items = new Int32Array(offset[lists.length]);
  lists.forEach((list, i) => items.set(list, offset[i]));
  return [offset, items];
}
