import { z } from 'zod';
import { defineComponent } from './registry.ts';

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
    defaultCapacity: z.number().int().positive().max(10_000).nullable().default(null),
  }),
  actions: {
    view: { label: { de: 'Termine ansehen', en: 'View meetings' }, defaultGrants: ['anyone'], dataModes: ['anonymous'] },
    register: { label: { de: 'Sich anmelden', en: 'Register' }, defaultGrants: ['user'], dataModes: ['named'], audience: 'account' },
    manage: { label: { de: 'Termine, Anwesenheit und Protokoll pflegen', en: 'Manage meetings, attendance and protocol' }, defaultGrants: ['town_admin', 'moderator'], dataModes: ['named'], audience: 'staff' },
  },
  exports: [{ key: 'ical', label: { de: 'Kalender (iCal)', en: 'Calendar (iCal)' }, path: 'calendar.ics' }],
});
