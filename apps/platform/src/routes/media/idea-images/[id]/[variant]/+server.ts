import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Idea images (re-encoded WebP); visible exactly when the idea is visible to the asker. */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (params.variant !== 'image' && params.variant !== 'thumbnail') error(404, 'Not found');
  const file = await locals.app.ideas.imageFile(locals.actor, params.id, params.variant);
  if (!file) error(404, 'Not found');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'image/webp',
      'Cache-Control': file.public ? 'public, max-age=3600' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
};
