import { z } from 'zod';
import { defineComponent } from './define.ts';
import { openDataExports } from '../../../opendata/server/files.ts';
import { meetingsPage } from '../pages/meetings.ts';
import { icalFeed } from '../meetings.ts';

/** Meetings and workshops: dates, places, registration with capacity and waiting list, attendance, protocol. */
export const meetingsComponent = defineComponent({
  type: 'meetings',
  label: { de: 'Termine und Werkstätten', en: 'Meetings and workshops' },
  description: {
    de: 'Treffen mit Ort, Tagesordnung, Anmeldung mit Platzzahl und Warteliste, Anwesenheit und Protokoll.',
    en: 'Meetings with place, agenda, registration with capacity and waiting list, attendance and protocol.',
  },
  settings: z.object({
    /** Default capacity for new meetings (null = no limit). */
    defaultCapacity: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .meta({ label: { de: 'Übliche Platzzahl neuer Termine', en: 'Usual capacity of new meetings' }, hint: { de: 'Leer lassen für unbegrenzt.', en: 'Leave empty for no limit.' } })
      .nullable()
      .default(null),
  }),
  phaseSettings: z.object({}),
  actions: {
    view: { label: { de: 'Termine ansehen', en: 'View meetings' }, defaultGrants: ['anyone'], dataModes: ['anonymous'] },
    register: { label: { de: 'Sich anmelden', en: 'Register' }, defaultGrants: ['user'], dataModes: ['named'], audience: 'account' },
    manage: { label: { de: 'Termine, Anwesenheit und Protokoll pflegen', en: 'Manage meetings, attendance and protocol' }, defaultGrants: ['town_admin', 'moderator'], dataModes: ['named'], audience: 'staff' },
  },
  page: meetingsPage,
  exports: [
    ...openDataExports('termine', 'termine', { de: 'Termine', en: 'Meetings' }, ({ app, process, component }) => app.openData.meetingsOfComponent(process, component)),
    {
      label: { de: 'Kalender (iCal)', en: 'Calendar (iCal)' },
      path: 'calendar.ics',
      format: 'ical',
      action: 'view',
      openData: true,
      async produce({ app, actor, process, component }) {
        const list = await app.meetings.list(actor, process, component);
        const base = `/t/${process.town.slug}/p/${process.process.slug}/c/${component.id}`;
        const body = icalFeed(component.title, app.config.publicOrigin, list.map((meeting) => ({ meeting, url: `${base}?meeting=${meeting.id}` })));
        return { body, contentType: 'text/calendar; charset=utf-8', filename: `${process.process.slug}-termine.ics` };
      },
    },
  ],
  personalData: {
    collect: async (app, userId) => ({ meetingRegistrations: await app.meetings.personalData(userId) }),
    erase: (app, tx, userId) => app.meetings.erasePersonalData(tx, userId),
  },
});
