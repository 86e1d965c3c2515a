import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { SESSION_COOKIE } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

// Logging out changes state, so it is a POST (the header's button); a GET just goes home.
export const load: PageServerLoad = ({ locals }) => redirect(303, localizeHref('/', { locale: locals.locale }));

export const actions: Actions = {
  default: async ({ cookies, locals }) => {
    if (locals.sessionToken) await locals.app.accounts.logout(locals.sessionToken);
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, localizeHref('/account/login?loggedout', { locale: locals.locale }));
  },
};
