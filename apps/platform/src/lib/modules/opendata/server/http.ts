import { json, type RequestEvent } from '@sveltejs/kit';
import { parseQuery, QueryParameterError, type ApiQuery, type ParameterName } from './query.ts';

/**
 * One participation-API endpoint: parses the allowed query parameters (400 naming a bad or unknown one), runs the
 * open-data service and answers JSON that caches may keep for five minutes (it is what any visitor sees).
 */
export function apiEndpoint(allowed: readonly ParameterName[], run: (event: RequestEvent, query: ApiQuery) => Promise<unknown>) {
  return async (event: RequestEvent) => {
    try {
      const query = parseQuery(event.url.searchParams, allowed);
      return json(await run(event, query), { headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } });
    } catch (e) {
      if (e instanceof QueryParameterError) return json({ error: e.reason === 'unknown' ? 'unknown_parameter' : 'invalid_parameter', parameter: e.parameter, message: e.message }, { status: 400 });
      throw e;
    }
  };
}
