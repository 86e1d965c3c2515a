import type { PageServerLoad } from './$types';

/**
 * The events calendar as a map: the atlas's VG5000 map (server-rendered SVG) with one marker per host town (placed by
 * its AGS), and the same events as a list grouped by place below it — which is also the fallback when the map data
 * is not available. No JavaScript needed.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const filters = { form: url.searchParams.get('form') ?? '', land: url.searchParams.get('land') ?? '', field: url.searchParams.get('field') ?? '', past: url.searchParams.get('past') === '1' };
  const { atlas, academyEvents } = locals.app;
  const events = await academyEvents.list(filters);
  const agsList = [...new Set(events.map((e) => e.townAgs).filter((a): a is string => Boolean(a)))];
  const ready = await atlas.ready();
  const map = ready ? await atlas.map('lage') : undefined;
  const markers = map ? await atlas.markers(agsList) : [];
  const placed = new Map(markers.map((mk) => [mk.ags, mk]));
  const places = agsList.map((ags) => {
    const here = events.filter((e) => e.townAgs === ags);
    const marker = placed.get(ags);
    return { ags, name: here[0]!.townName ?? ags, x: marker?.x ?? null, y: marker?.y ?? null, events: here.map((e) => ({ slug: e.slug, title: e.title, form: e.form, startsAt: e.startsAt, cancelled: e.cancelledAt !== null })) };
  });
  const elsewhere = events.filter((e) => !e.townAgs).map((e) => ({ slug: e.slug, title: e.title, form: e.form, startsAt: e.startsAt, place: e.form === 'digital' ? '' : e.place, cancelled: e.cancelledAt !== null }));
  return { filters, query: url.search, mapAvailable: Boolean(map), places, elsewhere };
};
