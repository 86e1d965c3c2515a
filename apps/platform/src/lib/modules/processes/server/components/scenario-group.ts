import { z } from 'zod';
import { defineComponent } from './define.ts';
import { scenarioGroupPage } from '../pages/scenario-group.ts';

/** The intended mix of backgrounds in percent, as the seed recommends (administration, council, business, …). */
export const defaultIntendedMix = { administration: 10, council: 10, business: 15, association: 20, citizen: 30, youth: 15 };

/** The scenario group: invitation-only membership up to a maximum, optional self-description, representativeness. */
export const scenarioGroupComponent = defineComponent({
  type: 'scenario_group',
  label: { de: 'Szenariogruppe', en: 'Scenario group' },
  description: {
    de: 'Eine feste Gruppe auf Einladung (höchstens 30 Personen) mit freiwilliger Selbstbeschreibung und einem Blick darauf, wer fehlt.',
    en: 'A standing group by invitation (at most 30 people) with a voluntary self-description and a view of who is missing.',
  },
  settings: z.object({
    maxMembers: z
      .number()
      .int()
      .min(2)
      .max(200)
      .meta({ label: { de: 'Höchstzahl der Mitglieder', en: 'Maximum number of members' }, hint: { de: 'Die Modellstädte arbeiteten mit etwa 30 Personen.', en: 'The model towns worked with about 30 people.' } })
      .default(30),
    intendedMix: z
      .object({
        administration: z.number().min(0).max(100).meta({ label: { de: 'Verwaltung (%)', en: 'Administration (%)' } }),
        council: z.number().min(0).max(100).meta({ label: { de: 'Rat (%)', en: 'Council (%)' } }),
        business: z.number().min(0).max(100).meta({ label: { de: 'Wirtschaft (%)', en: 'Business (%)' } }),
        association: z.number().min(0).max(100).meta({ label: { de: 'Vereine (%)', en: 'Associations (%)' } }),
        citizen: z.number().min(0).max(100).meta({ label: { de: 'Bürgerschaft (%)', en: 'Citizens (%)' } }),
        youth: z.number().min(0).max(100).meta({ label: { de: 'Jugend (%)', en: 'Youth (%)' } }),
      })
      .meta({ label: { de: 'Angestrebte Zusammensetzung', en: 'Intended composition' }, hint: { de: 'Anteile in Prozent, wie die Broschüre sie empfiehlt.', en: 'Shares in percent, as the brochure recommends.' } })
      .default(defaultIntendedMix),
  }),
  phaseSettings: z.object({}),
  actions: {
    view: { label: { de: 'Zusammensetzung ansehen', en: 'View the composition' }, defaultGrants: ['user'], dataModes: ['anonymous'] },
    manage: { label: { de: 'Einladen und Mitglieder verwalten', en: 'Invite and manage members' }, defaultGrants: ['town_admin', 'moderator'], dataModes: ['named'], audience: 'staff' },
  },
  page: scenarioGroupPage,
  exports: [],
  personalData: {
    collect: async (app, userId) => ({ scenarioGroupMemberships: await app.scenarioGroup.personalData(userId) }),
    erase: (app, tx, userId) => app.scenarioGroup.erasePersonalData(tx, userId),
  },
});
