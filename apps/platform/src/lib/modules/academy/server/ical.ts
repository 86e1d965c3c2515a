/** iCalendar (RFC 5545) for academy events: one VEVENT per event, built on the shared blocks in lib/server/ical. */
import { escapeText, icalCalendar, icalDate } from '../../../server/ical.ts';

export interface CalendarEvent {
  uid: string;
  title: string;
  description: string;
  location: string;
  url: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  updatedAt: Date;
}

export function icalendar(events: CalendarEvent[], now = new Date()): string {
  return icalCalendar(
    '-//Kleinstadtakademie//Akademie//DE',
    [],
    events.map((e) => [
      `UID:${e.uid}`,
      `DTSTAMP:${icalDate(now)}`,
      `LAST-MODIFIED:${icalDate(e.updatedAt)}`,
      `DTSTART:${icalDate(e.startsAt)}`,
      `DTEND:${icalDate(e.endsAt)}`,
      `SUMMARY:${escapeText(e.title)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `LOCATION:${escapeText(e.location)}`,
      `URL:${e.url}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ]),
  );
}
