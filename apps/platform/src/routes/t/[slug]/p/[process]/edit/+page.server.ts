import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { locals, params } = event;
  const ctx = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  authorizeRoute(event, 'process.edit', ctx.town.id);
  return {
    town: ctx.town,
    process: { slug: ctx.process.slug, title: ctx.process.title, summary: ctx.process.summary, published: ctx.process.published },
    phases: ctx.phases.map((p) => ({ id: p.id, name: p.name, description: p.description, startsOn: p.startsOn ?? '', endsOn: p.endsOn ?? '' })),
  };
};

export const actions: Actions = {
  process: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.processes.edit(actor, event.params.slug, event.params.process, fields));
    if (!result.ok) return result.failure;
    return { saved: 'process' };
  },
  phase: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.processes.editPhase(actor, event.params.slug, event.params.process, fields.phaseId ?? '', fields));
    if (!result.ok) return result.failure;
    return { saved: 'phase' };
  },
};
