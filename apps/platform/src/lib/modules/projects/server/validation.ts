import { z } from 'zod';
import { fieldsOfAction } from '../../processes/server/schema.ts';
import { slugField } from '../../towns/server/validation.ts';
import { pointFields } from '../../atlas/server/town-map.ts';
import { optionalDate, whenValid } from '../../../server/validation.ts';
import { fundingProgrammes, projectStatuses, projectTypes, workingGroupRoles } from './schema.ts';

const optionalUuid = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(z.uuid('error_invalid').nullable());


const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');

/**
 * A project as its form sends it. Fields of action and funding programmes come as checkboxes
 * (`field_<key>`, `programme_<key>`); `toProjectInput` gathers them into lists first.
 */
export const projectSchema = z
  .object({
    title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
    slug: slugField.optional().or(z.literal('').transform(() => undefined)),
    summary: z.string().trim().max(10_000, 'error_too_long').default(''),
    type: z.enum(projectTypes, { error: 'error_project_type_required' }),
    status: z.enum(projectStatuses, { error: 'error_invalid_choice' }).default('idee'),
    fields: z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).min(1, 'error_project_fields_required'),
    responsibleName: z.string({ error: 'error_project_responsible_required' }).trim().min(2, 'error_project_responsible_required').max(200, 'error_too_long'),
    responsibleEmail: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.email('error_email_invalid').nullable()),
    partners: z.string().trim().max(2000, 'error_too_long').default(''),
    workingGroupId: optionalUuid,
    processId: optionalUuid,
    startsOn: optionalDate,
    endsOn: optionalDate,
    budget: z.string().trim().max(500, 'error_too_long').default(''),
    funding: z.string().trim().max(2000, 'error_too_long').default(''),
    fundingProgrammes: z.array(z.enum(fundingProgrammes, { error: 'error_invalid_choice' })).default([]),
    published: checkbox,
    /** Goals of the Zukunftsbild the project serves (checkboxes `goal_<id>`); checked against the town and process by the service. */
    goals: z.array(z.uuid('error_project_goals_invalid')).max(100, 'error_project_goals_invalid').default([]),
    ...pointFields,
  })
  .refine((p) => !p.startsOn || !p.endsOn || p.startsOn <= p.endsOn, { path: ['endsOn'], message: 'error_date_order', ...whenValid('startsOn', 'endsOn') });
export type ProjectInput = z.infer<typeof projectSchema>;

/** The fields of the project form that name other records; the service checks them against the town's data. */
export const projectReferenceFields = z.object({
  responsibleEmail: projectSchema.shape.responsibleEmail,
  workingGroupId: projectSchema.shape.workingGroupId,
  processId: projectSchema.shape.processId,
  goals: projectSchema.shape.goals,
});
export type ProjectReferences = z.infer<typeof projectReferenceFields>;

/** Gathers the checkbox fields of the project form into lists; structured input passes through. */
export function toProjectInput(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const record = input as Record<string, unknown>;
  const collect = (prefix: string, given: unknown) =>
    Array.isArray(given)
      ? given
      : Object.entries(record)
          .filter(([key, value]) => key.startsWith(prefix) && (value === 'on' || value === 'true' || value === true))
          .map(([key]) => key.slice(prefix.length));
  return { ...record, fields: collect('field_', record.fields), fundingProgrammes: collect('programme_', record.fundingProgrammes), goals: collect('goal_', record.goals) };
}

export const milestoneSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(200, 'error_too_long'),
  dueOn: optionalDate,
});

export const updateSchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
  body: z.string({ error: 'error_required' }).trim().min(10, 'error_update_body_short').max(10_000, 'error_too_long'),
  altText: z.string().trim().max(300, 'error_too_long').default(''),
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.enum(projectStatuses, { error: 'error_invalid_choice' }).nullable()),
});

export const workingGroupSchema = z.object({
  name: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(160, 'error_too_long'),
  slug: slugField.optional().or(z.literal('').transform(() => undefined)),
  topic: z.string().trim().max(5000, 'error_too_long').default(''),
  rhythm: z.string().trim().max(200, 'error_too_long').default(''),
  processId: optionalUuid,
  internalNotes: z.string().trim().max(20_000, 'error_too_long').default(''),
});

export const memberSchema = z.object({
  email: z.string({ error: 'error_email_invalid' }).trim().toLowerCase().pipe(z.email('error_email_invalid')),
  role: z.enum(workingGroupRoles, { error: 'error_invalid_choice' }).default('member'),
});

export const linkMeetingSchema = z.object({ meetingId: z.uuid('error_invalid_choice') });
export const linkIdeaSchema = z.object({ ideaId: z.uuid('error_invalid_choice') });
