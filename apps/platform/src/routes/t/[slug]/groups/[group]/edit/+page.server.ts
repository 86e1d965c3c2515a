import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser, townOr404 } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
  const town = await townOr404(event);
  authorizeRoute(event, 'workingGroup.manage', town.id);
  const { locals, params } = event;
  const group = await orNotFound(() => locals.app.workingGroups.forEdit(locals.actor, params.slug, params.group));
  const options = await locals.app.workingGroups.formOptions(locals.actor, params.slug);
  return {
    town: { name: town.name, slug: town.slug },
    group: { slug: group.slug, name: group.name },
    values: { name: group.name, topic: group.topic, rhythm: group.rhythm, processId: group.processId ?? '', internalNotes: group.internalNotes },
    processes: options.processes,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.workingGroups.edit(actor, event.params.slug, event.params.group, fields));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/t/${event.params.slug}/groups/${result.value.slug}?saved=1`, { locale: event.locals.locale }));
  },
};
