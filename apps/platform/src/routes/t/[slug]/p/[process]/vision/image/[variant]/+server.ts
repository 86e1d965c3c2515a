import type { RequestHandler } from './$types';
import { imageVariantOr404, orNotFound, webpResponse } from '#lib/server/http.ts';

/** The Zukunftsbild's image (re-encoded WebP); visible exactly when the Zukunftsbild is visible to the asker. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const variant = imageVariantOr404(params.variant);
  const file = await orNotFound(() => locals.app.vision.image(locals.actor, params.slug, params.process, variant));
  // The address stays the same when the image is replaced, so caches must revalidate soon.
  return webpResponse(file, { maxAge: 300 });
};
