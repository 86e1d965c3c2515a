import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, orNotFound, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'academy.manageNetwork');
  const { org } = await orNotFound(() => event.locals.app.network.get(event.locals.actor, event.params.slug));
  return { org };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.network.update(actor, event.params.slug, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/network/${event.params.slug}?saved`, { locale: event.locals.locale }));
  },
};
