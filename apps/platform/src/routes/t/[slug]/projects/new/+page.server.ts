import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser, townOr404 } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { projectFormOptions } from '#lib/modules/projects/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  const town = await townOr404(event);
  authorizeRoute(event, 'project.edit', town.id);
  const { locals, params, url } = event;
  const options = await orNotFound(() => locals.app.projects.formOptions(locals.actor, params.slug));
  const ideaId = url.searchParams.get('idea');
  const idea = ideaId ? await orNotFound(() => locals.app.projects.ideaForAdoption(locals.actor, params.slug, ideaId)) : null;
  // Taken over from an idea: a Starterprojekt with the idea's title, text and field of action as a start.
  const values: Record<string, string> = idea
    ? { title: idea.title, summary: idea.body, type: 'starterprojekt', status: 'vorbereitung', [`field_${idea.field}`]: 'on', processId: idea.processId, published: 'on' }
    : { status: 'idee' };
  return { town: { name: town.name, slug: town.slug }, options: projectFormOptions(options.processes, options.workingGroups, options.goals, options.map), values, idea: idea ? { id: idea.id, title: idea.title } : null };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.projects.create(actor, event.params.slug, fields));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/t/${event.params.slug}/projects/${result.value.slug}?created=1`, { locale: event.locals.locale }));
  },
};
