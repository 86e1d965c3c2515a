import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields } from '#lib/server/http.ts';
import { legalPageKeys, type LegalPageKey } from '#lib/modules/site/server/service.ts';

function pageParams(params: { key: string; locale: string }): { key: LegalPageKey; locale: 'de' | 'en' } {
  if (!(legalPageKeys as readonly string[]).includes(params.key) || (params.locale !== 'de' && params.locale !== 'en')) error(404, 'Not found');
  return { key: params.key as LegalPageKey, locale: params.locale };
}

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'platform.administer');
  const { key, locale } = pageParams(event.params);
  const page = await event.locals.app.site.source(key, locale);
  return { key, locale, title: page.title, body: page.body };
};

export const actions: Actions = {
  default: async (event) => {
    const { key, locale } = pageParams(event.params);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.site.save(event.locals.actor, key, locale, fields));
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
