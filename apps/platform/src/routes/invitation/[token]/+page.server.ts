import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async ({ params, locals }) => {
  const invitation = await locals.app.towns.invitation(params.token);
  return {
    invitation: invitation ? { townName: invitation.townName, role: invitation.role, email: invitation.email } : null,
    loggedIn: Boolean(locals.user),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { user } = requireUser(event);
    const accepted = await event.locals.app.towns.acceptInvitation(user.id, event.params.token);
    if (!accepted) return { invalid: true };
    redirect(303, localizeHref(`/t/${accepted.townSlug}?welcome=${accepted.role}`, { locale: event.locals.locale }));
  },
};
