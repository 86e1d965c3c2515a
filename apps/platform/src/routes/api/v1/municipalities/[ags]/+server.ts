import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { profileJson } from '#lib/modules/atlas/server/export.ts';

/** GET /api/v1/municipalities/{ags} — one municipality with type, Lage, population series and peer medians. */
export const GET: RequestHandler = async ({ locals, params }) => {
  authorize(locals.actor, 'atlas.view');
  if (!/^\d{8}$/.test(params.ags)) return json({ error: 'invalid_ags', field: 'ags', message: 'ags must be the 8-digit Amtlicher Gemeindeschlüssel' }, { status: 400 });
  const { atlas } = locals.app;
  const profile = await atlas.profile(params.ags);
  if (!profile) return json({ error: 'not_found', message: `No municipality with AGS ${params.ags}` }, { status: 404 });
  return json(profileJson(profile, await atlas.credits()), { headers: { 'cache-control': 'public, max-age=300' } });
};
