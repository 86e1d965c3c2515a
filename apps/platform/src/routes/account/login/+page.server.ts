import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, clientKey, formFields, safeNext, SESSION_COOKIE, sessionCookieOptions } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = ({ url, locals }) => {
  const next = safeNext(url.searchParams.get('next'), localizeHref('/account', { locale: locals.locale }));
  if (locals.user) redirect(303, next);
  // Sent here from a page that needs an account: say so (the page is named by its address).
  const needed = url.searchParams.has('next') && next !== localizeHref('/account', { locale: locals.locale });
  return { next, needed, reset: url.searchParams.has('reset'), confirmed: url.searchParams.has('confirmed'), loggedOut: url.searchParams.has('loggedout') };
};

export const actions: Actions = {
  default: async (event) => {
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.login(fields, clientKey(event)));
    if (!result.ok) return result.failure;
    const login = result.value;
    if (!login.ok) {
      const status = login.reason === 'rate_limited' ? 429 : 400;
      return fail(status, { reason: login.reason, minutes: Math.ceil((login.retryAfterSeconds ?? 60) / 60), values: { email: fields.email ?? '' } });
    }
    event.cookies.set(SESSION_COOKIE, login.token, sessionCookieOptions(event.url, login.expiresAt));
    redirect(303, safeNext(fields.next, localizeHref('/account', { locale: login.user.locale === 'en' ? 'en' : event.locals.locale })));
  },
};
