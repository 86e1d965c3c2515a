import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, requireUser } from '#lib/server/http.ts';
import { can } from '#lib/server/permissions.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  return { editor: can(event.locals.actor, 'academy.manageNetwork') };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const editor = can(actor, 'academy.manageNetwork');
    const result = await attempt(values, () => (editor ? event.locals.app.network.create(actor, input) : event.locals.app.network.apply(actor, input)));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/network/${result.value.slug}?saved`, { locale: event.locals.locale }));
  },
};
