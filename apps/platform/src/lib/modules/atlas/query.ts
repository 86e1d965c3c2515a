import { z } from 'zod';

// Shared by the server (parsing) and the pages (links): no server-only imports here.
const TYPE_CODES = [10, 20, 30, 40, 50] as const;
const LAGE_KEYS = ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher'] as const;

/** Filters of the municipality list (also the API's query parameters). Invalid values are a 400 naming the field. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  type: z.array(z.coerce.number().refine((n) => (TYPE_CODES as readonly number[]).includes(n))).optional(),
  kleinstadt: z.boolean().optional(),
  lage: z.array(z.enum(LAGE_KEYS)).optional(),
  land: z.string().regex(/^\d{2}$/).optional(),
  kreis: z.string().regex(/^\d{5}$/).optional(),
  popMin: z.coerce.number().int().min(0).optional(),
  popMax: z.coerce.number().int().min(0).optional(),
  since: z.enum(['1990', '2002', '2013']).default('2002'),
  changeMin: z.coerce.number().min(-100).max(1000).optional(),
  changeMax: z.coerce.number().min(-100).max(1000).optional(),
  sort: z.enum(['name', 'population', 'change', 'area', 'ags']).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** Raised for a bad filter; `field` is the query parameter, for a localized 400. */
export class FilterError extends Error {
  readonly field: string;
  constructor(field: string) {
    super(`invalid filter: ${field}`);
    this.field = field;
    this.name = 'FilterError';
  }
}

const MULTI = new Set(['type', 'lage']);

/** Reads list filters from URL search parameters; throws FilterError naming the first bad parameter. */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(listQuerySchema.shape)) {
    const values = params.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    if (MULTI.has(key)) raw[key] = values.flatMap((v) => v.split(','));
    else if (key === 'kleinstadt') raw[key] = values[0] === '1' || values[0] === 'true';
    else raw[key] = values[0];
  }
  const parsed = listQuerySchema.safeParse(raw);
  if (!parsed.success) throw new FilterError(String(parsed.error.issues[0]?.path[0] ?? 'query'));
  return parsed.data;
}

/** The query string of a list query (only what differs from the defaults), for links and downloads. */
export function listQueryString(query: Partial<ListQuery>, overrides: Partial<ListQuery> = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  const defaults = listQuerySchema.parse({});
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === '') continue;
    if ((defaults as Record<string, unknown>)[key] === value) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (typeof value === 'boolean') params.set(key, value ? '1' : '0');
    else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

