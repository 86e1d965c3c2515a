import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { attempt, formWithFiles, orNotFound, requireUser } from '#lib/server/http.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';
import { fieldsOfAction } from '#lib/modules/processes/server/schema.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const view = await orNotFound(() => locals.app.vision.overview(locals.actor, params.slug, params.process));
  // "Projekte zu diesem Ziel": the projects module knows which projects serve which goal.
  const goalIds = view.goals.flatMap((g) => g.goals.map((goal) => goal.id));
  const projectsByGoal = await locals.app.projects.projectsForGoals(locals.actor, view.ctx.town.id, goalIds);
  const goals = view.goals.map((g) => ({ ...g, goals: g.goals.map((goal) => ({ ...goal, projects: projectsByGoal.get(goal.id) ?? [] })) }));
  return {
    town: view.ctx.town,
    process: { slug: view.ctx.process.slug, title: view.ctx.process.title },
    vision: view.vision ? { ...view.vision, introHtml: renderMarkdown(view.vision.intro), updatedAt: view.vision.updatedAt.getTime() } : null,
    goals,
    publishedStory: view.publishedStory ? { number: view.publishedStory.number } : null,
    hasStory: view.versions.length > 0 || view.publishedStory !== null,
    mayEdit: view.mayEdit,
    fields: fieldsOfAction,
  };
};

async function run(event: RequestEvent, intent: string, call: (actor: NonNullable<App.Locals['actor']>, fields: Record<string, string>, files: Record<string, File>) => Promise<unknown>) {
  const { actor } = requireUser(event);
  const { fields, files } = await formWithFiles(event);
  const result = await attempt(fields, () => call(actor, fields, files));
  // Each form carries a hidden `intent`, so a failure's values say which form to show the errors in.
  if (!result.ok) return result.failure;
  return { done: intent };
}

export const actions: Actions = {
  intro: (event) => run(event, 'intro', (actor, fields) => event.locals.app.vision.saveIntro(actor, event.params.slug, event.params.process, fields)),
  goal: (event) => run(event, 'goal', (actor, fields) => event.locals.app.vision.addGoal(actor, event.params.slug, event.params.process, fields)),
  removeGoal: (event) => run(event, 'removeGoal', (actor, fields) => event.locals.app.vision.removeGoal(actor, event.params.slug, event.params.process, fields.goalId ?? '')),
  image: (event) => run(event, 'image', (actor, fields, files) => event.locals.app.vision.uploadImage(actor, event.params.slug, event.params.process, fields, files.photo)),
  removeImage: (event) => run(event, 'removeImage', (actor) => event.locals.app.vision.removeImage(actor, event.params.slug, event.params.process)),
  publish: (event) => run(event, 'publish', (actor) => event.locals.app.vision.setVisionPublished(actor, event.params.slug, event.params.process, true)),
  unpublish: (event) => run(event, 'unpublish', (actor) => event.locals.app.vision.setVisionPublished(actor, event.params.slug, event.params.process, false)),
};
