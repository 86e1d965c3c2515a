import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';

type Message = (inputs?: Record<string, unknown>) => string;

/** Translates a message key that comes as data (field errors from the server), falling back to a generic error. */
export function messageFor(key: string | undefined): string {
  if (!key) return '';
  const message = (m as unknown as Record<string, Message | undefined>)[key];
  return message ? message() : m.error_invalid();
}

/** Translates a message key that comes as data, or shows `fallback` when there is no such message. */
export function messageOr(key: string, fallback: string): string {
  const message = (m as unknown as Record<string, Message | undefined>)[key];
  return message ? message() : fallback;
}

// Intl formatters are expensive to create; keep one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, create: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = create()));
  return f;
}

/** Dates as people read them in the current language (24.11.2026 / 24/11/2026), optionally with the time. */
export function formatDate(value: Date | string | null | undefined, withTime = false): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  const locale = getLocale() === 'en' ? 'en-GB' : 'de-DE';
  return formatter(`${locale}:date:${withTime}`, () =>
    new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' } : { dateStyle: 'medium', timeZone: 'Europe/Berlin' }),
  ).format(date);
}

/** Numbers with the current language's separators (5.759 / 5,759). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const locale = getLocale() === 'en' ? 'en-GB' : 'de-DE';
  return formatter(`${locale}:number`, () => new Intl.NumberFormat(locale)).format(value);
}

export function roleName(role: string): string {
  return messageFor(`role_${role}`);
}
