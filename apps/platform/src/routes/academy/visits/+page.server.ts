import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  authorizeRoute(event, 'academy.manageEvents');
  const rows = await event.locals.app.academyEvents.visitRequests(actor);
  return { requests: rows.map((r) => ({ id: r.request.id, townName: r.townName, townSlug: r.townSlug, topics: r.request.topics, topicText: r.request.topicText, preferredDates: r.request.preferredDates, participants: r.request.participants, message: r.request.message, status: r.request.status, editorNote: r.request.editorNote, createdAt: r.request.createdAt })) };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.academyEvents.setVisitStatus(actor, fields.id ?? '', fields));
    return result.ok ? { saved: true } : result.failure;
  },
};
