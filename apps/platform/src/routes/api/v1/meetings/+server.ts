import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/modules/opendata/server/http.ts';

/** GET /api/v1/meetings — public meetings and workshops (by start). */
export const GET: RequestHandler = apiEndpoint(['town', 'process', 'since', 'until'], ({ locals }, query) => locals.app.openData.meetings(query));
