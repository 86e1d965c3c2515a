import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, requireUser, townOr404 } from '#lib/server/http.ts';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const town = await townOr404(event);
  authorizeRoute(event, 'academy.viewCheck', town.id);
  const history = await event.locals.app.kleinstadtCheck.history(actor, event.params.slug);
  return { ...history, mayAssess: can(actor, 'academy.check', town.id) };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const answers = Array.from({ length: 10 }, (_, i) => ({
      point: i + 1,
      rating: fields[`rating_${i + 1}`] ? Number(fields[`rating_${i + 1}`]) : undefined,
      note: fields[`note_${i + 1}`] ?? '',
    }));
    const result = await attempt(fields, () => event.locals.app.kleinstadtCheck.submit(actor, event.params.slug, { team: fields.team ?? '', answers }));
    if (!result.ok) {
      // answers.3.rating → rating_4: the form's field names.
      const data = (result.failure as unknown as { data: { errors: Record<string, string>; values: Record<string, string> } }).data;
      const errors = Object.fromEntries(Object.entries(data.errors).map(([k, v]) => {
        const match = /^answers\.(\d+)\.(rating|note)$/.exec(k);
        return [match ? `${match[2]}_${Number(match[1]) + 1}` : k, v];
      }));
      return fail(400, { errors, values: data.values });
    }
    return { saved: true };
  },
};
