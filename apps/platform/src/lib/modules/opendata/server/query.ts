import { z } from 'zod';
import { fieldsOfAction } from '../../../domain/fields-of-action.ts';
import { ideaStatuses } from '../../processes/server/schema.ts';

/** A query parameter the API cannot use; answered with 400 and the parameter's name. */
export class QueryParameterError extends Error {
  readonly parameter: string;
  readonly reason: 'invalid' | 'unknown';
  constructor(parameter: string, reason: 'invalid' | 'unknown') {
    super(reason === 'unknown' ? `Unknown query parameter "${parameter}".` : `The query parameter "${parameter}" has an invalid value.`);
    this.parameter = parameter;
    this.reason = reason;
  }
}

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);
// A calendar day that exists (2026-02-30 is refused, not rolled over into March).
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  })
  .transform((v) => new Date(`${v}T00:00:00Z`));
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const defaults: Partial<Record<ParameterName, number>> = { page: 1, pageSize: 50 };

/** Every parameter the participation API knows; each endpoint takes a subset (see `parseQuery`). */
const parameters = {
  town: slug,
  process: slug,
  field: z.enum(fieldsOfAction),
  status: z.enum(ideaStatuses),
  since: day,
  until: day,
  page: integer(1, 100_000),
  pageSize: integer(1, 200),
};
export type ParameterName = keyof typeof parameters;

export interface ApiQuery {
  town?: string;
  process?: string;
  field?: (typeof fieldsOfAction)[number];
  status?: (typeof ideaStatuses)[number];
  since?: Date;
  /** Exclusive: the day after the `until` parameter. */
  until?: Date;
  page: number;
  pageSize: number;
}

/** Parses the allowed parameters of one endpoint; a repeated, unknown or malformed one is a QueryParameterError. */
export function parseQuery(params: URLSearchParams, allowed: readonly ParameterName[]): ApiQuery {
  const out: Record<string, unknown> = {};
  const known: readonly string[] = [...allowed, 'page', 'pageSize'];
  for (const key of new Set(params.keys())) {
    if (!known.includes(key)) throw new QueryParameterError(key, 'unknown');
    if (params.getAll(key).length > 1) throw new QueryParameterError(key, 'invalid');
  }
  for (const name of known as ParameterName[]) {
    const raw = params.get(name);
    if (raw === null) {
      if (defaults[name] !== undefined) out[name] = defaults[name];
      continue;
    }
    const parsed = (parameters[name] as z.ZodType).safeParse(raw);
    if (!parsed.success) throw new QueryParameterError(name, 'invalid');
    out[name] = parsed.data;
  }
  if (out.until instanceof Date) out.until = new Date(out.until.getTime() + 86_400_000);
  if (out.since instanceof Date && out.until instanceof Date && out.since >= out.until) throw new QueryParameterError('until', 'invalid');
  return out as unknown as ApiQuery;
}
