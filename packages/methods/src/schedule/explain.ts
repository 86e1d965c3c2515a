/**
 * Explanations: every conflict of a schedule and who is affected, and why a session sits in its slot
 * (what moving it to each other slot would cost or which hard constraint forbids it).
 */
import type { Schedule, ScheduleInstance } from './types.ts';
import { compile, scheduleToCells, type CompiledModel } from './model.ts';
import { ScheduleInputError } from './errors.ts';
import { evaluateCells, objectiveParts, type Evaluation } from './evaluate.ts';

/** Kind of a reported conflict. */
export type ConflictType =
  | 'unscheduled'
  | 'room-double-booking'
  | 'host-double-booking'
  | 'not-parallel'
  | 'host-availability'
  | 'fixed-placement'
  | 'room-features'
  | 'room-unavailable'
  | 'past-end-of-day'
  | 'parallel-votes'
  | 'room-overflow';

/** One conflict of a schedule. */
export interface Conflict {
  readonly type: ConflictType;
  /** True for violated hard constraints; false for objective terms (missed votes, overflow). */
  readonly hard: boolean;
  readonly sessions: readonly string[];
  readonly slot?: string;
  readonly room?: string;
  readonly host?: string;
  /** Ids of the affected people (participants or hosts). Overflow lists no names. */
  readonly affected: readonly string[];
  /** Number of affected people (for overflow: persons above capacity). */
  readonly count: number;
  readonly message: string;
}

/** Result of {@link explain}. */
export interface Explanation {
  readonly evaluation: Evaluation;
  /** Hard conflicts first, then parallel votes (largest first), then overflow. */
  readonly conflicts: readonly Conflict[];
}

function span(model: CompiledModel, s: number, c: number): number[] {
  const t0 = Math.floor(c / model.R);
  const out = [];
  for (let k = 0; k < model.duration[s] && t0 + k < model.T; k++) out.push(t0 + k);
  return out;
}

/** Lists each conflict of a schedule (hard violations and objective terms) and who is affected. */
export function explain(instance: ScheduleInstance, schedule: Schedule): Explanation {
  const model = compile(instance);
  const cells = scheduleToCells(model, schedule);
  const evaluation = evaluateCells(model, cells);
  const { S, R, sessionIds, slotIds, roomIds } = model;
  const hard: Conflict[] = [];
  const soft: Conflict[] = [];
  const title = (s: number) => `"${instance.sessions[s].title ?? sessionIds[s]}"`;
  const bySlotRoom = new Map<number, number[]>();
  const bySlotHost = new Map<string, number[]>();
  for (let s = 0; s < S; s++) {
    const c = cells[s];
    if (c < 0) {
      hard.push({ type: 'unscheduled', hard: true, sessions: [sessionIds[s]], affected: [], count: 0, message: `${title(s)} is not scheduled` });
      continue;
    }
    for (const t of span(model, s, c)) {
      const key = t * R + (c % R);
      bySlotRoom.set(key, [...(bySlotRoom.get(key) ?? []), s]);
      for (const h of model.hostsOf[s]) {
        const hk = `${h},${t}`;
        bySlotHost.set(hk, [...(bySlotHost.get(hk) ?? []), s]);
      }
    }
  }
  for (const [key, list] of bySlotRoom) {
    if (list.length < 2) continue;
    const slot = slotIds[Math.floor(key / R)];
    const room = roomIds[key % R];
    hard.push({ type: 'room-double-booking', hard: true, sessions: list.map((s) => sessionIds[s]), slot, room, affected: [], count: list.length - 1, message: `room ${room} holds ${list.map(title).join(' and ')} in slot ${slot}` });
  }
  for (const [key, list] of bySlotHost) {
    if (list.length < 2) continue;
    const [h, t] = key.split(',').map(Number);
    const host = model.hostIds[h];
    hard.push({ type: 'host-double-booking', hard: true, sessions: list.map((s) => sessionIds[s]), slot: slotIds[t], host, affected: [host], count: 1, message: `host ${host} runs ${list.map(title).join(' and ')} at once in slot ${slotIds[t]}` });
  }
  for (const [a, b] of model.notParallel) {
    if (cells[a] < 0 || cells[b] < 0) continue;
    const shared = span(model, a, cells[a]).filter((t) => span(model, b, cells[b]).includes(t));
    if (shared.length === 0) continue;
    hard.push({ type: 'not-parallel', hard: true, sessions: [sessionIds[a], sessionIds[b]], slot: slotIds[shared[0]], affected: [], count: 0, message: `${title(a)} and ${title(b)} were declared not parallel but both run in slot ${slotIds[shared[0]]}` });
  }
  // Placement rules: check each placed session against the unrelaxed allowed cells, and name the reason.
  const hostSlots = new Map<string, Set<string>>();
  for (const h of instance.hosts ?? []) {
    let ok: Set<string> | null = h.available ? new Set(h.available) : null;
    if (h.unavailable) {
      if (!ok) ok = new Set(slotIds);
      for (const id of h.unavailable) ok.delete(id);
    }
    if (ok) hostSlots.set(h.id, ok);
  }
  for (let s = 0; s < S; s++) {
    const c = cells[s];
    if (c < 0) continue;
    const session = instance.sessions[s];
    const t0 = Math.floor(c / R);
    const r = c % R;
    const slots = span(model, s, c);
    const slot = slotIds[t0];
    const room = roomIds[r];
    if (slots.length < model.duration[s] || slots.some((t) => model.day[t] !== model.day[t0])) {
      hard.push({ type: 'past-end-of-day', hard: true, sessions: [session.id], slot, room, affected: [], count: 0, message: `${title(s)} (${model.duration[s]} slots) runs past the end of its day` });
    }
    for (const h of model.hostsOf[s]) {
      const ok = hostSlots.get(model.hostIds[h]);
      const bad = slots.filter((t) => ok && !ok.has(slotIds[t]));
      if (bad.length > 0) hard.push({ type: 'host-availability', hard: true, sessions: [session.id], slot: slotIds[bad[0]], host: model.hostIds[h], affected: [model.hostIds[h]], count: 1, message: `host ${model.hostIds[h]} of ${title(s)} is not available in slot ${slotIds[bad[0]]}` });
    }
    if ((session.fixed?.slot !== undefined && session.fixed.slot !== slot) || (session.fixed?.room !== undefined && session.fixed.room !== room)) {
      hard.push({ type: 'fixed-placement', hard: true, sessions: [session.id], slot, room, affected: [], count: 0, message: `${title(s)} is fixed to ${[session.fixed?.slot && `slot ${session.fixed.slot}`, session.fixed?.room && `room ${session.fixed.room}`].filter(Boolean).join(', ')} but placed in slot ${slot}, room ${room}` });
    }
    const features = new Set(instance.rooms[r].features ?? []);
    const missing = (session.requires ?? []).filter((f) => !features.has(f));
    if (missing.length > 0) hard.push({ type: 'room-features', hard: true, sessions: [session.id], slot, room, affected: [], count: 0, message: `room ${room} lacks ${missing.join(', ')} needed by ${title(s)}` });
    const closed = new Set(instance.rooms[r].unavailable ?? []);
    const badSlot = slots.find((t) => closed.has(slotIds[t]));
    if (badSlot !== undefined) hard.push({ type: 'room-unavailable', hard: true, sessions: [session.id], slot: slotIds[badSlot], room, affected: [], count: 0, message: `room ${room} is unavailable in slot ${slotIds[badSlot]} but holds ${title(s)}` });
    const over = model.overflowCost[s * R + r];
    if (over > 1e-9) {
      soft.push({ type: 'room-overflow', hard: false, sessions: [session.id], slot, room, affected: [], count: over, message: `${title(s)} expects ${model.demand[s].toFixed(1)} people in room ${room} with ${model.capacity[r]} seats (${over.toFixed(1)} too many)` });
    }
  }
  // Parallel votes: for every pair of overlapping sessions, the participants who voted for both.
  const parallel: Conflict[] = [];
  for (let a = 0; a < S; a++) {
    if (cells[a] < 0 || model.votersOf[a].length === 0) continue;
    const sa = span(model, a, cells[a]);
    const va = new Set(model.votersOf[a]);
    for (let b = a + 1; b < S; b++) {
      if (cells[b] < 0) continue;
      const shared = span(model, b, cells[b]).filter((t) => sa.includes(t));
      if (shared.length === 0) continue;
      const both = model.votersOf[b].filter((v) => va.has(v));
      if (both.length === 0) continue;
      const people = both.flatMap((v) => model.voterMembers[v]);
      parallel.push({ type: 'parallel-votes', hard: false, sessions: [sessionIds[a], sessionIds[b]], slot: slotIds[shared[0]], affected: people, count: people.length, message: `${people.length} participant(s) voted for both ${title(a)} and ${title(b)}, which run in parallel in slot ${slotIds[shared[0]]}` });
    }
  }
  parallel.sort((x, y) => y.count - x.count);
  soft.sort((x, y) => y.count - x.count);
  return { evaluation, conflicts: [...hard, ...parallel, ...soft] };
}

/** What moving one session to another start slot would mean. */
export interface SlotOption {
  readonly slot: string;
  /** True for the session's current slot. */
  readonly current: boolean;
  /** Hard constraints that forbid the slot (empty = allowed, possibly after moving other sessions out of a room). */
  readonly blockedBy: readonly string[];
  /** Missed votes if the session ran in this slot (all other sessions unchanged). */
  readonly missedVotes: number;
  /** Change in missed votes relative to the current slot. */
  readonly missedDelta: number;
}

/** Explains why a session landed in its slot: for every start slot, the missed votes there and what forbids it. */
export function explainPlacement(instance: ScheduleInstance, schedule: Schedule, sessionId: string): readonly SlotOption[] {
  const model = compile(instance);
  const cells = scheduleToCells(model, schedule);
  const s = model.sessionIndex.get(sessionId);
  if (s === undefined) throw new ScheduleInputError('unknown-session', 'session', `unknown session id "${sessionId}"`);
  if (cells[s] < 0) throw new ScheduleInputError('invalid-value', 'session', `session "${sessionId}" is not scheduled`);
  const { R, T } = model;
  const r = cells[s] % R;
  const currentMissed = objectiveParts(model, cells).missed;
  const options: SlotOption[] = [];
  const allowedSlots = new Set(Array.from(model.allowed[s], (c) => Math.floor(c / R)));
  const structuralSlots = new Set(Array.from(model.structural[s], (c) => Math.floor(c / R)));
  for (let t = 0; t < T; t++) {
    if (!structuralSlots.has(t)) continue;
    const trial = cells.slice();
    trial[s] = t * R + r;
    const missed = objectiveParts(model, trial).missed;
    const blockedBy: string[] = [];
    if (!allowedSlots.has(t)) {
      const session = instance.sessions[s];
      if (session.fixed?.slot !== undefined && session.fixed.slot !== model.slotIds[t]) blockedBy.push(`fixed to slot ${session.fixed.slot}`);
      for (const h of model.hostsOf[s]) {
        const probe = compile(instance, new Set([`host-availability:${model.hostIds[h]}`]));
        const probeSlots = new Set(Array.from(probe.allowed[s], (c) => Math.floor(c / R)));
        if (probeSlots.has(t)) blockedBy.push(`host ${model.hostIds[h]} is not available`);
      }
      if (blockedBy.length === 0) blockedBy.push('no suitable room is open in this slot');
    }
    const span2 = (x: number, c: number) => [Math.floor(c / R), Math.floor(c / R) + model.duration[x] - 1] as const;
    const [a0, a1] = [t, t + model.duration[s] - 1];
    for (const p of model.partners[s]) {
      if (cells[p] < 0) continue;
      const [b0, b1] = span2(p, cells[p]);
      if (a0 <= b1 && b0 <= a1) blockedBy.push(`not parallel to "${model.sessionIds[p]}"`);
    }
    for (const h of model.hostsOf[s]) {
      for (const o of model.hostSessions[h]) {
        if (o === s || cells[o] < 0) continue;
        const [b0, b1] = span2(o, cells[o]);
        if (a0 <= b1 && b0 <= a1) blockedBy.push(`host ${model.hostIds[h]} runs "${model.sessionIds[o]}" then`);
      }
    }
    options.push({ slot: model.slotIds[t], current: t === Math.floor(cells[s] / R), blockedBy, missedVotes: missed, missedDelta: missed - currentMissed });
  }
  return options;
}
