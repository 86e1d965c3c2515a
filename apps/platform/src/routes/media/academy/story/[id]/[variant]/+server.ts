import type { RequestHandler } from './$types';
import { imageVariantOr404, webpResponse } from '#lib/server/http.ts';

/** Showcase photos (re-encoded WebP): public for published stories, editors for drafts. */
export const GET: RequestHandler = async ({ locals, params }) =>
  webpResponse(await locals.app.showcase.photoFile(locals.actor, params.id, imageVariantOr404(params.variant)));
