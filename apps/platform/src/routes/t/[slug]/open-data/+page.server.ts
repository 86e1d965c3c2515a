import type { PageServerLoad } from './$types';
import { townOr404 } from '#lib/server/http.ts';
import { OPEN_DATA_LICENCE } from '#lib/modules/opendata/server/licence.ts';

/** A town's open data: the API filtered to the town, and each public process's component files. */
export const load: PageServerLoad = async (event) => {
  const town = await townOr404(event);
  const processes = await event.locals.app.openData.processes({ town: town.slug, page: 1, pageSize: 200 });
  return {
    town: { slug: town.slug, name: town.name },
    licence: OPEN_DATA_LICENCE,
    processes: processes.items.map((p) => ({ slug: p.slug, title: p.title, components: p.components.filter((c) => c.openData.length > 0).map((c) => ({ id: c.id, title: c.title, files: c.openData })) })),
  };
};
