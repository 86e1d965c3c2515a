import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, formWithFiles, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const found = await orNotFound(() => locals.app.academy.get(locals.actor, params.slug));
  const { entry } = found;
  return {
    entry: {
      slug: entry.slug,
      kind: entry.kind,
      status: entry.status,
      title: entry.title,
      summary: entry.summary,
      fieldsOfAction: entry.fieldsOfAction,
      goals: entry.goals,
      townType: entry.townType,
      location: entry.location,
      land: entry.land,
      year: entry.year,
      authors: entry.authors,
      licence: entry.licence,
      citation: entry.citation,
      url: entry.url,
      sourcePath: entry.sourcePath,
      reviewNote: entry.reviewNote,
      publishedAt: entry.publishedAt,
    },
    bodyHtml: found.bodyHtml,
    town: found.town,
    contributor: found.contributor,
    similar: found.similar,
    files: await locals.app.entryFiles.list(entry.id),
    may: { edit: found.mayEdit, submit: found.maySubmit, review: found.mayReview, unpublish: found.mayUnpublish },
    saved: url.searchParams.has('saved'),
  };
};

export const actions: Actions = {
  upload: async (event) => {
    const { actor } = requireUser(event);
    const { fields, files } = await formWithFiles(event);
    const result = await attempt(fields, () => event.locals.app.entryFiles.upload(actor, event.params.slug, fields, files.file));
    return result.ok ? { done: 'uploaded' as const } : result.failure;
  },
  removeFile: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.entryFiles.remove(actor, event.params.slug, fields.fileId ?? ''));
    return result.ok ? { done: 'fileRemoved' as const } : result.failure;
  },
  submit: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.academy.submit(actor, event.params.slug));
    return result.ok ? { done: 'submitted' as const } : result.failure;
  },
  publish: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.academy.publish(actor, event.params.slug));
    return result.ok ? { done: 'published' as const } : result.failure;
  },
  return: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.academy.returnToDraft(actor, event.params.slug, fields));
    return result.ok ? { done: 'returned' as const } : result.failure;
  },
};
