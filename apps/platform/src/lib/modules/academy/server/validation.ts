import { z } from 'zod';
import { entryKinds, fieldsOfAction, goals, laender, licences, locations, townTypes } from '../taxonomy.ts';

const optionalText = (max: number) => z.string().trim().max(max, 'error_too_long').default('');
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.enum(values, { error: 'error_invalid_choice' }).nullable().default(null));

/** A knowledge-base entry as submitted by a form (lists come from repeated checkbox fields). */
export const entrySchema = z.object({
  kind: z.enum(entryKinds, { error: 'error_invalid_choice' }),
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_title_too_short').max(200, 'error_too_long'),
  summary: optionalText(1000),
  body: optionalText(50_000),
  fieldsOfAction: z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).max(8).default([]),
  goals: z.array(z.enum(goals, { error: 'error_invalid_choice' })).max(4).default([]),
  townType: optionalChoice(townTypes),
  location: optionalChoice(locations),
  land: optionalChoice(laender),
  year: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
    z.number({ error: 'error_year_invalid' }).int('error_year_invalid').min(1800, 'error_year_invalid').max(2100, 'error_year_invalid').nullable().default(null),
  ),
  authors: optionalText(500),
  licence: z.preprocess((v) => (v === '' || v === undefined ? 'CC-BY-4.0' : v), z.enum(licences, { error: 'error_invalid_choice' })),
  citation: optionalText(1000),
  url: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.url({ protocol: /^https?$/, error: 'error_url_invalid' }).max(1000, 'error_too_long').nullable().default(null)),
});
export type EntryInput = z.infer<typeof entrySchema>;

export const reviewNoteSchema = z.object({ note: optionalText(2000) });

/** Search filters: an unknown value (an old link, a typo) is ignored rather than an error. */
const filter = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).nullable().catch(null);

export const searchSchema = z.object({
  q: z.string().trim().max(200).catch(''),
  kind: filter(entryKinds),
  field: filter(fieldsOfAction),
  townType: filter(townTypes),
  location: filter(locations),
  land: filter(laender),
  year: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : Number(v)), z.number().int().min(1800).max(2100).nullable().catch(null)),
  page: z.preprocess((v) => (v === '' || v === undefined ? 1 : Number(v)), z.number().int().min(1).max(500).catch(1)),
});
export type SearchParams = z.infer<typeof searchSchema>;

export const checkSchema = z.object({
  team: optionalText(200),
  answers: z
    .array(z.object({ point: z.number().int().min(1).max(10), rating: z.number({ error: 'error_rating_required' }).int('error_rating_required').min(1, 'error_rating_required').max(4, 'error_rating_required'), note: optionalText(1000) }))
    .length(10),
});

export const emailSchema = z.object({ email: z.email('error_email_invalid').trim().toLowerCase() });
