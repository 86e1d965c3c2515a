import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'academy.manageStories');
  return { towns: await event.locals.app.showcase.townOptions() };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.showcase.create(actor, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/showcase/${result.value.slug}`, { locale: event.locals.locale }));
  },
};
