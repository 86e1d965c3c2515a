import type { Actions, PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';
import { blueprint } from '#lib/modules/processes/server/blueprints.ts';
import { componentType } from '#lib/modules/processes/server/components/index.ts';
import { splitParagraphs } from '#lib/modules/vision/server/story.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const ctx = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  const locale = locals.locale;
  const canEdit = can(locals.actor, 'process.edit', ctx.town.id);
  const bp = ctx.process.blueprint ? blueprint(ctx.process.blueprint) : undefined;
  const vision = await locals.app.vision.overview(locals.actor, params.slug, params.process);
  return {
    town: ctx.town,
    process: { slug: ctx.process.slug, title: ctx.process.title, summaryHtml: renderMarkdown(ctx.process.summary), published: ctx.process.published },
    phases: ctx.phases.map((p) => ({ id: p.id, name: p.name, description: p.description, startsOn: p.startsOn, endsOn: p.endsOn, current: p.id === ctx.currentPhase?.id })),
    components: ctx.components.map((c) => ({ id: c.id, title: c.title, typeLabel: componentType(c.type)?.label[locale] ?? c.type, hasPage: componentType(c.type) !== undefined })),
    blueprint: bp ? { key: bp.key, title: bp.title[locale] } : null,
    guideHtml: canEdit && bp ? renderMarkdown(bp.guideDe) : null,
    vision: {
      shown: vision.vision !== null,
      published: vision.vision?.published ?? false,
      introHtml: vision.vision ? renderMarkdown(vision.vision.intro) : '',
      goals: vision.goals.map((g) => ({ field: g.field, titles: g.goals.map((x) => x.title) })),
      story: vision.publishedStory ? { number: vision.publishedStory.number, openingHtml: renderMarkdown(splitParagraphs(vision.publishedStory.body)[0] ?? '') } : null,
      hasDrafts: vision.versions.length > 0,
      mayEdit: vision.mayEdit,
    },
    canEdit,
    canEditPermissions: can(locals.actor, 'process.editPermissions', ctx.town.id),
  };
};

export const actions: Actions = {
  phase: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.processes.setCurrentPhase(actor, event.params.slug, event.params.process, fields));
    if (!result.ok) return result.failure;
    return { phaseChanged: true };
  },
};
