import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { round, questions, responses, mayManage } = await orNotFound(() => locals.app.seismograph.round(locals.actor, params.slug));
  return {
    round: { slug: round.slug, year: round.year, title: round.title, intro: round.intro, status: round.status },
    questions: questions.map((q) => ({ key: q.key, text: q.text, hint: q.hint, kind: q.kind, options: q.options, scaleMin: q.scaleMin, scaleMax: q.scaleMax, unit: q.unit })),
    responses,
    mayManage,
  };
};

export const actions: Actions = {
  status: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.seismograph.setStatus(actor, event.params.slug, fields.status ?? ''));
    return result.ok ? { status: result.value } : result.failure;
  },
};
