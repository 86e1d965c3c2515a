/**
 * Validation and compilation of a {@link ScheduleInstance} into dense index arrays used by the evaluator, the
 * heuristic and the ILP. Hard constraints are grouped ({@link ConstraintGroup}) so that groups can be relaxed one by
 * one when searching for an irreducible infeasible subset.
 */
import type { ObjectiveWeights, Schedule, ScheduleInstance } from './types.ts';
import { ScheduleInputError, type ConstraintGroup } from './errors.ts';

/** Default objective weights: missed votes dominate room overflow. */
export const DEFAULT_WEIGHTS: ObjectiveWeights = { missedVote: 1000, overflow: 1 };

/** Dense, index-based form of an instance. Cells are encoded as `startSlot * R + room`. */
export interface CompiledModel {
  readonly instance: ScheduleInstance;
  readonly S: number;
  readonly T: number;
  readonly R: number;
  readonly sessionIds: readonly string[];
  readonly slotIds: readonly string[];
  readonly roomIds: readonly string[];
  readonly sessionIndex: ReadonlyMap<string, number>;
  readonly slotIndex: ReadonlyMap<string, number>;
  readonly roomIndex: ReadonlyMap<string, number>;
  readonly duration: Int32Array;
  readonly day: Int32Array;
  /** Allowed cells per session under the enabled constraint groups. */
  readonly allowed: readonly Int32Array[];
  /** Cells per session that are structurally possible (the session fits into the day), ignoring all groups. */
  readonly structural: readonly Int32Array[];
  readonly hostIds: readonly string[];
  readonly hostsOf: readonly (readonly number[])[];
  readonly hostSessions: readonly (readonly number[])[];
  /** Per host: is double-booking forbidden (group enabled)? */
  readonly hostExclusive: readonly boolean[];
  /** Per room: at most one session at a time (group enabled)? */
  readonly roomExclusive: readonly boolean[];
  /** Enabled not-parallel pairs (i < j). */
  readonly notParallel: readonly (readonly [number, number])[];
  readonly partners: readonly (readonly number[])[];
  /** Distinct vote sets, with multiplicity. */
  readonly voterSets: readonly (readonly number[])[];
  readonly voterWeight: Float64Array;
  /** Participant ids behind each distinct vote set. */
  readonly voterMembers: readonly (readonly string[])[];
  /** For each session, the vote-set indices that include it. */
  readonly votersOf: readonly (readonly number[])[];
  readonly votes: Int32Array;
  readonly demand: Float64Array;
  readonly capacity: Float64Array;
  /** `max(0, demand[s] - capacity[r])` at index `s * R + r`. */
  readonly overflowCost: Float64Array;
  readonly weights: ObjectiveWeights;
  /** All hard-constraint groups of the instance. */
  readonly groups: readonly ConstraintGroup[];
  /** Ids of the groups switched off in this compilation. */
  readonly relaxed: ReadonlySet<string>;
}

function checkIds(list: readonly { id: string }[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  list.forEach((item, i) => {
    if (typeof item?.id !== 'string' || item.id === '') throw new ScheduleInputError('invalid-value', `${what}[${i}].id`, 'must be a non-empty string');
    if (map.has(item.id)) throw new ScheduleInputError('duplicate-id', `${what}[${i}].id`, `duplicate id "${item.id}"`);
    map.set(item.id, i);
  });
  return map;
}

function lookup(map: ReadonlyMap<string, number>, id: unknown, path: string, code: 'unknown-session' | 'unknown-slot' | 'unknown-room'): number {
  const i = typeof id === 'string' ? map.get(id) : undefined;
  if (i === undefined) throw new ScheduleInputError(code, path, `unknown ${code.slice(8)} id "${String(id)}"`);
  return i;
}

/**
 * Validates an instance and compiles it. `relaxed` lists constraint-group ids to switch off (used for the
 * infeasibility analysis). Throws {@link ScheduleInputError} on malformed input.
 */
export function compile(instance: ScheduleInstance, relaxed: ReadonlySet<string> = new Set()): CompiledModel {
  if (!instance || typeof instance !== 'object') throw new ScheduleInputError('invalid-value', '$', 'instance must be an object');
  for (const key of ['slots', 'rooms', 'sessions'] as const) {
    if (!Array.isArray(instance[key])) throw new ScheduleInputError('invalid-value', key, 'must be an array');
  }
  const slotIndex = checkIds(instance.slots, 'slots');
  const roomIndex = checkIds(instance.rooms, 'rooms');
  const sessionIndex = checkIds(instance.sessions, 'sessions');
  const T = instance.slots.length;
  const R = instance.rooms.length;
  const S = instance.sessions.length;
  if (S > 0 && (T === 0 || R === 0)) throw new ScheduleInputError('invalid-value', T === 0 ? 'slots' : 'rooms', 'needs at least one entry');

  // Days and the longest day.
  const dayNames = new Map<string, number>();
  const day = new Int32Array(T);
  instance.slots.forEach((slot, t) => {
    const name = slot.day ?? '';
    if (!dayNames.has(name)) dayNames.set(name, dayNames.size);
    day[t] = dayNames.get(name)!;
  });
  // Length of the run of same-day slots starting at t.
  const runFrom = new Int32Array(T);
  for (let t = T - 1; t >= 0; t--) runFrom[t] = t + 1 < T && day[t + 1] === day[t] ? runFrom[t + 1] + 1 : 1;
  const longestDay = Math.max(0, ...runFrom);

  const weights: ObjectiveWeights = { ...DEFAULT_WEIGHTS, ...(instance.options?.weights ?? {}) };
  for (const [k, v] of Object.entries(weights)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ScheduleInputError('invalid-value', `options.weights.${k}`, 'must be a non-negative number');
  }
  const turnout = instance.options?.turnout ?? 1;
  if (typeof turnout !== 'number' || !(turnout >= 0)) throw new ScheduleInputError('invalid-value', 'options.turnout', 'must be a non-negative number');

  const capacity = new Float64Array(R);
  const roomFeatures: Set<string>[] = [];
  const roomUnavailable: Set<number>[] = [];
  const groups: ConstraintGroup[] = [];
  instance.rooms.forEach((room, r) => {
    const cap = room.capacity;
    if (cap !== undefined && (typeof cap !== 'number' || !(cap >= 0))) throw new ScheduleInputError('invalid-value', `rooms[${r}].capacity`, 'must be a non-negative number');
    capacity[r] = cap ?? Infinity;
    roomFeatures.push(new Set(room.features ?? []));
    roomUnavailable.push(new Set((room.unavailable ?? []).map((id, i) => lookup(slotIndex, id, `rooms[${r}].unavailable[${i}]`, 'unknown-slot'))));
    groups.push({ id: `room-exclusive:${room.id}`, kind: 'room-exclusive', sessions: [], room: room.id, description: `room "${room.id}" holds one session at a time` });
    if (roomUnavailable[r].size > 0) {
      groups.push({ id: `room-unavailable:${room.id}`, kind: 'room-unavailable', sessions: [], room: room.id, description: `room "${room.id}" is unavailable in slots ${[...roomUnavailable[r]].map((t) => instance.slots[t].id).join(', ')}` });
    }
  });

  // Hosts and availability.
  const hostIndex = new Map<string, number>();
  const hostIds: string[] = [];
  const hostAllowed: (Set<number> | null)[] = [];
  const hostOf = (id: string): number => {
    let h = hostIndex.get(id);
    if (h === undefined) {
      h = hostIds.length;
      hostIndex.set(id, h);
      hostIds.push(id);
      hostAllowed.push(null);
    }
    return h;
  };
  (instance.hosts ?? []).forEach((host, i) => {
    if (typeof host?.id !== 'string') throw new ScheduleInputError('invalid-value', `hosts[${i}].id`, 'must be a string');
    const h = hostOf(host.id);
    let allowed: Set<number> | null = null;
    if (host.available) allowed = new Set(host.available.map((id, k) => lookup(slotIndex, id, `hosts[${i}].available[${k}]`, 'unknown-slot')));
    if (host.unavailable) {
      if (!allowed) allowed = new Set(instance.slots.map((_, t) => t));
      host.unavailable.forEach((id, k) => allowed!.delete(lookup(slotIndex, id, `hosts[${i}].unavailable[${k}]`, 'unknown-slot')));
    }
    hostAllowed[h] = allowed;
  });

  const duration = new Int32Array(S);
  const hostsOf: number[][] = [];
  const pairSet = new Set<string>();
  const notParallelAll: [number, number][] = [];
  instance.sessions.forEach((session, s) => {
    const d = session.duration ?? 1;
    if (!Number.isInteger(d) || d < 1) throw new ScheduleInputError('invalid-value', `sessions[${s}].duration`, 'must be a positive integer');
    if (d > longestDay) throw new ScheduleInputError('session-longer-than-day', `sessions[${s}].duration`, `session "${session.id}" needs ${d} consecutive slots, but the longest day has ${longestDay}`);
    duration[s] = d;
    hostsOf.push([...new Set(session.hosts ?? [])].map(hostOf));
    if (session.fixed?.slot !== undefined) lookup(slotIndex, session.fixed.slot, `sessions[${s}].fixed.slot`, 'unknown-slot');
    if (session.fixed?.room !== undefined) lookup(roomIndex, session.fixed.room, `sessions[${s}].fixed.room`, 'unknown-room');
    (session.notParallelTo ?? []).forEach((other, k) => {
      const o = lookup(sessionIndex, other, `sessions[${s}].notParallelTo[${k}]`, 'unknown-session');
      if (o === s) return;
      const a = Math.min(s, o);
      const b = Math.max(s, o);
      if (!pairSet.has(`${a},${b}`)) {
        pairSet.add(`${a},${b}`);
        notParallelAll.push([a, b]);
      }
    });
    if (session.expectedAttendance !== undefined && !(session.expectedAttendance >= 0)) {
      throw new ScheduleInputError('invalid-value', `sessions[${s}].expectedAttendance`, 'must be a non-negative number');
    }
  });
  const H = hostIds.length;
  const hostSessions: number[][] = Array.from({ length: H }, () => []);
  hostsOf.forEach((hs, s) => hs.forEach((h) => hostSessions[h].push(s)));

  // Groups of session-level constraints.
  instance.sessions.forEach((session, s) => {
    if (session.fixed?.slot !== undefined) groups.push({ id: `fixed-slot:${session.id}`, kind: 'fixed-slot', sessions: [session.id], description: `session "${session.id}" starts in slot "${session.fixed.slot}"` });
    if (session.fixed?.room !== undefined) groups.push({ id: `fixed-room:${session.id}`, kind: 'fixed-room', sessions: [session.id], room: session.fixed.room, description: `session "${session.id}" is in room "${session.fixed.room}"` });
    if ((session.requires ?? []).length > 0) groups.push({ id: `room-features:${session.id}`, kind: 'room-features', sessions: [session.id], description: `session "${session.id}" needs a room with ${session.requires!.join(', ')}` });
  });
  hostIds.forEach((id, h) => {
    const sessions = hostSessions[h].map((s) => instance.sessions[s].id);
    if (hostAllowed[h] && sessions.length > 0) {
      groups.push({ id: `host-availability:${id}`, kind: 'host-availability', sessions, host: id, description: `host "${id}" is available only in slots ${[...hostAllowed[h]!].sort((a, b) => a - b).map((t) => instance.slots[t].id).join(', ') || '(none)'}` });
    }
    if (sessions.length > 1) groups.push({ id: `host-exclusive:${id}`, kind: 'host-exclusive', sessions, host: id, description: `host "${id}" runs only one of ${sessions.map((x) => `"${x}"`).join(', ')} at a time` });
  });
  for (const [a, b] of notParallelAll) {
    const ia = instance.sessions[a].id;
    const ib = instance.sessions[b].id;
    groups.push({ id: `not-parallel:${ia}|${ib}`, kind: 'not-parallel', sessions: [ia, ib], description: `sessions "${ia}" and "${ib}" must not run in parallel` });
  }
  const on = (id: string): boolean => !relaxed.has(id);

  // Allowed cells.
  const structural: Int32Array[] = [];
  const allowed: Int32Array[] = [];
  instance.sessions.forEach((session, s) => {
    const d = duration[s];
    const fixedSlot = session.fixed?.slot !== undefined && on(`fixed-slot:${session.id}`) ? slotIndex.get(session.fixed.slot)! : -1;
    const fixedRoom = session.fixed?.room !== undefined && on(`fixed-room:${session.id}`) ? roomIndex.get(session.fixed.room)! : -1;
    const needs = on(`room-features:${session.id}`) ? session.requires ?? [] : [];
    const st: number[] = [];
    const al: number[] = [];
    for (let t = 0; t < T; t++) {
      if (runFrom[t] < d) continue;
      let slotOk = fixedSlot < 0 || fixedSlot === t;
      for (const h of hostsOf[s]) {
        if (!hostAllowed[h] || !on(`host-availability:${hostIds[h]}`)) continue;
        for (let k = 0; k < d; k++) if (!hostAllowed[h]!.has(t + k)) slotOk = false;
      }
      for (let r = 0; r < R; r++) {
        st.push(t * R + r);
        if (!slotOk) continue;
        if (fixedRoom >= 0 && fixedRoom !== r) continue;
        if (needs.some((f) => !roomFeatures[r].has(f))) continue;
        if (on(`room-unavailable:${instance.rooms[r].id}`)) {
          let free = true;
          for (let k = 0; k < d; k++) if (roomUnavailable[r].has(t + k)) free = false;
          if (!free) continue;
        }
        al.push(t * R + r);
      }
    }
    structural.push(Int32Array.from(st));
    allowed.push(Int32Array.from(al));
  });

  const hostExclusive = hostIds.map((id) => on(`host-exclusive:${id}`));
  const roomExclusive = instance.rooms.map((room) => on(`room-exclusive:${room.id}`));
  const notParallel = notParallelAll.filter(([a, b]) => on(`not-parallel:${instance.sessions[a].id}|${instance.sessions[b].id}`));
  const partners: number[][] = Array.from({ length: S }, () => []);
  for (const [a, b] of notParallel) {
    partners[a].push(b);
    partners[b].push(a);
  }

  // Votes, aggregated by identical vote sets.
  const votes = new Int32Array(S);
  const setIndex = new Map<string, number>();
  const voterSets: number[][] = [];
  const voterWeightList: number[] = [];
  const voterMembers: string[][] = [];
  (instance.votes ?? []).forEach((vote, i) => {
    if (typeof vote?.participant !== 'string') throw new ScheduleInputError('invalid-value', `votes[${i}].participant`, 'must be a string');
    if (!Array.isArray(vote.sessions)) throw new ScheduleInputError('invalid-value', `votes[${i}].sessions`, 'must be an array');
    const set = [...new Set(vote.sessions.map((id, k) => lookup(sessionIndex, id, `votes[${i}].sessions[${k}]`, 'unknown-session')))].sort((a, b) => a - b);
    for (const s of set) votes[s]++;
    if (set.length === 0) return;
    const key = set.join(',');
    let v = setIndex.get(key);
    if (v === undefined) {
      v = voterSets.length;
      setIndex.set(key, v);
      voterSets.push(set);
      voterWeightList.push(0);
      voterMembers.push([]);
    }
    voterWeightList[v]++;
    voterMembers[v].push(vote.participant);
  });
  const votersOf: number[][] = Array.from({ length: S }, () => []);
  voterSets.forEach((set, v) => set.forEach((s) => votersOf[s].push(v)));
  const demand = new Float64Array(S);
  instance.sessions.forEach((session, s) => {
    demand[s] = session.expectedAttendance ?? votes[s] * turnout;
  });
  const overflowCost = new Float64Array(S * R);
  for (let s = 0; s < S; s++) for (let r = 0; r < R; r++) overflowCost[s * R + r] = Math.max(0, demand[s] - capacity[r]);

  return {
    instance, S, T, R,
    sessionIds: instance.sessions.map((x) => x.id),
    slotIds: instance.slots.map((x) => x.id),
    roomIds: instance.rooms.map((x) => x.id),
    sessionIndex, slotIndex, roomIndex, duration, day, allowed, structural,
    hostIds, hostsOf, hostSessions, hostExclusive, roomExclusive, notParallel, partners,
    voterSets, voterWeight: Float64Array.from(voterWeightList), voterMembers, votersOf, votes, demand, capacity, overflowCost,
    weights, groups, relaxed,
  };
}

/**
 * Converts a schedule to cell codes (`start * R + room`, -1 = unscheduled). Throws {@link ScheduleInputError} for
 * unknown ids or a session listed twice.
 */
export function scheduleToCells(model: CompiledModel, schedule: Schedule): Int32Array {
  const cells = new Int32Array(model.S).fill(-1);
  if (!schedule || !Array.isArray(schedule.assignments)) throw new ScheduleInputError('invalid-value', 'schedule.assignments', 'must be an array');
  schedule.assignments.forEach((a, i) => {
    const s = lookup(model.sessionIndex, a.session, `assignments[${i}].session`, 'unknown-session');
    const t = lookup(model.slotIndex, a.slot, `assignments[${i}].slot`, 'unknown-slot');
    const r = lookup(model.roomIndex, a.room, `assignments[${i}].room`, 'unknown-room');
    if (cells[s] >= 0) throw new ScheduleInputError('duplicate-id', `assignments[${i}].session`, `session "${a.session}" is assigned twice`);
    cells[s] = t * model.R + r;
  });
  return cells;
}

/** Converts cell codes back to a schedule (unscheduled sessions are omitted). */
export function cellsToSchedule(model: CompiledModel, cells: ArrayLike<number>): Schedule {
  const assignments = [];
  for (let s = 0; s < model.S; s++) {
    const c = cells[s];
    if (c < 0) continue;
    assignments.push({ session: model.sessionIds[s], slot: model.slotIds[Math.floor(c / model.R)], room: model.roomIds[c % model.R] });
  }
  return { assignments };
}
