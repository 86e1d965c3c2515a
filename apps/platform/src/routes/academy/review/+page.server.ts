import type { PageServerLoad } from './$types';
import { authorizeRoute, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  authorizeRoute(event, 'academy.review');
  return { queue: await event.locals.app.academy.reviewQueue(actor) };
};
