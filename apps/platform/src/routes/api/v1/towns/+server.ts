import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/modules/opendata/server/http.ts';

/** GET /api/v1/towns — the town spaces (see /api/v1/openapi.json). */
export const GET: RequestHandler = apiEndpoint(['town'], ({ locals }, query) => locals.app.openData.towns(query));
