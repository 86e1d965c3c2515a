import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { filter, orgs } = await locals.app.network.list(Object.fromEntries(url.searchParams));
  return {
    filter,
    orgs: orgs.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind, fieldsOfAction: o.fieldsOfAction, land: o.land, kreis: o.kreis, isPartner: o.isPartner, website: o.website })),
    loggedIn: Boolean(locals.user),
    mayManage: can(locals.actor, 'academy.manageNetwork'),
    mine: await locals.app.network.mine(locals.actor),
  };
};
