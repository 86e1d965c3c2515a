import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, requireUser } from '#lib/server/http.ts';
import { orNotFound } from '#lib/server/http.ts';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const town = await orNotFound(() => locals.app.towns.getPublic(params.slug));
  const { peers } = await orNotFound(() => locals.app.peers.suggest(params.slug));
  return { town: { slug: town.slug, name: town.name }, peers, mayContact: can(locals.actor, 'academy.contactPeer', town.id) };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.peers.contact(actor, event.params.slug, fields.to ?? '', fields));
    return result.ok ? { sent: fields.to ?? '' } : result.failure;
  },
};
