import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, requireUser, townOr404 } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const town = await townOr404(event);
  authorizeRoute(event, 'academy.shareFromTown', town.id);
  const from = event.url.searchParams.get('from') ?? '';
  return { town: { slug: town.slug, name: town.name, landName: town.landName }, from };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const from = typeof input.from === 'string' && input.from ? input.from : undefined;
    const result = await attempt(values, () => event.locals.app.academy.shareFromTown(actor, event.params.slug, input, from));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/knowledge/${result.value.slug}`, { locale: event.locals.locale }));
  },
};
