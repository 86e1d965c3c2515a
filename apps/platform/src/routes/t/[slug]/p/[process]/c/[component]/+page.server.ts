import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, formWithFiles, orNotFound, requireUser } from '#lib/server/http.ts';
import { componentType } from '#lib/modules/processes/server/components/index.ts';
import { componentPageContext } from '#lib/modules/processes/server/pages/context.ts';

export const load: PageServerLoad = async (event) => {
  const ctx = await componentPageContext(event);
  const definition = componentType(ctx.component.type);
  if (!definition) error(404, 'Not found');
  // A visitor who may not view it is offered the login (and comes back here), not a bare 403.
  if ('view' in definition.actions && !ctx.app.processes.can(ctx.actor, ctx.process, ctx.component, `${definition.type}:view`, ctx.viaLink)) {
    if (!ctx.actor) requireUser(event);
    error(403, 'Forbidden');
  }
  const data = await orNotFound(() => definition.page.load(ctx));
  return {
    town: ctx.process.town,
    process: { slug: ctx.process.process.slug, title: ctx.process.process.title },
    currentPhase: ctx.process.currentPhase?.name ?? null,
    component: { id: ctx.component.id, type: ctx.component.type, title: ctx.component.title, typeLabel: definition.label[ctx.locale] },
    view: data,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await componentPageContext(event);
    const { fields, files } = await formWithFiles(event);
    const handler = componentType(ctx.component.type)?.page.intents?.[fields.intent ?? ''];
    if (!handler) error(400, 'Unknown intent');
    const result = await attempt(fields, async () => (await handler(ctx, fields, files)) ?? {});
    if (!result.ok) return result.failure;
    return { intent: fields.intent, ...result.value };
  },
};
