import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/modules/opendata/server/http.ts';

/** GET /api/v1/visions — published Zukunftsbilder and Zukunftsgeschichten. */
export const GET: RequestHandler = apiEndpoint(['town', 'process'], ({ locals }, query) => locals.app.openData.visions(query));
