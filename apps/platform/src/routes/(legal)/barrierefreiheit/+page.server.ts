import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => locals.app.site.page('barrierefreiheit', locals.locale);
