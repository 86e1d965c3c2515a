import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '#lib/modules/atlas/server/openapi.ts';

/** The OpenAPI 3.1 description of the public JSON API. */
export const GET: RequestHandler = async ({ locals }) => json(openApiDocument(locals.app.config.publicOrigin));
