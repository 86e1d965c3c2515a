import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, clientKey, formFields } from '#lib/server/http.ts';

export const load: PageServerLoad = ({ url }) => ({ email: url.searchParams.get('email') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.register({ ...fields, locale: event.locals.locale }, clientKey(event)));
    if (!result.ok) return result.failure;
    if (result.value.rateLimited) return fail(429, { rateLimited: true, values: { email: fields.email ?? '', displayName: fields.displayName ?? '' } });
    return { registered: true, email: fields.email?.trim().toLowerCase() ?? '' };
  },
};
