import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '#lib/modules/atlas/server/openapi.ts';
import { participationPaths } from '#lib/modules/opendata/server/openapi.ts';

/** The OpenAPI 3.1 description of the public JSON API: the atlas and the participation content. */
export const GET: RequestHandler = async ({ locals }) => {
  const atlas = openApiDocument(locals.app.config.publicOrigin);
  return json({
    ...atlas,
    info: { ...atlas.info, title: 'Kleinstadtakademie API', description: `${atlas.info.description} The participation endpoints (towns, processes, ideas, meetings, projects, visions) publish what visitors may see, under dl-de/by-2-0 with the town as source.` },
    paths: { ...atlas.paths, ...participationPaths() },
  });
};
