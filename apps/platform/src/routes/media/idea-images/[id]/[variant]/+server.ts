import type { RequestHandler } from './$types';
import { imageVariantOr404, webpResponse } from '#lib/server/http.ts';

/** Idea images (re-encoded WebP); visible exactly when the idea is visible to the asker. Moderators may hide an idea, so public caches keep its image only briefly. */
export const GET: RequestHandler = async ({ locals, params }) =>
  webpResponse(await locals.app.ideas.imageFile(locals.actor, params.id, imageVariantOr404(params.variant)), { maxAge: 300 });
