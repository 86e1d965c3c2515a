import type { PageServerLoad } from './$types';
import { authorizeRoute } from '#lib/server/http.ts';
import { legalPageKeys } from '#lib/modules/site/server/service.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'platform.administer');
  const pages = [];
  for (const key of legalPageKeys) {
    for (const locale of ['de', 'en'] as const) {
      const page = await event.locals.app.site.source(key, locale);
      pages.push({ key, locale, title: page.title, origin: page.origin });
    }
  }
  return { pages };
};
