import type { App } from '../../../server/app.ts';
import type { Actor } from '../../../server/permissions.ts';
import { methodFormats } from '../taxonomy.ts';
import { blueprint } from '../../processes/server/blueprints.ts';
import { townsUsing } from './demo-content.ts';
import { EntryNotFoundError } from './service.ts';

/**
 * The method library: the guides of the eight formats (knowledge-base entries of kind "methode" with the format's
 * slug), with the towns that used each format and the process blueprint that sets the format up in a town's process.
 */

/** Method guide slug → blueprint key of the process core (formats without a blueprint are missing). */
const blueprintFor: Record<string, string> = {
  szenariowerkstatt: 'szenariowerkstatt',
  jugendbarcamp: 'jugendbarcamp',
  stadtspaziergang: 'stadtspaziergang',
  'open-space': 'open_space',
  'summer-school': 'summer_school',
  buergerforum: 'buergerforum',
};
export function methodLibrary(app: Pick<App, 'academy' | 'towns'>) {
  return {
    async list() {
      const guides = await Promise.all(methodFormats.map((slug) => app.academy.get(null, slug).catch((e: unknown) => (e instanceof EntryNotFoundError ? null : Promise.reject(e)))));
      return guides.filter((g) => g !== null).map((g) => ({ slug: g.entry.slug, title: g.entry.title, summary: g.entry.summary }));
    },
    async get(actor: Actor | null, slug: string) {
      if (!(methodFormats as readonly string[]).includes(slug)) throw new EntryNotFoundError(slug);
      const guide = await app.academy.get(actor, slug);
      const all = await app.towns.list();
      const used = townsUsing(slug);
      const bp = blueprintFor[slug] ? blueprint(blueprintFor[slug]) : undefined;
      return {
        ...guide,
        towns: all.filter((t) => used.includes(t.slug)).map((t) => ({ slug: t.slug, name: t.name })),
        blueprint: bp ? { key: bp.key, title: bp.title } : null,
      };
    },
  };
}
