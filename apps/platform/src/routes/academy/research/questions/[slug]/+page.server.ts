import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await orNotFound(() => locals.app.research.question(locals.actor, params.slug));
  const { question } = found;
  return {
    question: { slug: question.slug, title: question.title, status: question.status, fieldsOfAction: question.fieldsOfAction, createdAt: question.createdAt },
    bodyHtml: found.bodyHtml,
    researcher: found.researcher,
    town: found.town,
    answers: found.answers,
    mayChangeStatus: found.mayChangeStatus,
    loggedIn: Boolean(locals.user),
  };
};

export const actions: Actions = {
  answer: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.research.answer(actor, event.params.slug, fields));
    return result.ok ? { answered: true } : result.failure;
  },
  status: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.research.setStatus(actor, event.params.slug, fields));
    return result.ok ? { statusChanged: result.value } : result.failure;
  },
};
