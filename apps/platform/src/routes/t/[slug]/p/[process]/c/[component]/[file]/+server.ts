import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { attempt, orNotFound } from '#lib/server/http.ts';
import { LINK_COOKIE, PARTICIPANT_COOKIE } from '#lib/modules/processes/server/link-cookies.ts';
import { componentType } from '#lib/modules/processes/server/components/index.ts';
import { componentPages } from '#lib/modules/processes/server/pages/index.ts';

/**
 * A component's declared exports (manifest `exports`, e.g. the ideas' `ideen.csv`): found by path, produced by the
 * type's page part, which checks the permission through its service (403 otherwise).
 */
export const GET: RequestHandler = async (event) => {
  const { locals, params } = event;
  const process = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  const component = await orNotFound(async () => locals.app.processes.component(process, params.component));
  const spec = componentType(component.type)?.exports.find((e) => e.path === params.file);
  const produce = spec ? componentPages[component.type]?.exports?.[spec.key] : undefined;
  if (!produce) error(404, 'Not found');
  const viaLink = await locals.app.accessLinks.validFor(event.cookies.get(LINK_COOKIE), process.process.id);
  const result = await attempt({}, () =>
    produce({
      app: locals.app,
      actor: locals.actor,
      process,
      component,
      locale: locals.locale,
      viaLink,
      participantKey: event.cookies.get(PARTICIPANT_COOKIE) ?? null,
      query: event.url.searchParams,
    }),
  );
  if (!result.ok) error(400, 'Bad request');
  const file = result.value;
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
};
