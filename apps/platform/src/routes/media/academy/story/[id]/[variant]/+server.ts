import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Showcase photos (re-encoded WebP): public for published stories, editors for drafts. */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (params.variant !== 'image' && params.variant !== 'thumbnail') error(404, 'Not found');
  const file = await locals.app.showcase.photoFile(locals.actor, params.id, params.variant);
  if (!file) error(404, 'Not found');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'image/webp',
      'Cache-Control': file.public ? 'public, max-age=86400' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
};
