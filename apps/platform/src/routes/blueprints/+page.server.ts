import type { PageServerLoad } from './$types';
import { blueprintKeys, blueprints } from '#lib/modules/processes/server/blueprints.ts';

export const load: PageServerLoad = ({ locals }) => ({
  blueprints: blueprintKeys.map((key) => ({ key, title: blueprints[key].title[locals.locale], summary: blueprints[key].summary[locals.locale] })),
});
