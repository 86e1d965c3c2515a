import { z } from 'zod';
import { blueprintKeys } from './blueprints.ts';
import { optionalDate, whenValid } from '../../../server/validation.ts';
import { slugField } from '../../towns/server/validation.ts';

export const createProcessSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
  slug: slugField.optional().or(z.literal('').transform(() => undefined)),
  blueprint: z.enum(blueprintKeys, { error: 'error_blueprint_required' }),
  startsOn: optionalDate,
});

export const editProcessSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
  summary: z.string().trim().max(20_000, 'error_too_long').default(''),
  published: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});

export const phaseSchema = z
  .object({
    name: z.string({ error: 'error_required' }).trim().min(1, 'error_required').max(160, 'error_too_long'),
    description: z.string().trim().max(5000, 'error_too_long').default(''),
    startsOn: optionalDate,
    endsOn: optionalDate,
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.startsOn <= p.endsOn, { path: ['endsOn'], message: 'error_date_order', ...whenValid('startsOn', 'endsOn') });

export const currentPhaseSchema = z.object({ phaseId: z.uuid('error_invalid') });
