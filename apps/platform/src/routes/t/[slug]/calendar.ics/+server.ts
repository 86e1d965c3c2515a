import type { RequestHandler } from './$types';
import { orNotFound } from '#lib/server/http.ts';
import { icalFeed } from '#lib/modules/processes/server/meetings.ts';

/** All public meetings of a town's published processes as an iCalendar feed. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const { town, rows } = await orNotFound(() => locals.app.meetings.publicFeed(params.slug));
  const body = icalFeed(town.name, locals.app.config.publicOrigin, rows.map((r) => ({ meeting: r.meeting, url: `/t/${town.slug}/p/${r.processSlug}/c/${r.meeting.componentId}?meeting=${r.meeting.id}` })));
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${town.slug}.ics"`, 'Cache-Control': 'public, max-age=300' } });
};
