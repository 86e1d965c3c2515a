import type { RequestHandler } from './$types';

/** All upcoming events as one iCalendar feed. */
export const GET: RequestHandler = async ({ locals }) =>
  new Response(await locals.app.academyEvents.feed(), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="kleinstadtakademie.ics"', 'Cache-Control': 'public, max-age=300' },
  });
