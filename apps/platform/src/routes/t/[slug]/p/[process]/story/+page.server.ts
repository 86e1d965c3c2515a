import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const view = await orNotFound(() => locals.app.vision.version(locals.actor, params.slug, params.process, url.searchParams.get('v') ?? undefined));
  return {
    town: view.ctx.town,
    process: { slug: view.ctx.process.slug, title: view.ctx.process.title },
    version: view.version,
    paragraphs: view.paragraphs.map((p) => ({ ...p, html: renderMarkdown(p.text), preview: ((t) => (t.length > 60 ? `${t.slice(0, 59)}…` : t))(p.text.replace(/\s+/g, ' ')) })),
    latestNumber: view.latestNumber,
    publishedNumber: view.publishedNumber,
    versions: view.versions,
    mayEdit: view.mayEdit,
    mayComment: view.mayComment,
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.vision.saveStory(actor, event.params.slug, event.params.process, fields));
    if (!result.ok) return result.failure;
    return { saved: result.value.version.number, created: result.value.created };
  },
  publish: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const number = Number(fields.number);
    const result = await attempt(fields, () => event.locals.app.vision.publishStory(actor, event.params.slug, event.params.process, Number.isInteger(number) ? number : -1));
    if (!result.ok) return result.failure;
    return { published: true };
  },
  unpublish: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.vision.publishStory(actor, event.params.slug, event.params.process, null));
    if (!result.ok) return result.failure;
    return { unpublished: true };
  },
  comment: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.vision.comment(actor, event.params.slug, event.params.process, fields.version, fields));
    if (!result.ok) return result.failure;
    return { commented: true };
  },
};
