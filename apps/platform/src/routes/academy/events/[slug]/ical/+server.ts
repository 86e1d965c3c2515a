import type { RequestHandler } from './$types';
import { entryOr404 } from '#lib/modules/academy/server/http.ts';

/** One event as an iCalendar file. */
export const GET: RequestHandler = async ({ locals, params }) =>
  new Response(await entryOr404(() => locals.app.academyEvents.ical(params.slug)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${params.slug}.ics"` },
  });
