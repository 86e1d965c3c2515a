import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'platform.administer');
  return { towns: await event.locals.app.towns.list(), municipalities: await event.locals.app.municipalities.count() };
};

export const actions: Actions = {
  createTown: async (event) => {
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.towns.create(event.locals.actor, fields));
    if (!result.ok) return result.failure;
    return { created: { name: result.value.name, slug: result.value.slug } };
  },
};
