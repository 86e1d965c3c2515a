import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  authorizeRoute(event, 'academy.contribute');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.academy.create(actor, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/knowledge/${result.value.slug}?saved=1`, { locale: event.locals.locale }));
  },
};
