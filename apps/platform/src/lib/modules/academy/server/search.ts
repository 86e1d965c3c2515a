import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import type { SearchParams } from './validation.ts';

/**
 * German full-text search over published entries, on PGlite and PostgreSQL alike.
 *
 * Documents are indexed with the text search configuration `german_unaccent` (German stop words dropped, then
 * unaccent, then the German Snowball stemmer) in the trigger-maintained, GIN-indexed table `academy_search`. A query is split into words; each word matches as typed or in its
 * folded spelling (ae/oe/ue → a/o/u, ß → ss), so "Buergerforum", "Burgerforum" and "Bürgerforum" find the same
 * entries. Results are ranked (title > summary/authors > body) and carry highlighted snippets (ts_headline).
 */

export const SEARCH_CONFIG = 'german_unaccent';
export const PAGE_SIZE = 20;
/** Sentinels around highlighted words in snippets; replaced by <mark> after HTML-escaping. */
const HL_START = '\u0002';
const HL_STOP = '\u0003';

/** Folds German umlaut transcriptions, so a query typed without umlauts meets the unaccented index. */
export function foldUmlautSpelling(word: string): string {
  return word.toLowerCase().replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u').replace(/ß/g, 'ss');
}

/** The query's words (letters and digits), at most eight. */
export function queryWords(q: string): string[] {
  return q
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** The tsquery for a search text, or null when there is nothing to search for. */
export function tsQuery(q: string): SQL | null {
  const words = queryWords(q);
  if (!words.length) return null;
  const parts = words.map((word) => {
    const folded = foldUmlautSpelling(word);
    const typed = sql`plainto_tsquery('german_unaccent'::regconfig, ${word})`;
    return folded === word.toLowerCase() ? typed : sql`(${typed} || plainto_tsquery('german_unaccent'::regconfig, ${folded}))`;
  });
  return sql.join(parts, sql` && `);
}

/** Escapes HTML and turns the highlight sentinels into <mark>; Markdown markers are dropped from snippets. */
export function snippetHtml(raw: string): string {
  const escaped = raw
    .replace(/[#*_`>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return escaped.replaceAll(HL_START, '<mark>').replaceAll(HL_STOP, '</mark>');
}

export interface SearchHit {
  slug: string;
  kind: string;
  title: string;
  summary: string;
  snippet: string;
  year: number | null;
  land: string | null;
  townName: string | null;
  fieldsOfAction: string[];
  rank: number;
}

export interface Facet {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Record<'kind' | 'field' | 'townType' | 'location' | 'land' | 'year', Facet[]>;
}

type FacetName = keyof SearchResult['facets'];

/** The facets in the order of the grouping sets of the facet query. */
const FACETS: FacetName[] = ['kind', 'field', 'townType', 'location', 'land', 'year'];

/** One condition per chosen facet value, on the search index `s`. */
function facetFilters(params: SearchParams): Partial<Record<FacetName, SQL>> {
  const where: Partial<Record<FacetName, SQL>> = {};
  if (params.kind) where.kind = sql`s.kind = ${params.kind}`;
  if (params.field) where.field = sql`s.fields_of_action @> array[${params.field}]::text[]`;
  if (params.townType) where.townType = sql`s.town_type = ${params.townType}`;
  if (params.location) where.location = sql`s.location = ${params.location}`;
  if (params.land) where.land = sql`s.land = ${params.land}`;
  if (params.year) where.year = sql`s.year = ${params.year}`;
  return where;
}

/** `and`-joined conditions, `true` when there are none. */
function all(conditions: SQL[]): SQL {
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}

type Row = Record<string, unknown>;
async function rows(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** JSON columns arrive parsed from pg and PGlite alike; a string is parsed here just in case. */
function json<T>(value: unknown, empty: T): T {
  if (value === null || value === undefined) return empty;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * Runs a search: one page of ranked hits with snippets, the total and the facet counts.
 *
 * Query plan (see docs/performance.md, "Academy search"): everything a search reads per match lives in the narrow
 * index table `academy_search` (published entries only, kept by a trigger). The query text becomes a tsquery once
 * (first statement, which also sets the planner options of this transaction); the second statement then matches
 * through the GIN index twice, as an exact bitmap scan that needs no recheck, so the full vector is never read:
 *  - the page: `ts_rank` on the small inline ranking vector for every match, top 20, and only for those 20 the entry
 *    row with a ts_headline snippet;
 *  - total and facets: one pass with GROUPING SETS, one set per facet (the total follows from the kind facet).
 *
 * Facets are disjunctive: each facet's counts are taken over the matches filtered by all OTHER chosen facets, so
 * after choosing one value the alternatives of the same facet stay visible with their counts. In the single pass
 * this is done by nulling a row's key for a facet when the row fails another facet's filter.
 */
export async function searchEntries(db: Db, params: SearchParams): Promise<SearchResult> {
  const chosen = facetFilters(params);
  const offset = (params.page - 1) * PAGE_SIZE;
  const words = queryWords(params.q);

  const key = (facet: FacetName, column: SQL): SQL => {
    const others = Object.entries(chosen).filter(([name]) => name !== facet).map(([, c]) => c as SQL);
    return others.length ? sql`case when ${all(others)} then ${column} end` : column;
  };
  // No grouping set for the total: kind is never null, so the total is the chosen kind's count (the kind facet is
  // counted under all other filters), or the sum of the kind counts when no kind is chosen.
  const facetSelect = (match: SQL) => sql`select grouping(k_kind, k_field, k_type, k_location, k_land, k_year) as g,
        k_kind, k_field, k_type, k_location, k_land, k_year::text as k_year, count(*)::int as n
      from (select ${key('kind', sql`s.kind`)} as k_kind, ${key('field', sql`s.fields_key`)} as k_field,
          ${key('townType', sql`s.town_type`)} as k_type, ${key('location', sql`s.location`)} as k_location,
          ${key('land', sql`s.land`)} as k_land, ${key('year', sql`s.year`)} as k_year
        from academy_search s where ${match}) f
      group by grouping sets ((k_kind), (k_field), (k_type), (k_location), (k_land), (k_year))`;

  let hitRows: Row[] = [];
  let facetRows: Row[] = [];
  if (words.length) {
    [hitRows, facetRows] = await db.transaction(async (tx) => {
      // Exact bitmaps (generous work_mem) and no sequential scan: a broad query must not read the full vectors.
      const [prepared] = await rows(
        tx as unknown as Db,
        sql`select set_config('work_mem', '32MB', true) as w, set_config('enable_seqscan', 'off', true) as s, (${tsQuery(params.q)})::text as q`,
      );
      const q = String(prepared?.q ?? '');
      if (!q) return [[], []]; // only stop words
      const tsq = sql`${q}::tsquery`;
      const [result] = await rows(
        tx as unknown as Db,
        sql`select
          (select coalesce(json_agg(p order by p.rank desc, p.published_at desc, p.id), '[]'::json) from (
            select e.id, e.slug, e.kind, e.title, e.summary, e.year, e.land, e.fields_of_action as "fieldsOfAction", t.name as "townName",
              h.rank, h.published_at,
              ts_headline('german_unaccent'::regconfig, e.summary || ' ' || left(e.body, 3000), ${tsq},
                'StartSel=${sql.raw(HL_START)}, StopSel=${sql.raw(HL_STOP)}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') as snippet
            from (
              select s.entry_id, s.published_at, ts_rank(s.rank_vector, ${tsq}) as rank from academy_search s
              where s.search @@ ${tsq} and ${all(Object.values(chosen))}
              order by rank desc, s.published_at desc, s.entry_id limit ${PAGE_SIZE} offset ${offset}
            ) h join academy_entries e on e.id = h.entry_id left join towns t on t.id = e.town_id
          ) p) as hits,
          (select coalesce(json_agg(f), '[]'::json) from (${facetSelect(sql`s.search @@ ${tsq}`)}) f) as facets`,
      );
      return [json<Row[]>(result?.hits, []), json<Row[]>(result?.facets, [])];
    });
  } else {
    // No query: the newest published entries; facets over the whole index (a sequential scan of narrow rows).
    const filters = Object.values(chosen);
    hitRows = await rows(
      db,
      sql`select e.slug, e.kind, e.title, e.summary, e.year, e.land, e.fields_of_action as "fieldsOfAction", t.name as "townName", 0 as rank, e.summary as snippet
        from academy_search s join academy_entries e on e.id = s.entry_id left join towns t on t.id = e.town_id where ${all(filters)}
        order by e.published_at desc nulls last, e.title limit ${PAGE_SIZE} offset ${offset}`,
    );
    facetRows = await rows(db, facetSelect(sql`true`));
  }

  const facets: SearchResult['facets'] = { kind: [], field: [], townType: [], location: [], land: [], year: [] };
  const fieldCounts = new Map<string, number>();
  const columns = ['k_kind', 'k_field', 'k_type', 'k_location', 'k_land', 'k_year'] as const;
  for (const r of facetRows) {
    const g = Number(r.g);
    const n = Number(r.n);
    // GROUPING(...) has a 1 for every column NOT grouped on; the leftmost argument is the highest bit.
    const i = FACETS.findIndex((_, index) => g === (0b111111 ^ (1 << (5 - index))));
    if (i < 0) continue;
    const value = r[columns[i]!];
    if (value === null || value === undefined || value === '') continue; // no value, or filtered out by another facet
    if (FACETS[i] === 'field') {
      for (const f of String(value).split(',')) fieldCounts.set(f, (fieldCounts.get(f) ?? 0) + n);
    } else facets[FACETS[i]!].push({ value: String(value), count: n });
  }
  facets.field = [...fieldCounts].map(([value, count]) => ({ value, count }));
  const total = params.kind ? (facets.kind.find((f) => f.value === params.kind)?.count ?? 0) : facets.kind.reduce((sum, f) => sum + f.count, 0);
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));

  return {
    total,
    page: params.page,
    pageSize: PAGE_SIZE,
    facets,
    hits: hitRows.map((r) => ({
      slug: r.slug as string,
      kind: r.kind as string,
      title: r.title as string,
      summary: r.summary as string,
      snippet: snippetHtml(String(r.snippet ?? '')),
      year: (r.year as number | null) ?? null,
      land: (r.land as string | null) ?? null,
      townName: (r.townName as string | null) ?? null,
      fieldsOfAction: (r.fieldsOfAction as string[]) ?? [],
      rank: Number(r.rank),
    })),
  };
}

/** Published entries most like the given one: shared title words (ranked on the full text) and shared fields of action. */
export async function similarEntries(db: Db, entryId: string, limit = 5) {
  const result = await rows(
    db,
    sql`with src as (
        select id, fields_of_action, nullif(replace(plainto_tsquery('german_unaccent'::regconfig, title)::text, ' & ', ' | '), '')::tsquery as query
        from academy_entries where id = ${entryId}
      )
      select e.slug, e.kind, e.title,
        coalesce(ts_rank(s.search, src.query), 0) + 0.1 * cardinality(array(select unnest(s.fields_of_action) intersect select unnest(src.fields_of_action))) as score
      from academy_search s join academy_entries e on e.id = s.entry_id, src
      where s.entry_id <> src.id and ((src.query is not null and s.search @@ src.query) or s.fields_of_action && src.fields_of_action)
      order by score desc, e.title limit ${limit}`,
  );
  return result.map((r) => ({ slug: r.slug as string, kind: r.kind as string, title: r.title as string }));
}
