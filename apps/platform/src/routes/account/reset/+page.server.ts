import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { attempt, clientKey, formFields } from '#lib/server/http.ts';

export const actions: Actions = {
  default: async (event) => {
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.requestPasswordReset(fields, clientKey(event)));
    if (!result.ok) return result.failure;
    if (result.value.rateLimited) return fail(429, { rateLimited: true });
    return { sent: true };
  },
};
