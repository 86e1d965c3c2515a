import { z } from 'zod';

/** Field name → message key of its error. */
export type FieldErrors = Record<string, string>;

/**
 * A failed validation: field name → message key. Keys name Paraglide messages (e.g. `error_email_invalid`), so the
 * UI shows them in the visitor's language; the data is left unchanged.
 */
export class ValidationError extends Error {
  readonly fields: FieldErrors;
  constructor(fields: FieldErrors) {
    super(`Invalid input: ${Object.keys(fields).join(', ')}`);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** The first issue per field (a message key, else `error_invalid`); issues without a path belong to `_form`. */
function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.join('.') || '_form';
    if (!(field in fields)) fields[field] = issue.message.startsWith('error_') ? issue.message : 'error_invalid';
  }
  return fields;
}

/** Parses with a Zod schema whose issue messages are message keys; throws ValidationError naming each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrorsOf(result.error.issues));
}

/**
 * Options for an object-level `.refine` that reads `fields`: it runs whenever those fields are valid, whatever the
 * rest of the form holds. By default Zod skips object refinements once any field has a blocking issue (a missing
 * choice, a malformed coordinate), which would hide e.g. "the end lies before the start" until every other error is
 * fixed; and it runs them on a field that failed a mere check, whose value then may not be transformed yet.
 */
export function whenValid(...fields: string[]): { when: (payload: z.core.ParsePayload) => boolean } {
  return { when: (payload) => !payload.issues.some((issue) => fields.includes(String(issue.path?.[0]))) };
}

/**
 * A rule that needs the database or the request's context (a point inside the town, a year not yet taken): it parses
 * its own `fields` from the raw input and runs whenever they are valid, so its errors appear together with those of
 * the rest of the form instead of only once everything else is right. Build it with `fieldCheck`.
 */
export interface FieldCheck {
  readonly fields: z.ZodType;
  readonly run: (data: never) => FieldErrors | Promise<FieldErrors>;
}

export function fieldCheck<S extends z.ZodType>(fields: S, run: (data: z.output<S>) => FieldErrors | Promise<FieldErrors>): FieldCheck {
  return { fields, run };
}

/**
 * Parses a form and runs its checks: all errors of the schema and of every check whose fields parse (a field keeps
 * its first error, the schema's before a check's), and the data when the schema accepted the input.
 */
export async function collectErrors<S extends z.ZodType>(schema: S, input: unknown, checks: readonly FieldCheck[] = []): Promise<{ data: z.output<S> | undefined; errors: FieldErrors }> {
  const result = schema.safeParse(input);
  const errors = result.success ? {} : fieldErrorsOf(result.error.issues);
  for (const check of checks) {
    const own = check.fields.safeParse(input);
    if (!own.success) continue;
    for (const [field, key] of Object.entries(await (check.run as (data: unknown) => FieldErrors | Promise<FieldErrors>)(own.data))) errors[field] ??= key;
  }
  return { data: result.success ? result.data : undefined, errors };
}

/** `collectErrors` for forms without further parts: the data, or a ValidationError naming every bad field. */
export async function parseChecked<S extends z.ZodType>(schema: S, input: unknown, checks: readonly FieldCheck[]): Promise<z.output<S>> {
  const { data, errors } = await collectErrors(schema, input, checks);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return data as z.output<S>;
}

/** A calendar date written YYYY-MM-DD that exists (not 2026-02-30, which PostgreSQL would refuse). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An optional date field (a date input): empty gives null, anything but an existing calendar date an error. */
export const optionalDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isCalendarDate(v), 'error_date_invalid')
  .transform((v) => (v ? v : null));

/** A UUID as the database stores ids (checked before a lookup, so a malformed id is "not found", not a database error). */
export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
