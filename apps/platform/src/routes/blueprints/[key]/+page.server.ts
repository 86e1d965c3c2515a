import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { blueprint } from '#lib/modules/processes/server/blueprints.ts';
import { componentType } from '#lib/modules/processes/server/components/index.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';

export const load: PageServerLoad = ({ locals, params }) => {
  const bp = blueprint(params.key);
  if (!bp) error(404, 'Not found');
  const locale = locals.locale;
  return {
    key: bp.key,
    title: bp.title[locale],
    summary: bp.summary[locale],
    guideHtml: renderMarkdown(bp.guideDe),
    phases: bp.phases.map((p) => ({ name: p.name, description: p.description })),
    components: bp.components.map((c) => ({ title: c.title, typeLabel: componentType(c.type)?.label[locale] ?? c.type })),
    plannedTools: [...(bp.plannedTools ?? [])],
  };
};
