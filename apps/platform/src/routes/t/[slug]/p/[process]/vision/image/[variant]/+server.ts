import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { orNotFound } from '#lib/server/http.ts';

/** The Zukunftsbild's image (re-encoded WebP); visible exactly when the Zukunftsbild is visible to the asker. */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (params.variant !== 'image' && params.variant !== 'thumbnail') error(404, 'Not found');
  const file = await orNotFound(() => locals.app.vision.image(locals.actor, params.slug, params.process, params.variant as 'image' | 'thumbnail'));
  if (!file) error(404, 'Not found');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'image/webp',
      // The address stays the same when the image is replaced, so caches must revalidate.
      'Cache-Control': file.public ? 'public, max-age=300' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
};
