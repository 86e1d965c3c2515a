import { redirect } from '@sveltejs/kit';
import type { PageServerLoad, Actions } from './$types';
import { localizeHref } from '#lib/paraglide/runtime.js';

// The mailed link shows a button; confirming on POST keeps mail scanners that prefetch links from using the token.
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
  default: async ({ params, locals }) => {
    const ok = await locals.app.accounts.confirmEmail(params.token);
    if (ok) redirect(303, localizeHref('/account/login?confirmed', { locale: locals.locale }));
    return { invalid: true };
  },
};
