import type { PageServerLoad } from './$types';
import { methodLibrary } from '#lib/modules/academy/server/methods.ts';
import { orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const guide = await orNotFound(() => methodLibrary(locals.app).get(locals.actor, params.slug));
  return {
    title: guide.entry.title,
    summary: guide.entry.summary,
    bodyHtml: guide.bodyHtml,
    slug: guide.entry.slug,
    licence: guide.entry.licence,
    towns: guide.towns,
    similar: guide.similar,
    blueprint: guide.blueprint ? { key: guide.blueprint.key, title: guide.blueprint.title[locals.locale] } : null,
  };
};
