import type { TownService } from '../../towns/server/service.ts';
import type { Component, ProcessContext, ProcessService } from '../../processes/server/service.ts';
import type { IdeaService } from '../../processes/server/ideas.ts';
import type { MeetingService } from '../../processes/server/meetings.ts';
import type { ProjectService } from '../../projects/server/service.ts';
import type { VisionService } from '../../vision/server/service.ts';
import { componentType, phaseSettingsOf } from '../../processes/server/components/index.ts';
import { ideasPhaseSettings } from '../../processes/server/pages/ideas.ts';
import { QueryParameterError, type ApiQuery } from './query.ts';
import { OPEN_DATA_LICENCE } from './licence.ts';

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
  licence: typeof OPEN_DATA_LICENCE & { attribution: string };
  generatedAt: string;
}

/**
 * The open data of the towns' processes and the read-only participation API. Everything is read **as a visitor**
 * (actor null) through the services, so exactly what the permission matrix shows to anyone is published: published
 * processes, components whose `view` action is granted to anyone in the current phase, never hidden ideas, drafts or
 * names of people.
 */
export function createOpenDataService(deps: { towns: TownService; processes: ProcessService; ideas: IdeaService; meetings: MeetingService; projects: ProjectService; vision: VisionService; origin: string }) {
  const { towns, processes, ideas, meetings, projects, vision, origin } = deps;

  async function townsOf(query: ApiQuery) {
    const all = await towns.list();
    if (!query.town) return all;
    const town = all.find((t) => t.slug === query.town);
    if (!town) throw new QueryParameterError('town', 'invalid');
    return [town];
  }

  /** The published processes (as loaded for a visitor) of the query's town(s), optionally one process. */
  async function publicProcesses(query: ApiQuery): Promise<ProcessContext[]> {
    const out: ProcessContext[] = [];
    for (const town of await townsOf(query)) {
      const { processes: list } = await processes.listForTown(null, town.slug);
      for (const p of list) if (!query.process || p.slug === query.process) out.push(await processes.load(null, town.slug, p.slug));
    }
    if (query.process && out.length === 0) throw new QueryParameterError('process', 'invalid');
    return out;
  }

  /** Components of a type that visitors may view in the current phase, with their process. */
  function viewable(contexts: ProcessContext[], type: string) {
    return contexts.flatMap((ctx) => ctx.components.filter((c) => c.type === type && processes.can(null, ctx, c, `${type}:view`)).map((component) => ({ ctx, component })));
  }

  const processUrl = (ctx: ProcessContext) => `${origin}/t/${ctx.town.slug}/p/${ctx.process.slug}`;
  const page = <T>(query: ApiQuery, total: number, items: T[], attribution: string): Page<T> => ({
    total,
    page: query.page,
    pageSize: query.pageSize,
    items,
    licence: { ...OPEN_DATA_LICENCE, attribution },
    generatedAt: new Date().toISOString(),
  });
  const slice = <T>(query: ApiQuery, all: T[]) => all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const attribution = (query: ApiQuery, what: string) => `${what}${query.town ? ` (${query.town})` : ''} – Kleinstadtakademie, ${origin}`;

  type Source = { ctx: ProcessContext; component: Component };
  /** Where an item of a component is (the common head of every published contribution). */
  const located = ({ ctx, component }: Source, id: string, param: 'idea' | 'meeting', title: string) => ({
    id,
    town: ctx.town.slug,
    process: ctx.process.slug,
    component: component.id,
    url: `${processUrl(ctx)}/c/${component.id}?${param}=${id}`,
    title,
  });
  async function ideaItems(sources: Source[], filter: Parameters<IdeaService['publicIdeas']>[1]) {
    const byComponent = new Map(sources.map((s) => [s.component.id, s]));
    const result = await ideas.publicIdeas([...byComponent.keys()], filter);
    const items = result.rows.map((r) => {
      const source = byComponent.get(r.componentId)!;
      const showCounts = phaseSettingsOf({ phaseSettings: ideasPhaseSettings }, source.ctx, source.component).showSupportCounts;
      return {
        ...located(source, r.id, 'idea', r.title),
        text: r.body,
        field: r.field,
        status: r.status,
        statusReason: r.statusReason,
        supportCount: showCounts ? r.supportCount : null,
        comments: r.comments,
        place: r.place,
        latitude: r.latitude,
        longitude: r.longitude,
        createdAt: r.createdAt.toISOString(),
      };
    });
    return { total: result.total, items };
  }

  async function meetingItems(sources: Source[], filter: Parameters<MeetingService['publicMeetings']>[1]) {
    const byComponent = new Map(sources.map((s) => [s.component.id, s]));
    const result = await meetings.publicMeetings([...byComponent.keys()], filter);
    const items = result.rows.map((r) => {
      return {
        ...located(byComponent.get(r.componentId)!, r.id, 'meeting', r.title),
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        place: r.place,
        address: r.address,
        onlineUrl: r.onlineUrl,
        capacity: r.capacity,
        registered: r.registered,
      };
    });
    return { total: result.total, items };
  }

  /** Everything of one component, for its open-data files (the export checked that visitors may view it). */
  const EVERYTHING = { offset: 0, limit: 100_000 };

  return {
    /** A component's public ideas (its open-data export). */
    async ideasOfComponent(ctx: ProcessContext, component: Component) {
      return (await ideaItems([{ ctx, component }], EVERYTHING)).items;
    },

    /** A component's meetings (its open-data export). */
    async meetingsOfComponent(ctx: ProcessContext, component: Component) {
      return (await meetingItems([{ ctx, component }], EVERYTHING)).items;
    },

    async towns(query: ApiQuery) {
      const all = await townsOf(query);
      return page(query, all.length, slice(query, all).map((t) => ({ slug: t.slug, name: t.name, ags: t.ags, land: t.landName, url: `${origin}/t/${t.slug}` })), attribution(query, 'Stadträume'));
    },

    async processes(query: ApiQuery) {
      const all = await publicProcesses(query);
      const items = slice(query, all).map((ctx) => ({
        town: ctx.town.slug,
        slug: ctx.process.slug,
        title: ctx.process.title,
        summary: ctx.process.summary,
        url: processUrl(ctx),
        currentPhase: ctx.currentPhase?.name ?? null,
        phases: ctx.phases.map((p) => ({ name: p.name, description: p.description, startsOn: p.startsOn, endsOn: p.endsOn, current: p.id === ctx.currentPhase?.id })),
        components: ctx.components
          .filter((c) => processes.can(null, ctx, c, `${c.type}:view`))
          .map((c) => ({
            id: c.id,
            type: c.type,
            title: c.title,
            url: `${processUrl(ctx)}/c/${c.id}`,
            openData: (componentType(c.type)?.exports ?? []).filter((e) => e.openData && processes.can(null, ctx, c, `${c.type}:${e.action}`)).map((e) => ({ format: e.format, label: e.label, url: `${processUrl(ctx)}/c/${c.id}/${e.path}` })),
          })),
      }));
      return page(query, all.length, items, attribution(query, 'Zukunftsprozesse'));
    },

    async ideas(query: ApiQuery) {
      const sources = viewable(await publicProcesses(query), 'ideas');
      const { total, items } = await ideaItems(sources, { field: query.field, status: query.status, since: query.since, until: query.until, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      return page(query, total, items, attribution(query, 'Ideen aus den Zukunftsprozessen'));
    },

    async meetings(query: ApiQuery) {
      const sources = viewable(await publicProcesses(query), 'meetings');
      const { total, items } = await meetingItems(sources, { since: query.since, until: query.until, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      return page(query, total, items, attribution(query, 'Termine der Zukunftsprozesse'));
    },

    async projects(query: ApiQuery) {
      const list = await townsOf(query);
      const bySlug = new Map(list.map((t) => [t.id, t]));
      const result = await projects.publicProjects([...bySlug.keys()], { field: query.field, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      const items = result.rows.map((r) => {
        const town = bySlug.get(r.townId)!;
        return { town: town.slug, slug: r.slug, url: `${origin}/t/${town.slug}/projects/${r.slug}`, title: r.title, summary: r.summary, type: r.type, status: r.status, fields: r.fields, startsOn: r.startsOn, endsOn: r.endsOn, updatedAt: r.updatedAt.toISOString(), milestones: r.milestones };
      });
      return page(query, result.total, items, attribution(query, 'Projekte der Städte'));
    },

    async visions(query: ApiQuery) {
      const all = [];
      for (const town of await townsOf(query)) {
        for (const v of await vision.publishedForTown(town.slug)) {
          if (query.process && v.processSlug !== query.process) continue;
          all.push({ town: town.slug, process: v.processSlug, processTitle: v.processTitle, url: `${origin}/t/${town.slug}/p/${v.processSlug}/vision`, vision: v.vision ? { intro: v.vision.intro, goalsByField: v.vision.fields } : null, storyOpening: v.storyOpening });
        }
      }
      return page(query, all.length, slice(query, all), attribution(query, 'Zukunftsbilder'));
    },
  };
}

export type OpenDataService = ReturnType<typeof createOpenDataService>;
