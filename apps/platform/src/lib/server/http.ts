import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '../paraglide/runtime.js';
import { can, type Action } from './permissions.ts';
import { ValidationError } from './validation.ts';
import { httpStatusOf } from './errors.ts';

/** Kit-specific glue between routes and services. Routes stay thin: parse the form, call a service, map errors. */

export const SESSION_COOKIE = 'ks_session';

export function sessionCookieOptions(url: URL, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', expires };
}

/** The request's form data; a body that is not a form is the client's fault (400), never a 500. */
export async function readFormData(event: RequestEvent): Promise<FormData> {
  try {
    return await event.request.formData();
  } catch {
    error(400, 'Malformed form data');
  }
}

/**
 * Control characters other than tab and line breaks have no place in text a person typed; NUL is refused by
 * PostgreSQL. The one form reader drops them, so such a submission is stored without them instead of failing.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const withoutControlCharacters = (text: string) => text.replace(CONTROL_CHARACTERS, '');

/** A form with uploads: text fields as strings, files by field name (the last one wins for repeated keys). */
export async function formWithFiles(event: RequestEvent): Promise<{ fields: Record<string, string>; files: Record<string, File> }> {
  const fields: Record<string, string> = {};
  const files: Record<string, File> = {};
  for (const [key, value] of await readFormData(event)) {
    if (typeof value === 'string') fields[withoutControlCharacters(key)] = withoutControlCharacters(value);
    else files[key] = value;
  }
  return { fields, files };
}

/** The form's text fields as a plain object (for forms without uploads or repeated keys). */
export async function formFields(event: RequestEvent): Promise<Record<string, string>> {
  return (await formWithFiles(event)).fields;
}

/** A stable key for rate limits: the client address (behind a proxy, set ADDRESS_HEADER). */
export function clientKey(event: RequestEvent): string {
  try {
    return event.getClientAddress();
  } catch {
    return 'unknown';
  }
}

/** Requires a logged-in user; visitors are sent to the login page and come back afterwards. */
export function requireUser(event: RequestEvent) {
  if (!event.locals.user || !event.locals.actor) {
    const next = event.url.pathname + event.url.search;
    redirect(303, localizeHref(`/account/login?next=${encodeURIComponent(next)}`, { locale: event.locals.locale }));
  }
  return { user: event.locals.user, actor: event.locals.actor };
}

/** The permission check for routes: 401 → login for visitors, 403 for users without the right. */
export function authorizeRoute(event: RequestEvent, action: Action, townId?: string): void {
  if (can(event.locals.actor, action, townId)) return;
  if (!event.locals.user) requireUser(event);
  error(403, 'Forbidden');
}

/**
 * Runs a service call from a form action: validation errors become a 400 with field errors (and the submitted
 * values, minus passwords, so nothing typed is lost); permission errors a 403; unknown towns a 404.
 */
export async function attempt<T, V extends string | string[] = string>(values: Record<string, V>, run: () => Promise<T>) {
  try {
    return { ok: true as const, value: await run() };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false as const, failure: fail(400, { errors: e.fields, values: withoutSecrets(values) }) };
    throwHttpError(e);
  }
}

export function withoutSecrets<V>(values: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** A safe local redirect target from a `next` parameter (never to another site). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}

/** Runs a lookup; an unknown town or resource becomes a 404 page, a refused permission a 403 (never a 500). */
export async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throwHttpError(e);
  }
}

/** Rethrows a service error as Kit's HTTP error (404, 403 or 400 by `httpStatusOf`); anything else as it is. */
function throwHttpError(e: unknown): never {
  const status = httpStatusOf(e);
  if (status) error(status, status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : 'Bad request');
  throw e;
}

/** The public view of the town in the route's `slug`, or a 404 page. */
export function townOr404(event: RequestEvent & { params: { slug: string } }) {
  return orNotFound(() => event.locals.app.towns.getPublic(event.params.slug));
}

/** The two sizes every re-encoded image is stored in; any other variant in a media address is a 404. */
export function imageVariantOr404(variant: string): 'image' | 'thumbnail' {
  if (variant !== 'image' && variant !== 'thumbnail') error(404, 'Not found');
  return variant;
}

/**
 * A stored, re-encoded WebP image, or a 404 when the asker may not see it. Public images are cached by anyone
 * (`immutable` when a new upload always gets a new address); private ones never.
 */
export function webpResponse(file: { data: Uint8Array; public: boolean } | null | undefined, cache: { maxAge?: number; immutable?: boolean } = {}): Response {
  if (!file) error(404, 'Not found');
  const publicCache = `public, max-age=${cache.maxAge ?? 86400}${cache.immutable ? ', immutable' : ''}`;
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'image/webp',
      'Cache-Control': file.public ? publicCache : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
