import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, requireUser, SESSION_COOKIE } from '#lib/server/http.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';

export const load: PageServerLoad = async (event) => {
  const { user } = requireUser(event);
  return {
    profile: { email: user.email, displayName: user.displayName, locale: user.locale, isPlatformAdmin: user.isPlatformAdmin },
    towns: await event.locals.app.towns.townsOf(user.id),
  };
};

export const actions: Actions = {
  profile: async (event) => {
    const { user } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.updateProfile(user.id, fields));
    if (!result.ok) return result.failure;
    // The chosen language applies at once: the page reloads in it.
    if (result.value.locale !== event.locals.locale) {
      event.cookies.set('PARAGLIDE_LOCALE', result.value.locale, { path: '/', maxAge: 31_536_000, sameSite: 'lax', httpOnly: false, secure: event.url.protocol === 'https:' });
      redirect(303, localizeHref('/account?saved', { locale: result.value.locale as 'de' | 'en' }));
    }
    return { profileSaved: true };
  },
  password: async (event) => {
    const { user } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.accounts.changePassword(user.id, fields, event.locals.sessionToken ?? ''));
    if (!result.ok) return result.failure;
    return { passwordSaved: true };
  },
  delete: async (event) => {
    const { user } = requireUser(event);
    const fields = await formFields(event);
    if (fields.confirm !== 'yes') return fail(400, { errors: { confirm: 'error_confirm_required' }, values: {} });
    const result = await attempt(fields, () => event.locals.app.accounts.deleteAccount(user.id, fields.password ?? ''));
    if (!result.ok) return result.failure;
    event.cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, localizeHref('/?deleted', { locale: event.locals.locale }));
  },
};
