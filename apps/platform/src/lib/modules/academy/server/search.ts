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

function filters(params: SearchParams): SQL[] {
  const where: SQL[] = [sql`e.status = 'published'`];
  if (params.kind) where.push(sql`e.kind = ${params.kind}`);
  if (params.field) where.push(sql`e.fields_of_action @> array[${params.field}]::text[]`);
  if (params.townType) where.push(sql`e.town_type = ${params.townType}`);
  if (params.location) where.push(sql`e.location = ${params.location}`);
  if (params.land) where.push(sql`e.land = ${params.land}`);
  if (params.year) where.push(sql`e.year = ${params.year}`);
  return where;
}

type Row = Record<string, unknown>;
async function rows(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** Runs a search: one page of ranked hits with snippets, the total and the facet counts of the whole result. */
export async function searchEntries(db: Db, params: SearchParams): Promise<SearchResult> {
  const query = tsQuery(params.q);
  const where = filters(params);
  if (query) where.push(sql`e.search @@ q.query`);
  const whereSql = sql.join(where, sql` and `);
  const from = query ? sql`academy_entries e, (select ${query} as query) q` : sql`academy_entries e`;
  const offset = (params.page - 1) * PAGE_SIZE;

  // The page: rank every match (cheap on the stored vector), take one page, and only then build snippets.
  const pageQuery = query
    ? sql`with hits as (
        select e.id, ts_rank(e.search, q.query) as rank, q.query from ${from} where ${whereSql}
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

  // Facets and total in one pass over the matching rows.
  const facetQuery = sql`with m as materialized (select e.kind, e.fields_of_action, e.town_type, e.location, e.land, e.year from ${from} where ${whereSql})
    select 'total' as facet, null as value, count(*)::int as count from m
    union all select 'kind', kind, count(*)::int from m group by kind
    union all select 'field', f, count(*)::int from m, unnest(fields_of_action) f group by f
    union all select 'townType', town_type, count(*)::int from m where town_type is not null group by town_type
    union all select 'location', location, count(*)::int from m where location is not null group by location
    union all select 'land', land, count(*)::int from m where land is not null group by land
    union all select 'year', year::text, count(*)::int from m where year is not null group by year`;

  const [hitRows, facetRows] = await Promise.all([rows(db, pageQuery), rows(db, facetQuery)]);
  const facets: SearchResult['facets'] = { kind: [], field: [], townType: [], location: [], land: [], year: [] };
  let total = 0;
  for (const r of facetRows) {
    const facet = r.facet as string;
    if (facet === 'total') total = Number(r.count);
    else facets[facet as keyof SearchResult['facets']].push({ value: String(r.value), count: Number(r.count) });
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
