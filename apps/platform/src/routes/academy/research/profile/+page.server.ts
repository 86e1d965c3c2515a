import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  const { user } = requireUser(event);
  const { research, network } = event.locals.app;
  const [profile, orgs] = await Promise.all([research.profileOf(user.id), network.options()]);
  const org = profile?.orgId ? orgs.find((o) => o.id === profile.orgId)?.slug : '';
  return { profile: profile ? { ...profile, org } : { name: user.displayName }, exists: Boolean(profile), orgs: orgs.map((o) => ({ slug: o.slug, name: o.name })) };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.research.saveOwnProfile(actor, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/research/researchers/${result.value.slug}`, { locale: event.locals.locale }));
  },
};
