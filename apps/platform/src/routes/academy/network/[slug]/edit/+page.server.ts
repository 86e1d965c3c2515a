import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorizeRoute, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';
import { academyAttempt, entryOr404 } from '#lib/modules/academy/server/http.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'academy.manageNetwork');
  const { org } = await entryOr404(() => event.locals.app.network.get(event.locals.actor, event.params.slug));
  return { org };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await academyAttempt(values, () => event.locals.app.network.update(actor, event.params.slug, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/network/${event.params.slug}?saved`, { locale: event.locals.locale }));
  },
};
