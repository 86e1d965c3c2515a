import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser, townOr404 } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
  const town = await townOr404(event);
  authorizeRoute(event, 'workingGroup.manage', town.id);
  const options = await orNotFound(() => event.locals.app.workingGroups.formOptions(event.locals.actor, event.params.slug));
  return { town: { name: town.name, slug: town.slug }, processes: options.processes };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.workingGroups.create(actor, event.params.slug, fields));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/t/${event.params.slug}/groups/${result.value.slug}?created=1`, { locale: event.locals.locale }));
  },
};
