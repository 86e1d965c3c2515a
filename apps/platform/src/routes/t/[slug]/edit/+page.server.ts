import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, requireUser, townOr404 } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  authorizeRoute(event, 'town.edit', (await townOr404(event)).id);
  const town = await event.locals.app.towns.getPrivate(actor, event.params.slug);
  return { town: { name: town.name, slug: town.slug, descriptionDe: town.descriptionDe, descriptionEn: town.descriptionEn, internalNotes: town.internalNotes } };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.towns.edit(actor, event.params.slug, fields));
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
