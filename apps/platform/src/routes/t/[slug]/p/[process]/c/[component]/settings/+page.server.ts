import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser } from '#lib/server/http.ts';
import { describeSettings } from '#lib/server/settings-form.ts';

/** The settings of one component, as a form generated from its type's schemas: global, then one section per phase. */
export const load: PageServerLoad = async (event) => {
  const { locals, params } = event;
  const { actor } = requireUser(event);
  const ctx = await orNotFound(() => locals.app.processes.load(actor, params.slug, params.process));
  authorizeRoute(event, 'process.edit', ctx.town.id);
  const found = await orNotFound(() => locals.app.processes.componentSettings(actor, params.slug, params.process, params.component));
  const locale = locals.locale;
  return {
    town: found.ctx.town,
    process: { slug: found.ctx.process.slug, title: found.ctx.process.title },
    component: { id: found.component.id, title: found.component.title, typeLabel: found.definition.label[locale] },
    global: describeSettings(found.definition.settings, found.settings, locale, 'g.'),
    phases: found.phases
      .map((p) => ({ id: p.phase.id, name: p.phase.name, current: p.phase.id === found.ctx.currentPhase?.id, fields: describeSettings(found.definition.phaseSettings, p.settings, locale, `p.${p.phase.id}.`) }))
      .filter((p) => p.fields.length > 0),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.processes.saveComponentSettings(actor, event.params.slug, event.params.process, event.params.component, fields));
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
