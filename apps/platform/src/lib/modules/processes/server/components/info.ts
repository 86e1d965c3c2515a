import { z } from 'zod';
import { defineComponent, storesNoPersonalData } from './define.ts';
import { infoPage } from '../pages/info.ts';

/** A page of information (Markdown): what the format is, how to take part, the organiser's notes. */
export const infoComponent = defineComponent({
  type: 'info',
  label: { de: 'Informationsseite', en: 'Information page' },
  description: { de: 'Ein Text, der erklärt, worum es geht und wie man mitmacht.', en: 'A text explaining what this is about and how to take part.' },
  settings: z.object({
    body: z
      .string()
      .max(20_000)
      .meta({ label: { de: 'Text (Markdown)', en: 'Text (Markdown)' }, hint: { de: 'Überschriften mit ##, Listen mit -, Links mit [Text](https://…).', en: 'Headings with ##, lists with -, links with [text](https://…).' }, multiline: true })
      .default(''),
  }),
  phaseSettings: z.object({}),
  actions: {
    view: { label: { de: 'Ansehen', en: 'View' }, defaultGrants: ['anyone'], dataModes: ['anonymous'] },
  },
  page: infoPage,
  exports: [],
  personalData: storesNoPersonalData,
});
