import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, requireUser, townOr404 } from '#lib/server/http.ts';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const town = await townOr404(event);
  authorizeRoute(event, 'academy.requestVisit', town.id);
  const requests = await event.locals.app.academyEvents.visitRequests(actor, town.slug);
  return { town: { slug: town.slug, name: town.name }, requests: requests.map((r) => ({ id: r.request.id, topicText: r.request.topicText, preferredDates: r.request.preferredDates, status: r.request.status, editorNote: r.request.editorNote, createdAt: r.request.createdAt })) };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.academyEvents.requestVisit(actor, event.params.slug, { ...input, topics: input.fieldsOfAction }));
    return result.ok ? { sent: true } : result.failure;
  },
};
