import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, clientKey, formFields } from '#lib/server/http.ts';

export const load: PageServerLoad = ({ url }) => ({ email: url.searchParams.get('email') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.resendConfirmation(fields, clientKey(event)));
    if (!result.ok) return result.failure;
    if (result.value.rateLimited) return fail(429, { rateLimited: true });
    return { done: true };
  },
};
