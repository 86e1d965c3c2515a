import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { locals, params } = event;
  requireUser(event);
  const ctx = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  authorizeRoute(event, 'process.editPermissions', ctx.town.id);
  const matrix = await locals.app.processes.matrix(locals.actor, params.slug, params.process);
  const locale = locals.locale;
  return {
    town: ctx.town,
    process: { slug: ctx.process.slug, title: ctx.process.title },
    phases: ctx.phases.map((p) => ({ id: p.id, name: p.name })),
    components: matrix.components.map((c) => ({
      id: c.component.id,
      title: c.component.title,
      typeLabel: c.manifest?.label[locale] ?? c.component.type,
      actions: c.actions.map((a) => ({ action: a.action, label: a.spec.label[locale], grantKinds: a.grantKinds, dataModes: [...a.spec.dataModes], phases: a.phases })),
    })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.processes.setMatrix(actor, event.params.slug, event.params.process, fields));
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
