import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/modules/opendata/server/http.ts';

/** GET /api/v1/projects — published projects with their milestones. */
export const GET: RequestHandler = apiEndpoint(['town', 'field'], ({ locals }, query) => locals.app.openData.projects(query));
