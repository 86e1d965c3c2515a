import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/modules/opendata/server/http.ts';

/** GET /api/v1/ideas — public ideas with status and support counts (newest first). */
export const GET: RequestHandler = apiEndpoint(['town', 'process', 'field', 'status', 'since', 'until'], ({ locals }, query) => locals.app.openData.ideas(query));
