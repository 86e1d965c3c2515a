import type { RequestHandler } from './$types';
import { imageVariantOr404, webpResponse } from '#lib/server/http.ts';

/** Photos of project updates (re-encoded WebP); visible exactly when the project is visible to the asker. */
export const GET: RequestHandler = async ({ locals, params }) =>
  webpResponse(await locals.app.projects.photo(locals.actor, params.id, imageVariantOr404(params.variant)));
