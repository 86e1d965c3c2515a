import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  authorizeRoute(event, 'academy.manageEvents');
  return { towns: (await event.locals.app.towns.list()).map((t) => ({ slug: t.slug, name: t.name })) };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const host = typeof input.hostTown === 'string' && input.hostTown ? input.hostTown : undefined;
    const result = await attempt(values, () => event.locals.app.academyEvents.create(actor, input, host));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/events/${result.value.slug}`, { locale: event.locals.locale }));
  },
};
