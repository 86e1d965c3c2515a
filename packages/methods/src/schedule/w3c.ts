/**
 * Import of W3C breakout data (github.com/w3c/tpac-breakouts, converted to JSON): sessions with chairs and declared
 * "avoid conflict with #n" links, slots such as `"2024-03-12 13:00-14:00"`, rooms, and the schedule actually used.
 */
import type { Schedule, ScheduleInstance, SessionInput, SlotInput } from './types.ts';
import { ScheduleInputError } from './errors.ts';

/** Shape of the W3C breakouts JSON. */
export interface W3cBreakoutsData {
  readonly metadata?: { readonly meeting?: string };
  readonly slots: readonly string[];
  readonly rooms: readonly string[];
  readonly sessions: readonly {
    readonly number: number;
    readonly title?: string;
    readonly chairs?: readonly string[];
    readonly conflicts?: readonly number[];
    readonly room?: string | null;
    readonly slot?: string | null;
  }[];
}

/** Result of the import: the instance and the schedule W3C actually used (sessions without room/slot omitted). */
export interface W3cImport {
  readonly instance: ScheduleInstance;
  readonly actual: Schedule;
}

/** Slot id = start of the slot string, e.g. `"2024-03-12 13:00"` for `"2024-03-12 13:00-14:00"`. */
function slotOf(text: string): SlotInput {
  const m = /^(\S+)\s+(\d{1,2}:\d{2})/.exec(text);
  if (!m) return { id: text, label: text };
  return { id: `${m[1]} ${m[2]}`, label: text, day: m[1] };
}

/**
 * Converts W3C breakouts data: session id = `"#" + number`, hosts = chairs, `notParallelTo` = declared conflicts.
 * Throws {@link ScheduleInputError} on malformed data (unknown conflict numbers, rooms or slots).
 */
export function importW3cBreakouts(data: W3cBreakoutsData): W3cImport {
  if (!data || !Array.isArray(data.sessions) || !Array.isArray(data.slots) || !Array.isArray(data.rooms)) {
    throw new ScheduleInputError('invalid-value', '$', 'expected an object with slots, rooms and sessions arrays');
  }
  const slots = data.slots.map(slotOf);
  const numbers = new Set(data.sessions.map((s) => s.number));
  const sessions: SessionInput[] = data.sessions.map((s, i) => {
    if (!Number.isInteger(s.number)) throw new ScheduleInputError('invalid-value', `sessions[${i}].number`, 'must be an integer');
    (s.conflicts ?? []).forEach((n: number, k: number) => {
      if (!numbers.has(n)) throw new ScheduleInputError('unknown-session', `sessions[${i}].conflicts[${k}]`, `unknown session #${n}`);
    });
    return {
      id: `#${s.number}`,
      title: s.title ?? `#${s.number}`,
      hosts: [...(s.chairs ?? [])],
      notParallelTo: (s.conflicts ?? []).map((n: number) => `#${n}`),
    };
  });
  const assignments = [];
  for (const [i, s] of data.sessions.entries()) {
    if (!s.room || !s.slot) continue;
    const slot = slots.find((x) => x.id === s.slot || x.label === s.slot || (x.label ?? '').startsWith(`${s.slot}-`));
    if (!slot) throw new ScheduleInputError('unknown-slot', `sessions[${i}].slot`, `unknown slot "${s.slot}"`);
    if (!data.rooms.includes(s.room)) throw new ScheduleInputError('unknown-room', `sessions[${i}].room`, `unknown room "${s.room}"`);
    assignments.push({ session: `#${s.number}`, slot: slot.id, room: s.room });
  }
  return {
    instance: { name: data.metadata?.meeting ?? 'W3C breakouts', slots, rooms: data.rooms.map((id) => ({ id })), sessions },
    actual: { assignments },
  };
}
