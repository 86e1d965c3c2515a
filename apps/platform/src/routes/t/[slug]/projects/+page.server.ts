import type { PageServerLoad } from './$types';
import { orNotFound } from '#lib/server/http.ts';
import { fieldsOfAction } from '#lib/modules/processes/server/schema.ts';
import { projectStatuses, projectTypes } from '#lib/modules/projects/server/schema.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const q = url.searchParams;
  const result = await orNotFound(() => locals.app.projects.list(locals.actor, params.slug, { type: q.get('type'), status: q.get('status'), field: q.get('field') }));
  return {
    town: result.town,
    projects: result.projects,
    filters: result.filters,
    mayEdit: result.mayEdit,
    choices: { types: [...projectTypes], statuses: [...projectStatuses], fields: [...fieldsOfAction] },
  };
};
