import type { LayoutServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: LayoutServerLoad = ({ locals, url }) => ({
  user: locals.user ? { displayName: locals.user.displayName, email: locals.user.email } : null,
  isPlatformAdmin: can(locals.actor, 'platform.administer'),
  locale: locals.locale,
  pathname: url.pathname,
});
