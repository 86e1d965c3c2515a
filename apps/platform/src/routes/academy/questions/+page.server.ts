import type { Actions, PageServerLoad } from './$types';
import { attempt, requireUser } from '#lib/server/http.ts';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  const field = url.searchParams.get('field') ?? '';
  const myTowns = locals.user ? await locals.app.towns.townsOf(locals.user.id) : [];
  return {
    field,
    questions: await locals.app.questions.list(field),
    myTowns: myTowns.map((t) => ({ slug: t.slug, name: t.name })),
    loggedIn: Boolean(locals.user),
    isEditor: can(locals.actor, 'academy.review'),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const town = typeof input.town === 'string' ? input.town : '';
    const result = await attempt(values, () => event.locals.app.questions.ask(actor, town, input));
    if (!result.ok) return result.failure;
    return { asked: result.value.question.slug, notified: result.value.notified.map((t) => t.name) };
  },
};
