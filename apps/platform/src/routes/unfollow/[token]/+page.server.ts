import type { Actions, PageServerLoad } from './$types';

/**
 * One-click unfollow of one project, from the link in each project-update mail. GET only shows what the link does
 * (mail scanners open links); POST does it — from the button here or, per RFC 8058, straight from the mail program
 * (`List-Unsubscribe=One-Click`). The signed token is the authorisation; no session is read, which is why
 * `kleinstadt serve` lets cross-site POSTs reach exactly this path (see cli/serve.ts).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
  return { found: await locals.app.projects.describeUnfollow(params.token) };
};

export const actions: Actions = {
  default: async ({ locals, params }) => {
    const done = await locals.app.projects.unfollowByToken(params.token);
    return done ? { done } : { invalid: true as const };
  },
};
