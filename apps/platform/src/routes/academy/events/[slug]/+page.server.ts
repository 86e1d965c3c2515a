import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, orNotFound, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await orNotFound(() => locals.app.academyEvents.get(locals.actor, params.slug));
  const e = found.event;
  return {
    event: { slug: e.slug, form: e.form, title: e.title, summary: e.summary, speakers: e.speakers, startsAt: e.startsAt, endsAt: e.endsAt, place: e.place, land: e.land, onlineUrl: e.onlineUrl, capacity: e.capacity, cancelled: e.cancelledAt !== null, documentation: e.documentation, past: e.endsAt < new Date() },
    programmeHtml: found.programmeHtml,
    documentationHtml: found.documentationHtml,
    town: found.town,
    registered: found.registered,
    waiting: found.waiting,
    free: found.free,
    mine: found.mine,
    mayManage: found.mayManage,
    loggedIn: Boolean(locals.user),
    participants: found.mayManage ? await locals.app.academyEvents.participants(locals.actor, params.slug) : [],
  };
};

export const actions: Actions = {
  register: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.academyEvents.register(actor, event.params.slug));
    return result.ok ? { done: result.value.status } : result.failure;
  },
  cancel: async (event) => {
    const { actor } = requireUser(event);
    const result = await attempt({}, () => event.locals.app.academyEvents.cancel(actor, event.params.slug));
    return result.ok ? { done: 'cancelled' as const } : result.failure;
  },
  document: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.academyEvents.document(actor, event.params.slug, fields));
    return result.ok ? { documented: result.value.entrySlug } : result.failure;
  },
};
