import type { PageServerLoad } from './$types';
import { can } from '#lib/server/permissions.ts';
import { orNotFound } from '#lib/server/http.ts';
import { renderMarkdown } from '#lib/server/content/markdown.ts';

export const load: PageServerLoad = async (event) => {
  const { params, locals } = event;
  const { towns, municipalities } = locals.app;
  const { town, facts } = await orNotFound(() => towns.profile(params.slug));
  const actor = locals.actor;
  // Private fields are loaded only through the permission-checked service call.
  const isMember = can(actor, 'town.viewPrivate', town.id);
  const internal = isMember ? (await towns.getPrivate(actor, params.slug)).internalNotes : null;
  const [source, upcoming, visions, projectsOfTown, goalCoverage] = await Promise.all([
    facts ? municipalities.latestImport() : undefined,
    locals.app.meetings.upcoming(params.slug, 5),
    locals.app.vision.publishedForTown(params.slug),
    locals.app.projects.forTownPage(actor, town.id, 6),
    locals.app.projects.goalCoverage(actor, town.id),
  ]);
  return {
    town: { name: town.name, slug: town.slug, landName: town.landName, ags: town.ags, description: locals.locale === 'en' ? town.descriptionEn : town.descriptionDe },
    facts: facts ? { population: facts.population, areaKm2: facts.areaKm2, kreisName: facts.kreisName, stand: facts.stand } : null,
    credit: source ? `${source.credit}, ${source.licence}` : null,
    internal,
    role: actor?.townRoles.get(town.id) ?? null,
    canEdit: can(actor, 'town.edit', town.id),
    canSeeMembers: can(actor, 'town.viewMembers', town.id),
    canSeeAudit: can(actor, 'process.viewAudit', town.id),
    canModerate: can(actor, 'town.moderate', town.id),
    visions: visions.map((v) => ({
      ...v,
      introHtml: v.vision ? renderMarkdown(v.vision.intro) : '',
      storyOpeningHtml: v.storyOpening ? renderMarkdown(v.storyOpening) : '',
      // How many of the vision's goals projects pursue (only for a public Zukunftsbild).
      goalsServed: v.vision ? (goalCoverage.get(v.processSlug) ?? null) : null,
    })),
    academy: {
      entries: await locals.app.academy.ofTown(town.id, 10),
      mayShare: can(actor, 'academy.shareFromTown', town.id),
      mayCheck: can(actor, 'academy.viewCheck', town.id),
      mayRequestVisit: can(actor, 'academy.requestVisit', town.id),
      mayAnswerSeismograph: can(actor, 'academy.answerSeismograph', town.id),
    },
    projects: projectsOfTown,
    upcoming: upcoming.map((r) => ({ id: r.meeting.id, title: r.meeting.title, startsAt: r.meeting.startsAt, place: r.meeting.place, process: r.processTitle, href: `/t/${town.slug}/p/${r.processSlug}/c/${r.meeting.componentId}?meeting=${r.meeting.id}` })),
  };
};
