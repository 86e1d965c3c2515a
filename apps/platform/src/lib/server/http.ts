import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '../paraglide/runtime.js';
import { can, ForbiddenError, type Action } from './permissions.ts';
import { ValidationError } from './validation.ts';
import { TownNotFoundError } from '../modules/towns/server/service.ts';
import { ProcessNotFoundError } from '../modules/processes/server/errors.ts';

/** Kit-specific glue between routes and services. Routes stay thin: parse the form, call a service, map errors. */

export const SESSION_COOKIE = 'ks_session';

export function sessionCookieOptions(url: URL, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', expires };
}

/** The form's fields as a plain object (files and repeated keys are not used by these forms). */
export async function formFields(event: RequestEvent): Promise<Record<string, string>> {
  let data: FormData;
  try {
    data = await event.request.formData();
  } catch {
    error(400, 'Malformed form data');
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of data) if (typeof value === 'string') fields[key] = value;
  return fields;
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
export async function attempt<T>(values: Record<string, string>, run: () => Promise<T>) {
  try {
    return { ok: true as const, value: await run() };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false as const, failure: fail(400, { errors: e.fields, values: withoutSecrets(values) }) };
    if (e instanceof ForbiddenError) error(403, 'Forbidden');
    if (e instanceof TownNotFoundError || e instanceof ProcessNotFoundError) error(404, 'Not found');
    throw e;
  }
}

export function withoutSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** A safe local redirect target from a `next` parameter (never to another site). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}

/** Runs a lookup; an unknown town becomes a 404 page. */
export async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof TownNotFoundError || e instanceof ProcessNotFoundError) error(404, 'Not found');
    throw e;
  }
}

/** The public view of the town in the route's `slug`, or a 404 page. */
export function townOr404(event: RequestEvent & { params: { slug: string } }) {
  return orNotFound(() => event.locals.app.towns.getPublic(event.params.slug));
}
