import type { LayoutServerLoad } from './$types';
import { authorizeRoute } from '#lib/server/http.ts';

// Every page below /admin is for platform admins only; each action checks again in its service.
export const load: LayoutServerLoad = (event) => {
  authorizeRoute(event, 'platform.administer');
  return {};
};
