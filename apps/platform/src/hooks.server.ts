import { redirect } from '@sveltejs/kit';
import { sequence, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { deLocalizeUrl, localizeUrl } from '#lib/paraglide/runtime.js';
import { startRuntime, services } from '#lib/server/runtime.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '#lib/server/http.ts';
import { httpStatusOf } from '#lib/server/errors.ts';

export const init: ServerInit = async () => {
  await startRuntime();
};

const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

/**
 * Language: /en/… is English, everything else German. `?lang=de|en` (the header's switch, a plain link) stores
 * the choice in a cookie; a visitor who chose English is sent to the English URL of a German page.
 */
const language: Handle = async ({ event, resolve }) => {
  const requested = event.url.searchParams.get('lang');
  const isEnglishUrl = event.url.pathname === '/en' || event.url.pathname.startsWith('/en/');
  const cookieOptions = { path: '/', maxAge: 31_536_000, sameSite: 'lax' as const, httpOnly: false, secure: event.url.protocol === 'https:' };
  if (requested === 'de' || requested === 'en') {
    event.cookies.set(LOCALE_COOKIE, requested, cookieOptions);
    const target = new URL(event.url);
    target.searchParams.delete('lang');
    redirect(303, localizeUrl(deLocalizeUrl(target), { locale: requested }).pathname + target.search);
  }
  const stored = event.cookies.get(LOCALE_COOKIE);
  if (isEnglishUrl && stored !== 'en') event.cookies.set(LOCALE_COOKIE, 'en', cookieOptions);
  const wantsPage = event.request.method === 'GET' && (event.request.headers.get('accept') ?? '').includes('text/html');
  if (!isEnglishUrl && stored === 'en' && wantsPage && !event.url.pathname.startsWith('/api/')) {
    redirect(307, localizeUrl(event.url, { locale: 'en' }).pathname + event.url.search);
  }
  return paraglideMiddleware(event.request, ({ locale }) => {
    event.locals.locale = locale === 'en' ? 'en' : 'de';
    return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
  });
};

/** Who is asking: the session cookie becomes `locals.user` and the permission subject `locals.actor`. */
const session: Handle = async ({ event, resolve }) => {
  const app = services();
  event.locals.app = app;
  event.locals.user = null;
  event.locals.actor = null;
  event.locals.sessionToken = null;
  const token = event.cookies.get(SESSION_COOKIE);
  if (token) {
    const found = await app.accounts.validateSession(token);
    if (found) {
      event.locals.user = found.user;
      event.locals.sessionToken = token;
      const [townRoles, platformRoles] = await Promise.all([app.towns.rolesOf(found.user.id), app.accounts.platformRolesOf(found.user.id)]);
      event.locals.actor = { userId: found.user.id, isPlatformAdmin: found.user.isPlatformAdmin, townRoles, platformRoles };
      if (found.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, found.expiresAt));
    } else {
      event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }
  const response = await resolve(event);
  // Mail queued by this request is committed now; deliver it right away (housekeeping retries failures).
  if (event.request.method !== 'GET' && app.mailer.smtpConfigured) void app.mailer.dispatch().catch((e: unknown) => console.error('mail dispatch failed:', e));
  return response;
};

/** Security headers on every response (the CSP itself comes from Kit's `csp` option). */
const headers: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (event.url.protocol === 'https:') response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
  return response;
};

export const handle = sequence(headers, language, session);

/**
 * Unexpected errors are logged with their stack on the server; the visitor sees only a generic message. Errors with
 * a meaning for the client get their status from the one mapping (`httpStatusOf`): not found 404, refused 403, a value
 * the database cannot take as its type (a malformed id, a number out of range) 400.
 */
export const handleError: HandleServerError = (caught) => {
  if (caught.kind !== 'unknown') return;
  const status = httpStatusOf(caught.error);
  if (status) return { message: status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : 'Bad request', status };
  console.error(caught.error);
  return { message: 'Internal error', status: 500 };
};
