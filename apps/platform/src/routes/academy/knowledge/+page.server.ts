import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  const params = Object.fromEntries(['q', 'kind', 'field', 'townType', 'location', 'land', 'year', 'page'].map((k) => [k, url.searchParams.get(k) ?? '']));
  const result = await locals.app.academy.search(params);
  return { params, result, mayContribute: can(locals.actor, 'academy.contribute') };
};
