import type { PageServerLoad } from './$types';
import { methodLibrary } from '#lib/modules/academy/server/methods.ts';

export const load: PageServerLoad = async ({ locals }) => ({ methods: await methodLibrary(locals.app).list() });
