import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await orNotFound(() => locals.app.questions.get(params.slug));
  const myTowns = locals.user ? await locals.app.towns.townsOf(locals.user.id) : [];
  return {
    question: { slug: found.question.slug, title: found.question.title, fieldsOfAction: found.question.fieldsOfAction, createdAt: found.question.createdAt },
    bodyHtml: found.bodyHtml,
    town: found.town,
    answers: found.answers.map((a) => ({ id: a.id, bodyHtml: a.bodyHtml, townName: a.townName, townSlug: a.townSlug, author: a.author, createdAt: a.createdAt })),
    myTowns: myTowns.map((t) => ({ slug: t.slug, name: t.name })),
    loggedIn: Boolean(locals.user),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.questions.answer(actor, event.params.slug, fields.town ?? '', fields));
    return result.ok ? { answered: true } : result.failure;
  },
};
