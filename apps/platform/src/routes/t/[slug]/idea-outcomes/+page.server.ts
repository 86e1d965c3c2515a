import type { PageServerLoad } from './$types';
import { orNotFound } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const o = await orNotFound(() => locals.app.projects.outcomes(locals.actor, params.slug));
  const ideaHref = (i: { processSlug: string; componentId: string; id: string }) => `/t/${o.town.slug}/p/${i.processSlug}/c/${i.componentId}?idea=${i.id}`;
  return {
    town: o.town,
    totals: o.totals,
    projects: o.projects.map((p) => ({
      slug: p.slug,
      title: p.title,
      type: p.type,
      status: p.status,
      responsibleName: p.responsibleName,
      updateCount: p.updateCount,
      ideas: p.ideas.map((i) => ({ id: i.id, title: i.title, field: i.field, supportCount: i.supportCount, createdAt: i.createdAt, href: ideaHref(i) })),
      updates: p.updates,
      goals: p.goals.map((g) => ({ id: g.id, title: g.title, href: `/t/${o.town.slug}/p/${g.processSlug}/vision#goal-${g.id}` })),
    })),
    decided: o.decided.map((i) => ({ id: i.id, title: i.title, field: i.field, status: i.status, statusReason: i.statusReason, href: ideaHref(i) })),
  };
};
