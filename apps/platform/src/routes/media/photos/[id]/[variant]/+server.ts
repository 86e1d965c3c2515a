import type { RequestHandler } from './$types';
import { imageVariantOr404, webpResponse } from '#lib/server/http.ts';

/** Meeting photos (re-encoded WebP); visible exactly when the meeting is visible to the asker. A photo never changes. */
export const GET: RequestHandler = async ({ locals, params }) =>
  webpResponse(await locals.app.photos.file(locals.actor, params.id, imageVariantOr404(params.variant)), { immutable: true });
