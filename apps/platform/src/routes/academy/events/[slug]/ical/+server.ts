import type { RequestHandler } from './$types';
import { orNotFound } from '#lib/server/http.ts';

/** One event as an iCalendar file. */
export const GET: RequestHandler = async ({ locals, params }) =>
  new Response(await orNotFound(() => locals.app.academyEvents.ical(params.slug)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${params.slug}.ics"` },
  });
