import type { PageServerLoad } from './$types';
import { authorizeRoute } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'academy.manageNetwork');
  const pending = await event.locals.app.network.pending(event.locals.actor);
  return { pending: pending.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind, createdAt: o.createdAt, contactEmail: o.contactEmail })) };
};
