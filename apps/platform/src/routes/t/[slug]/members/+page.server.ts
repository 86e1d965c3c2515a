import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, requireUser, townOr404 } from '#lib/server/http.ts';
import { can, inviteActionFor } from '#lib/server/permissions.ts';
import { townRoles } from '#lib/modules/towns/server/schema.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const town = await townOr404(event);
  authorizeRoute(event, 'town.viewMembers', town.id);
  const { people, invitations } = await event.locals.app.towns.members(actor, event.params.slug);
  return {
    town: { name: town.name, slug: town.slug },
    people,
    invitations,
    // Offer only the roles this person may invite.
    invitableRoles: townRoles.filter((role) => can(actor, inviteActionFor[role], town.id)),
    canRemove: can(actor, 'town.removeMember', town.id),
  };
};

export const actions: Actions = {
  invite: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.towns.invite(actor, event.params.slug, fields));
    if (!result.ok) return result.failure;
    return { invited: fields.email?.trim().toLowerCase() ?? '' };
  },
  remove: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.towns.removeMember(actor, event.params.slug, fields));
    // Shown above the table, not in the invitation form's error summary.
    if (!result.ok) return fail(result.failure.status, { removeError: Object.values(result.failure.data.errors ?? {})[0] ?? 'error_invalid' });
    return { removed: true };
  },
};
