import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { attempt, orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const result = await orNotFound(() =>
    attempt({}, () => locals.app.vision.diff(locals.actor, params.slug, params.process, url.searchParams.get('from'), url.searchParams.get('to'))),
  );
  // Bad version numbers in the query are a 400, not a server error.
  if (!result.ok) error(400, 'Invalid versions');
  const d = result.value;
  return { town: d.ctx.town, process: { slug: d.ctx.process.slug, title: d.ctx.process.title }, from: d.from, to: d.to, parts: d.parts, added: d.added, removed: d.removed };
};
