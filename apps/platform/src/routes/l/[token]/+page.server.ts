import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { clientKey } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { newToken } from '#lib/server/tokens.ts';
import { LINK_COOKIE, PARTICIPANT_COOKIE, linkCookieOptions } from '#lib/modules/processes/server/link-cookies.ts';

export const load: PageServerLoad = async (event) => {
  const found = await event.locals.app.accessLinks.lookup(event.params.token, clientKey(event));
  if (found === 'rate_limited') error(429, 'Too many requests');
  return { link: found ? { processTitle: found.processTitle, townName: found.townName } : null };
};

export const actions: Actions = {
  default: async (event) => {
    const found = await event.locals.app.accessLinks.lookup(event.params.token, clientKey(event), true);
    if (found === 'rate_limited') error(429, 'Too many requests');
    if (!found) error(404, 'Not found');
    event.cookies.set(LINK_COOKIE, event.params.token, linkCookieOptions(event.url));
    if (!event.cookies.get(PARTICIPANT_COOKIE)) event.cookies.set(PARTICIPANT_COOKIE, newToken(), linkCookieOptions(event.url));
    redirect(303, localizeHref(`/t/${found.townSlug}/p/${found.processSlug}?joined=1`, { locale: event.locals.locale }));
  },
};
