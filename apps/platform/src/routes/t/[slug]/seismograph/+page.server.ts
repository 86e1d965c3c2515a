import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, orNotFound, requireUser } from '#lib/server/http.ts';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  const town = await orNotFound(() => event.locals.app.towns.getPublic(event.params.slug));
  authorizeRoute(event, 'academy.answerSeismograph', town.id);
  const { rounds } = await event.locals.app.seismograph.forTown(event.locals.actor, event.params.slug);
  return {
    town: { slug: town.slug, name: town.name },
    rounds: rounds.map((r) => ({
      slug: r.round.slug,
      title: r.round.title,
      intro: r.round.intro,
      status: r.round.status,
      questions: r.questions.map((q) => ({ key: q.key, text: q.text, hint: q.hint, kind: q.kind, options: q.options, scaleMin: q.scaleMin, scaleMax: q.scaleMax, unit: q.unit })),
      answered: r.response ? { at: r.response.submittedAt, visibility: r.response.visibility } : null,
      values: r.values,
    })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const round = typeof input.round === 'string' ? input.round : '';
    const result = await attempt(values, () => event.locals.app.seismograph.answer(actor, round, event.params.slug, input));
    return result.ok ? { saved: round } : result.failure;
  },
};
