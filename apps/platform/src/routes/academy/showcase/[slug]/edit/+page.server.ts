import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, orNotFound, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'academy.manageStories');
  const { story, town } = await orNotFound(() => event.locals.app.showcase.get(event.locals.actor, event.params.slug));
  return { story: { slug: story.slug, title: story.title, teaser: story.teaser, body: story.body, fieldsOfAction: story.fieldsOfAction, town: town?.slug ?? '' }, towns: await event.locals.app.showcase.townOptions() };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.showcase.update(actor, event.params.slug, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/showcase/${event.params.slug}`, { locale: event.locals.locale }));
  },
};
