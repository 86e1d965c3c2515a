import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/**
 * One-click unfollow of one project, from the link in each project-update mail. GET only shows what the link does
 * (mail scanners open links); POST does it — from the button here or, per RFC 8058, straight from the mail program
 * (`List-Unsubscribe=One-Click`). The signed token is the authorisation; no session is read, which is why
 * `kleinstadt serve` lets cross-site POSTs reach exactly this path (see cli/serve.ts).
 *
 * A link that does not work answers with an error status (so mail programs and link checkers see it), and this
 * route's +error.svelte still explains it in the visitor's language: 404 for a link we never made (broken or
 * forged), 410 Gone for one of ours that was used already.
 */
function refuse(state: 'invalid' | 'used'): never {
  error(state === 'used' ? 410 : 404, state === 'used' ? 'Gone' : 'Not found');
}

export const load: PageServerLoad = async ({ locals, params, request }) => {
  // After the POST the follow is gone by design: the action's result decides what the page says.
  if (request.method === 'POST') return { found: null };
  const found = await locals.app.projects.describeUnfollow(params.token);
  if (typeof found === 'string') refuse(found);
  return { found };
};

export const actions: Actions = {
  default: async ({ locals, params }) => {
    const done = await locals.app.projects.unfollowByToken(params.token);
    if (typeof done === 'string') refuse(done);
    return { done };
  },
};
