import { z } from 'zod';
import { fieldsOfAction, laender, orgKinds, researchQuestionStatuses } from '../../taxonomy.ts';

export const optionalText = (max: number) => z.string().trim().max(max, 'error_too_long').default('');
const optionalLand = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.enum(laender, { error: 'error_invalid_choice' }).nullable().default(null));
export const optionalUrl = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.url({ protocol: /^https?$/, error: 'error_url_invalid' }).max(1000, 'error_too_long').nullable().default(null),
);
const optionalEmail = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''), z.union([z.literal(''), z.email('error_email_invalid').max(300, 'error_too_long')]));
const fields = z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).max(8).default([]);
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const optionalYear = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
  z.number({ error: 'error_year_invalid' }).int('error_year_invalid').min(1950, 'error_year_invalid').max(2100, 'error_year_invalid').nullable().default(null),
);

/** A directory entry as an organisation applies for it. */
export const orgApplicationSchema = z.object({
  name: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(200, 'error_too_long'),
  kind: z.enum(orgKinds, { error: 'error_invalid_choice' }),
  description: optionalText(4000),
  fieldsOfAction: fields,
  land: optionalLand,
  kreis: optionalText(120),
  contactName: optionalText(200),
  contactEmail: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email('error_email_invalid').max(300, 'error_too_long')),
  phone: optionalText(60),
  website: optionalUrl,
});

/** What editors may set besides: the partnership with the academy; the contact address is optional for them. */
export const orgEditorSchema = orgApplicationSchema.extend({
  contactEmail: optionalEmail,
  isPartner: checkbox,
  partnerSince: optionalYear,
  partnerContribution: optionalText(2000),
});

/** Directory filters: an unknown value is ignored. */
export const orgFilterSchema = z.object({
  q: z.string().trim().max(100).catch(''),
  kind: z.enum(orgKinds).nullable().catch(null),
  field: z.enum(fieldsOfAction).nullable().catch(null),
  land: z.enum(laender).nullable().catch(null),
  partner: z.preprocess((v) => v === '1' || v === 'on', z.boolean()).catch(false),
});
export type OrgFilter = z.infer<typeof orgFilterSchema>;

export const researcherSchema = z.object({
  name: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(200, 'error_too_long'),
  institution: optionalText(300),
  fieldsOfAction: fields,
  /** Comma-separated keywords. */
  topics: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((t) => t.trim()).filter(Boolean) : (v ?? [])),
    z.array(z.string().max(80, 'error_too_long')).max(20, 'error_too_many'),
  ),
  bio: optionalText(4000),
  website: optionalUrl,
  publicEmail: optionalEmail,
});

export const researchQuestionSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(10, 'error_question_too_short').max(300, 'error_too_long'),
  body: optionalText(10_000),
  fieldsOfAction: fields,
});

export const researchAnswerSchema = z.object({
  body: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(10_000, 'error_too_long'),
  url: optionalUrl,
});

export const researchStatusSchema = z.object({ status: z.enum(researchQuestionStatuses, { error: 'error_invalid_choice' }) });

/** Folded spellings of a search word (ä → a and ae → a), for umlaut-insensitive LIKE search. */
export function foldedPatterns(q: string): string[] {
  const lower = q.toLowerCase();
  const a = lower.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');
  const b = a.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
  const escape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return [...new Set([escape(a), escape(b)])];
}
