import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Attachments of knowledge-base entries, visible exactly when the entry is: images (WebP) inline, PDFs as downloads
 * (never rendered in the platform's origin).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (params.variant !== 'file' && params.variant !== 'thumbnail') error(404, 'Not found');
  const file = await locals.app.entryFiles.file(locals.actor, params.id, params.variant);
  if (!file) error(404, 'Not found');
  const pdf = file.kind === 'pdf' && params.variant === 'file';
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': pdf ? 'application/pdf' : 'image/webp',
      ...(pdf ? { 'Content-Disposition': `attachment; filename="${file.filename}"` } : {}),
      'Cache-Control': file.public ? 'public, max-age=86400' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
