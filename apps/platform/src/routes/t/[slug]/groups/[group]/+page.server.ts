import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const g = await orNotFound(() => locals.app.workingGroups.get(locals.actor, params.slug, params.group));
  const linkable = g.mayManage ? await locals.app.workingGroups.linkableMeetings(locals.actor, params.slug, params.group) : [];
  return {
    town: g.town,
    group: { slug: g.group.slug, name: g.group.name, topic: g.group.topic, rhythm: g.group.rhythm },
    process: g.process,
    projects: g.projects,
    meetings: g.meetings.map((mt) => ({ id: mt.id, title: mt.title, startsAt: mt.startsAt, place: mt.place, href: `/t/${g.town.slug}/p/${mt.processSlug}/c/${mt.componentId}?meeting=${mt.id}` })),
    internal: g.internal ? { notesHtml: renderMarkdown(g.internal.notes), members: g.internal.members } : null,
    member: g.member,
    myId: locals.actor?.userId ?? null,
    mayManage: g.mayManage,
    linkable: linkable.map((mt) => ({ id: mt.id, title: mt.title, startsAt: mt.startsAt, processTitle: mt.processTitle })),
  };
};

async function run(event: RequestEvent, intent: string, action: (actor: NonNullable<App.Locals['actor']>, fields: Record<string, string>) => Promise<unknown>, done: Record<string, unknown>) {
  const { actor } = requireUser(event);
  const fields = await formFields(event);
  fields.intent = intent;
  const result = await attempt(fields, () => action(actor, fields));
  if (!result.ok) return result.failure;
  return done;
}

export const actions: Actions = {
  addMember: (event) => run(event, 'addMember', (actor, f) => event.locals.app.workingGroups.addMember(actor, event.params.slug, event.params.group, f), { memberAdded: true }),
  removeMember: (event) => run(event, 'removeMember', (actor, f) => event.locals.app.workingGroups.removeMember(actor, event.params.slug, event.params.group, f.userId ?? ''), { memberRemoved: true }),
  linkMeeting: (event) => run(event, 'linkMeeting', (actor, f) => event.locals.app.workingGroups.linkMeeting(actor, event.params.slug, event.params.group, f), { meetingLinked: true }),
  unlinkMeeting: (event) =>
    run(event, 'unlinkMeeting', (actor, f) => event.locals.app.workingGroups.unlinkMeeting(actor, event.params.slug, event.params.group, f.meetingId ?? ''), { meetingUnlinked: true }),
};
