import { z } from 'zod';
import { isCalendarDate } from './validation.ts';

/**
 * Wall-clock times in Europe/Berlin, as `datetime-local` form fields carry them (`2027-03-18T18:00`): validation,
 * and conversion to and from instants. Meetings and academy events store instants and show Berlin time.
 */

/** `YYYY-MM-DDTHH:mm` with a date that exists and a time from 00:00 to 23:59. */
export function isLocalDateTime(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  return Boolean(match && isCalendarDate(match[1]!) && Number(match[2]) <= 23 && Number(match[3]) <= 59);
}

/** A required `datetime-local` field, still as text (compare with `<`, convert with `fromBerlin`). */
export const localDateTimeField = z
  .string({ error: 'error_required' })
  .trim()
  .refine(isLocalDateTime, 'error_datetime_invalid');

/** Converts a Berlin wall-clock time (YYYY-MM-DDTHH:mm) to an instant. */
export function fromBerlin(local: string): Date {
  const asUtc = new Date(`${local}:00Z`);
  const offset = berlinOffsetMinutes(asUtc);
  const guess = new Date(asUtc.getTime() - offset * 60_000);
  // Re-check at the guessed instant (DST changes between the two).
  return new Date(asUtc.getTime() - berlinOffsetMinutes(guess) * 60_000);
}

/** The instant as Berlin wall-clock time (YYYY-MM-DDTHH:mm), for datetime-local inputs. */
export function toBerlin(date: Date): string {
  return new Date(date.getTime() + berlinOffsetMinutes(date) * 60_000).toISOString().slice(0, 16);
}

function berlinOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
