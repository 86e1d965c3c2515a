import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  const filters = { form: url.searchParams.get('form') ?? '', land: url.searchParams.get('land') ?? '', field: url.searchParams.get('field') ?? '', past: url.searchParams.get('past') === '1' };
  const events = await locals.app.academyEvents.list(filters);
  return {
    filters,
    events: events.map((e) => ({ slug: e.slug, form: e.form, title: e.title, summary: e.summary, startsAt: e.startsAt, endsAt: e.endsAt, place: e.form === 'digital' ? '' : e.place, land: e.land, capacity: e.capacity, registered: e.registered, townName: e.townName, cancelled: e.cancelledAt !== null })),
    mayManage: can(locals.actor, 'academy.manageEvents'),
    query: url.search,
  };
};
