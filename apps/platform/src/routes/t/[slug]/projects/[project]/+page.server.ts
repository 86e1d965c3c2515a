import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { attempt, formFields, formWithFiles, orNotFound, requireUser } from '#lib/server/http.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';
import { projectStatuses } from '#lib/modules/projects/server/schema.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const d = await orNotFound(() => locals.app.projects.get(locals.actor, params.slug, params.project));
  const linkable = d.may.edit ? await locals.app.projects.linkableIdeas(locals.actor, params.slug, params.project) : [];
  const p = d.project;
  return {
    town: d.town,
    project: {
      slug: p.slug,
      title: p.title,
      summaryHtml: renderMarkdown(p.summary),
      type: p.type,
      status: p.status,
      fields: p.fields,
      responsibleName: p.responsibleName,
      partners: p.partners,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      budget: p.budget,
      funding: p.funding,
      fundingProgrammes: p.fundingProgrammes,
      published: p.published,
      latitude: p.latitude,
      longitude: p.longitude,
    },
    location: d.location,
    goals: d.goals.map((g) => ({ id: g.id, title: g.title, field: g.field, processTitle: g.processTitle, href: `/t/${d.town.slug}/p/${g.processSlug}/vision#goal-${g.id}` })),
    milestones: d.milestones.map((ms) => ({ id: ms.id, title: ms.title, dueOn: ms.dueOn, done: ms.done })),
    ideas: d.ideas.map((i) => ({ id: i.id, title: i.title, status: i.status, supportCount: i.supportCount, href: `/t/${d.town.slug}/p/${i.processSlug}/c/${i.componentId}?idea=${i.id}` })),
    updates: d.updates.map((u) => ({ id: u.id, title: u.title, bodyHtml: renderMarkdown(u.body), createdAt: u.createdAt, authorName: u.authorName, photos: u.photos })),
    workingGroup: d.workingGroup,
    process: d.process,
    followers: d.followers,
    following: d.following,
    loggedIn: Boolean(locals.actor),
    may: d.may,
    linkable,
    statuses: [...projectStatuses],
  };
};

/** Runs one project action with the request's actor and maps errors like every other form. */
async function run(event: RequestEvent, action: (actor: NonNullable<App.Locals['actor']>, fields: Record<string, string>) => Promise<unknown>, done: Record<string, unknown>) {
  const { actor } = requireUser(event);
  const fields = await formFields(event);
  const result = await attempt(fields, () => action(actor, fields));
  if (!result.ok) return result.failure;
  return done;
}

export const actions: Actions = {
  follow: (event) => run(event, (actor) => event.locals.app.projects.follow(actor, event.params.slug, event.params.project, true), { followed: true }),
  unfollow: (event) => run(event, (actor) => event.locals.app.projects.follow(actor, event.params.slug, event.params.project, false), { unfollowed: true }),
  milestone: (event) => run(event, (actor, f) => event.locals.app.projects.addMilestone(actor, event.params.slug, event.params.project, f), { milestoneAdded: true }),
  milestoneChange: (event) =>
    run(
      event,
      (actor, f) => {
        const change = f.change === 'done' || f.change === 'open' || f.change === 'remove' ? f.change : null;
        if (!change) error(400, 'Unknown change');
        return event.locals.app.projects.changeMilestone(actor, event.params.slug, event.params.project, f.milestoneId ?? '', change);
      },
      { milestoneChanged: true },
    ),
  linkIdea: (event) => run(event, (actor, f) => event.locals.app.projects.linkIdea(actor, event.params.slug, event.params.project, f), { ideaLinked: true }),
  unlinkIdea: (event) => run(event, (actor, f) => event.locals.app.projects.unlinkIdea(actor, event.params.slug, event.params.project, f.ideaId ?? ''), { ideaUnlinked: true }),
  removeUpdate: (event) => run(event, (actor, f) => event.locals.app.projects.removeUpdate(actor, event.params.slug, event.params.project, f.updateId ?? ''), { updateRemoved: true }),
  update: async (event) => {
    const { actor } = requireUser(event);
    const { fields, files } = await formWithFiles(event);
    fields.intent = 'update';
    const result = await attempt(fields, () => event.locals.app.projects.postUpdate(actor, event.params.slug, event.params.project, fields, files.photo));
    if (!result.ok) return result.failure;
    return { updatePosted: true };
  },
};
