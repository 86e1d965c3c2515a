import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/modules/opendata/server/http.ts';

/** GET /api/v1/processes — published processes with phases, components and their open data. */
export const GET: RequestHandler = apiEndpoint(['town', 'process'], ({ locals }, query) => locals.app.openData.processes(query));
