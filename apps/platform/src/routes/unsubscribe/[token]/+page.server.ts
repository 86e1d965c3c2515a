import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/**
 * One-click unsubscribe. GET only shows what the link does (mail scanners open links; they must not unsubscribe
 * anybody); POST does it — from the button on this page or, per RFC 8058, straight from the mail program
 * (`List-Unsubscribe=One-Click`). The signed token is the authorisation; no session is consulted, which is why
 * `kleinstadt serve` lets cross-site POSTs reach exactly this path (see cli/serve.ts). A link we never made (or of a
 * deleted account) is a 404, explained by this route's +error.svelte; unsubscribing again is harmless and succeeds.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await locals.app.notifications.describe(params.token);
  if (!found) error(404, 'Not found');
  return { found };
};

export const actions: Actions = {
  default: async ({ locals, params }) => {
    const done = await locals.app.notifications.unsubscribe(params.token);
    if (!done) error(404, 'Not found');
    return { done: done.kind };
  },
};
