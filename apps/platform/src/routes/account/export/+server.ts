import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '#lib/server/http.ts';

/** All data the platform stores about the logged-in person, as a JSON download. */
export const GET: RequestHandler = async (event) => {
  const { user } = requireUser(event);
  const data = await event.locals.app.accounts.exportData(user.id);
  return json(data, {
    headers: {
      'Content-Disposition': `attachment; filename="kleinstadtakademie-daten-${new Date().toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
