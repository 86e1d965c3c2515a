import type { PageServerLoad } from './$types';
import { orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await orNotFound(() => locals.app.research.researcher(locals.actor, params.slug));
  const { researcher } = found;
  return {
    researcher: { slug: researcher.slug, name: researcher.name, institution: researcher.institution, fieldsOfAction: researcher.fieldsOfAction, topics: researcher.topics, website: researcher.website, publicEmail: researcher.publicEmail, own: Boolean(locals.user) && researcher.userId === locals.user!.id },
    bioHtml: found.bioHtml,
    org: found.org,
    questions: found.questions,
    mayEdit: found.mayEdit,
  };
};
