import { z } from 'zod';
import { emailField } from '../../accounts/server/validation.ts';
import { townRoles } from './schema.ts';

export const slugField = z
  .string({ error: 'error_required' })
  .trim()
  .toLowerCase()
  .min(2, 'error_slug_invalid')
  .max(60, 'error_slug_invalid')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'error_slug_invalid');

export const createTownSchema = z.object({
  /** Name or AGS of the municipality, as typed by the admin. */
  municipality: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(120, 'error_too_long'),
  slug: slugField.optional().or(z.literal('').transform(() => undefined)),
});

export const editTownSchema = z.object({
  descriptionDe: z.string().trim().max(5000, 'error_too_long'),
  descriptionEn: z.string().trim().max(5000, 'error_too_long'),
  internalNotes: z.string().trim().max(20000, 'error_too_long'),
});

export const inviteSchema = z.object({
  email: emailField,
  role: z.enum(townRoles, { error: 'error_invalid' }),
});

export const removeMemberSchema = z.object({ userId: z.uuid('error_invalid') });

/** Turns a town name into a URL slug: "Zell am Harmersbach" → "zell-am-harmersbach", umlauts transliterated. */
export function slugify(name: string): string {
  return name
    .replace(/,.*$/, '')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
