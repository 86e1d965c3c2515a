import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, requireUser, townOr404 } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { blueprintKeys, blueprints } from '#lib/modules/processes/server/blueprints.ts';

export const load: PageServerLoad = async (event) => {
  const town = await townOr404(event);
  authorizeRoute(event, 'process.create', town.id);
  const locale = event.locals.locale;
  return {
    town: { name: town.name, slug: town.slug },
    blueprints: blueprintKeys.map((key) => ({ key, title: blueprints[key].title[locale], summary: blueprints[key].summary[locale] })),
    preselected: event.url.searchParams.get('blueprint') ?? '',
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.processes.create(actor, event.params.slug, fields));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/t/${event.params.slug}/p/${result.value.slug}?created=1`, { locale: event.locals.locale }));
  },
};
