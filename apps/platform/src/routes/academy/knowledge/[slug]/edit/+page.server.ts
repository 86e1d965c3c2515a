import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, orNotFound, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const found = await orNotFound(() => event.locals.app.academy.get(actor, event.params.slug));
  if (!found.mayEdit) error(403, 'Forbidden');
  const { entry } = found;
  return {
    entry: {
      slug: entry.slug,
      kind: entry.kind,
      title: entry.title,
      summary: entry.summary,
      body: entry.body,
      fieldsOfAction: entry.fieldsOfAction,
      goals: entry.goals,
      townType: entry.townType,
      location: entry.location,
      land: entry.land,
      year: entry.year === null ? '' : String(entry.year),
      authors: entry.authors,
      licence: entry.licence,
      citation: entry.citation,
      url: entry.url ?? '',
    },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.academy.update(actor, event.params.slug, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/knowledge/${event.params.slug}?saved=1`, { locale: event.locals.locale }));
  },
};
