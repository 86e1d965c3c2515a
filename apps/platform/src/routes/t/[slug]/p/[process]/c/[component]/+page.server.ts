import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { attempt, formWithFiles, orNotFound } from '#lib/server/http.ts';
import { LINK_COOKIE, PARTICIPANT_COOKIE } from '#lib/modules/processes/server/link-cookies.ts';
import { componentType } from '#lib/modules/processes/server/components/index.ts';
import { componentPages, type PageContext } from '#lib/modules/processes/server/pages/index.ts';

async function context(event: RequestEvent): Promise<PageContext> {
  const { locals, params } = event;
  const process = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  const component = await orNotFound(async () => locals.app.processes.component(process, params.component));
  return {
    app: locals.app,
    actor: locals.actor,
    process,
    component,
    locale: locals.locale,
    viaLink: await locals.app.accessLinks.validFor(event.cookies.get(LINK_COOKIE), process.process.id),
    participantKey: event.cookies.get(PARTICIPANT_COOKIE) ?? null,
    query: event.url.searchParams,
  };
}

export const load: PageServerLoad = async (event) => {
  const ctx = await context(event);
  const manifest = componentType(ctx.component.type);
  const page = componentPages[ctx.component.type];
  if (!manifest || !page) error(404, 'Not found');
  if (manifest.actions.view) await attempt({}, async () => ctx.app.processes.authorize(ctx.actor, ctx.process, ctx.component, `${manifest.type}:view`, ctx.viaLink));
  const data = await orNotFound(() => page.load(ctx));
  return {
    town: ctx.process.town,
    process: { slug: ctx.process.process.slug, title: ctx.process.process.title },
    currentPhase: ctx.process.currentPhase?.name ?? null,
    component: { id: ctx.component.id, type: ctx.component.type, title: ctx.component.title, typeLabel: manifest.label[ctx.locale] },
    view: data,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await context(event);
    const { fields, files } = await formWithFiles(event);
    const handler = componentPages[ctx.component.type]?.intents?.[fields.intent ?? ''];
    if (!handler) error(400, 'Unknown intent');
    const result = await attempt(fields, async () => (await handler(ctx, fields, files)) ?? {});
    if (!result.ok) return result.failure;
    return { intent: fields.intent, ...result.value };
  },
};
