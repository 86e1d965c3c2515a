import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import type { SearchParams } from './validation.ts';

/**
 * German full-text search over published entries, on PGlite and PostgreSQL alike.
 *
 * Documents are indexed with the text search configuration `german_unaccent` (unaccent, then the German Snowball
 * stemmer) in a generated, GIN-indexed column. A query is split into words; each word matches as typed or in its
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

/** One condition per chosen facet value, on the columns of the match set `m` (or the entries table aliased `e`). */
function facetFilters(params: SearchParams, alias: 'e' | 'm'): Partial<Record<FacetName, SQL>> {
  const a = sql.raw(alias);
  const where: Partial<Record<FacetName, SQL>> = {};
  if (params.kind) where.kind = sql`${a}.kind = ${params.kind}`;
  if (params.field) where.field = sql`${a}.fields_of_action @> array[${params.field}]::text[]`;
  if (params.townType) where.townType = sql`${a}.town_type = ${params.townType}`;
  if (params.location) where.location = sql`${a}.location = ${params.location}`;
  if (params.land) where.land = sql`${a}.land = ${params.land}`;
  if (params.year) where.year = sql`${a}.year = ${params.year}`;
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

/**
 * Runs a search: one page of ranked hits with snippets, the total and the facet counts.
 *
 * Query plan (see docs/performance.md, "Academy search"): the text match goes through the GIN index on the full
 * vector (a bitmap scan, kept exact by a generous work_mem, so the large, TOASTed body vector is never read back);
 * hits are ranked on the small inline title+summary vector `rank_vector`; only the 20 rows of the page get a
 * ts_headline snippet. Total and facets come from one pass over the match set.
 *
 * Facets are disjunctive: each facet's counts are taken over the matches filtered by all OTHER chosen facets, so
 * after choosing one value the alternatives of the same facet stay visible with their counts.
 */
export async function searchEntries(db: Db, params: SearchParams): Promise<SearchResult> {
  const query = tsQuery(params.q);
  const chosen = facetFilters(params, 'e');
  const base: SQL[] = [sql`e.status = 'published'`];
  if (query) base.push(sql`e.search @@ q.query`);
  const whereSql = all([...base, ...Object.values(chosen)]);
  const from = query ? sql`academy_entries e, (select ${query} as query) q` : sql`academy_entries e`;
  const offset = (params.page - 1) * PAGE_SIZE;

  // The page: rank every match on the small vector, take one page, and only then build snippets.
  const pageQuery = query
    ? sql`with hits as (
        select e.id, ts_rank(e.rank_vector, q.query) as rank, q.query from ${from} where ${whereSql}
        order by rank desc, e.published_at desc, e.id limit ${PAGE_SIZE} offset ${offset}
      )
      select e.slug, e.kind, e.title, e.summary, e.year, e.land, e.fields_of_action as "fieldsOfAction", t.name as "townName", h.rank,
        ts_headline('german_unaccent'::regconfig, e.summary || ' ' || left(e.body, 3000), h.query,
          'StartSel=${sql.raw(HL_START)}, StopSel=${sql.raw(HL_STOP)}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') as snippet
      from hits h join academy_entries e on e.id = h.id left join towns t on t.id = e.town_id
      order by h.rank desc, e.published_at desc, e.id`
    : sql`select e.slug, e.kind, e.title, e.summary, e.year, e.land, e.fields_of_action as "fieldsOfAction", t.name as "townName", 0 as rank, e.summary as snippet
      from academy_entries e left join towns t on t.id = e.town_id where ${whereSql}
      order by e.published_at desc nulls last, e.title limit ${PAGE_SIZE} offset ${offset}`;

  // Total and disjunctive facets in one pass over the text matches (without facet filters), narrow columns only.
  const onM = facetFilters(params, 'm');
  const others = (facet: FacetName) => all(Object.entries(onM).filter(([name]) => name !== facet).map(([, c]) => c as SQL));
  const facetQuery = sql`with m as materialized (select e.kind, e.fields_of_action, e.town_type, e.location, e.land, e.year from ${from} where ${all(base)})
    select 'total' as facet, null as value, count(*)::int as count from m where ${all(Object.values(onM))}
    union all select 'kind', kind, count(*)::int from m where ${others('kind')} group by kind
    union all select 'field', f, count(*)::int from m, unnest(fields_of_action) f where ${others('field')} group by f
    union all select 'townType', town_type, count(*)::int from m where town_type is not null and ${others('townType')} group by town_type
    union all select 'location', location, count(*)::int from m where location is not null and ${others('location')} group by location
    union all select 'land', land, count(*)::int from m where land is not null and ${others('land')} group by land
    union all select 'year', year::text, count(*)::int from m where year is not null and ${others('year')} group by year`;

  // One connection, exact bitmaps: a broad query (tens of thousands of matches) must not fall back to a sequential
  // scan that reads every body vector, nor to a lossy bitmap whose recheck does the same.
  const [hitRows, facetRows] = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`);
    if (query) await tx.execute(sql`set local enable_seqscan = off`);
    const page = await rows(tx as unknown as Db, pageQuery);
    const facetResult = await rows(tx as unknown as Db, facetQuery);
    return [page, facetResult] as const;
  });
  const facets: SearchResult['facets'] = { kind: [], field: [], townType: [], location: [], land: [], year: [] };
  let total = 0;
  for (const r of facetRows) {
    const facet = r.facet as string;
    if (facet === 'total') total = Number(r.count);
    else facets[facet as FacetName].push({ value: String(r.value), count: Number(r.count) });
  }
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
        coalesce(ts_rank(e.search, src.query), 0) + 0.1 * cardinality(array(select unnest(e.fields_of_action) intersect select unnest(src.fields_of_action))) as score
      from academy_entries e, src
      where e.status = 'published' and e.id <> src.id and ((src.query is not null and e.search @@ src.query) or e.fields_of_action && src.fields_of_action)
      order by score desc, e.title limit ${limit}`,
  );
  return result.map((r) => ({ slug: r.slug as string, kind: r.kind as string, title: r.title as string }));
}
