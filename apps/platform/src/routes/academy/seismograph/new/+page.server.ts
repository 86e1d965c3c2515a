import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { QUESTION_ROWS } from '#lib/modules/academy/server/seismograph/service.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'academy.manageSeismograph');
  const template = await event.locals.app.seismograph.template();
  const values: Record<string, string> = { year: String(template.year), title: `Kleinstadt-Seismograph ${template.year}` };
  template.questions.forEach((q, i) => {
    Object.assign(values, { [`q${i}_key`]: q.key, [`q${i}_text`]: q.text, [`q${i}_hint`]: q.hint, [`q${i}_kind`]: q.kind, [`q${i}_options`]: q.options.join('\n'), [`q${i}_scaleMax`]: String(q.scaleMax), [`q${i}_unit`]: q.unit });
  });
  return { template: values, rows: QUESTION_ROWS };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.seismograph.createRound(actor, fields));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/seismograph/${result.value.slug}`, { locale: event.locals.locale }));
  },
};
