import type { z } from 'zod';

/**
 * A failed validation: field name → message key. Keys name Paraglide messages (e.g. `error_email_invalid`), so the
 * UI shows them in the visitor's language; the data is left unchanged.
 */
export class ValidationError extends Error {
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super(`Invalid input: ${Object.keys(fields).join(', ')}`);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** Parses with a Zod schema whose issue messages are message keys; throws ValidationError naming each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_form';
    if (!(field in fields)) fields[field] = issue.message.startsWith('error_') ? issue.message : 'error_invalid';
  }
  throw new ValidationError(fields);
}
