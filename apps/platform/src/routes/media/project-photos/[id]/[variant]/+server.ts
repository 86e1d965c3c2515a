import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Photos of project updates (re-encoded WebP); visible exactly when the project is visible to the asker. */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (params.variant !== 'image' && params.variant !== 'thumbnail') error(404, 'Not found');
  const file = await locals.app.projects.photo(locals.actor, params.id, params.variant);
  if (!file) error(404, 'Not found');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'image/webp',
      'Cache-Control': file.public ? 'public, max-age=86400' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
};
