import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async ({ params, locals }) => ({ valid: await locals.app.accounts.resetTokenValid(params.token) });

export const actions: Actions = {
  default: async (event) => {
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.resetPassword(event.params.token, fields));
    if (!result.ok) return result.failure;
    if (!result.value) return { invalid: true };
    redirect(303, localizeHref('/account/login?reset', { locale: event.locals.locale }));
  },
};
