import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, formWithFiles, orNotFound, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await orNotFound(() => locals.app.showcase.get(locals.actor, params.slug));
  const { story } = found;
  return {
    story: { slug: story.slug, title: story.title, teaser: story.teaser, status: story.status, fieldsOfAction: story.fieldsOfAction, publishedAt: story.publishedAt },
    bodyHtml: found.bodyHtml,
    town: found.town,
    photos: found.photos,
    mayManage: found.mayManage,
    // Absolute addresses for the share link and the Open Graph tags, from the configured public origin (never the Host header).
    shareUrl: new URL(localizeHref(`/academy/showcase/${story.slug}`, { locale: locals.locale }), locals.app.config.publicOrigin).href,
    origin: locals.app.config.publicOrigin,
  };
};

export const actions: Actions = {
  publish: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.showcase.setStatus(actor, event.params.slug, 'published'));
    return result.ok ? { done: 'published' as const } : result.failure;
  },
  unpublish: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.showcase.setStatus(actor, event.params.slug, 'draft'));
    return result.ok ? { done: 'unpublished' as const } : result.failure;
  },
  photo: async (event) => {
    const { actor } = requireUser(event);
    const { fields, files } = await formWithFiles(event);
    const result = await attempt(fields, () => event.locals.app.showcase.addPhoto(actor, event.params.slug, fields, files.photo));
    return result.ok ? { done: 'photo' as const } : result.failure;
  },
  removePhoto: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.showcase.removePhoto(actor, event.params.slug, fields.photoId ?? ''));
    return result.ok ? { done: 'photoRemoved' as const } : result.failure;
  },
};
