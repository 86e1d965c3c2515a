import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { projectFormOptions, projectFormValues } from '#lib/modules/projects/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  const { locals, params } = event;
  const d = await orNotFound(() => locals.app.projects.get(locals.actor, params.slug, params.project));
  authorizeRoute(event, 'project.edit', d.town.id);
  const options = await locals.app.projects.formOptions(locals.actor, params.slug);
  return {
    town: d.town,
    project: { slug: d.project.slug, title: d.project.title },
    options: projectFormOptions(options.processes, options.workingGroups, options.goals, options.map),
    values: projectFormValues(d.project, d.responsibleEmail, d.goals.map((g) => g.id)),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.projects.edit(actor, event.params.slug, event.params.project, fields));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/t/${event.params.slug}/projects/${result.value.slug}?saved=1`, { locale: event.locals.locale }));
  },
};
