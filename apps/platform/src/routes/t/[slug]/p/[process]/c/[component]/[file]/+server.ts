import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { attempt } from '#lib/server/http.ts';
import { produceExport } from '#lib/modules/processes/server/components/index.ts';
import { componentPageContext } from '#lib/modules/processes/server/pages/context.ts';

/**
 * A component's declared exports (definition `exports`, e.g. the meetings' `calendar.ics`): found by path, guarded by
 * the export's action in the current phase (403 otherwise), produced by the definition.
 */
export const GET: RequestHandler = async (event) => {
  const ctx = await componentPageContext(event);
  const result = await attempt({}, () => produceExport(ctx, event.params.file));
  if (!result.ok) error(400, 'Bad request');
  if (!result.value) error(404, 'Not found');
  const { spec, file } = result.value;
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `${spec.format === 'ical' ? 'inline' : 'attachment'}; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': spec.openData ? 'public, max-age=300' : 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
};
