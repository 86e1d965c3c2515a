import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, orNotFound, requireUser } from '#lib/server/http.ts';
import { ForbiddenError } from '#lib/server/permissions.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

/** Edit a researcher profile: its own researcher, or academy editors (standalone profiles: editors only). */
export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const { research, network } = event.locals.app;
  const found = await orNotFound(() =>
    research.forEdit(actor, event.params.slug).catch((e: unknown) => {
      if (e instanceof ForbiddenError) error(403, 'Forbidden');
      throw e;
    }),
  );
  const r = found.researcher;
  return {
    slug: r.slug,
    name: r.name,
    standalone: found.standalone,
    profile: { name: r.name, institution: r.institution, org: found.org, fieldsOfAction: r.fieldsOfAction, topics: r.topics, bio: r.bio, website: r.website, publicEmail: r.publicEmail },
    orgs: (await network.options()).map((o) => ({ slug: o.slug, name: o.name })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.research.update(actor, event.params.slug, input));
    if (!result.ok) return result.failure;
    redirect(303, localizeHref(`/academy/research/researchers/${result.value.slug}`, { locale: event.locals.locale }));
  },
};
