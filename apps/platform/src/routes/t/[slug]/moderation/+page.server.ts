import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser, townOr404 } from '#lib/server/http.ts';

/** The town's moderation queue: open reports of all its processes (moderators and town admins). */
export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const town = await townOr404(event);
  authorizeRoute(event, 'town.moderate', town.id);
  const queue = await orNotFound(() => event.locals.app.moderation.queue(actor, event.params.slug));
  return {
    town: { slug: town.slug, name: town.name },
    reports: queue.reports.map((r) => ({
      id: r.reportId,
      reason: r.reason,
      reportedAt: r.reportedAt,
      idea: { title: r.ideaTitle, hidden: r.ideaHidden !== null },
      comment: r.commentId ? { body: r.commentBody ?? '', hidden: r.commentHidden !== null } : null,
      process: r.processTitle,
      href: `/t/${town.slug}/p/${r.processSlug}/c/${r.componentId}?idea=${r.ideaId}`,
    })),
  };
};

export const actions: Actions = {
  dismiss: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.moderation.dismiss(actor, event.params.slug, fields.reportId ?? ''));
    return result.ok ? { dismissed: true } : result.failure;
  },
};
