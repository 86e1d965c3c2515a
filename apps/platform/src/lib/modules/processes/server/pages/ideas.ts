import { fieldsOfAction, ideaStatuses } from '../schema.ts';
import type { ComponentPage } from './types.ts';
import { can } from '../../../../server/permissions.ts';

export const IDEAS_PER_PAGE = 50;

export const ideasPage: ComponentPage = {
  async load({ app, actor, process, component, query, viaLink }) {
    const field = query.get('field');
    const sort = query.get('sort') === 'support' ? 'support' : 'new';
    // Pages of 50: a town with thousands of ideas keeps every one of them reachable, and each page stays cheap.
    const total = await app.ideas.count(actor, process, component, { field });
    const pages = Math.max(1, Math.ceil(total / IDEAS_PER_PAGE));
    const requested = Number(query.get('seite') ?? '1');
    const page = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
    const list = await app.ideas.list(actor, process, component, { field, sort, limit: IDEAS_PER_PAGE, offset: (page - 1) * IDEAS_PER_PAGE });
    const canModerate = app.processes.can(actor, process, component, 'ideas:moderate');
    const selectedId = query.get('idea');
    const selected = selectedId ? await app.ideas.get(actor, process, component, selectedId).catch(() => null) : null;
    return {
      prompt: (component.settings as { prompt?: string }).prompt ?? '',
      field: field && (fieldsOfAction as readonly string[]).includes(field) ? field : '',
      sort,
      total,
      page,
      pages,
      fields: [...fieldsOfAction],
      statuses: [...ideaStatuses],
      ideas: list.map((i) => ({
        id: i.id,
        title: i.title,
        field: i.field,
        status: i.status,
        hiddenReason: i.hiddenReason,
        supportCount: i.supportCount,
        comments: i.comments,
        createdAt: i.createdAt,
        author: i.author,
        authorDeleted: i.authorDeleted,
        supportedByMe: i.supportedByMe,
      })),
      selected: selected
        ? {
            ...selected.idea,
            comments: selected.comments,
            supportedByMe: selected.supportedByMe,
            openReports: canModerate ? selected.openReports : 0,
            // "Als Projekt übernehmen": the projects module's form, prefilled from this idea (town team only).
            adoptHref: can(actor, 'project.edit', process.town.id) && !selected.idea.hiddenReason ? `/t/${process.town.slug}/projects/new?idea=${selected.idea.id}` : null,
          }
        : null,
      notFound: Boolean(selectedId && !selected),
      loggedIn: Boolean(actor),
      can: {
        submit: app.processes.can(actor, process, component, 'ideas:submit', viaLink),
        support: app.processes.can(actor, process, component, 'ideas:support') && Boolean(actor),
        comment: app.processes.can(actor, process, component, 'ideas:comment') && Boolean(actor),
        report: app.processes.can(actor, process, component, 'ideas:report', viaLink),
        moderate: canModerate,
      },
      submitMode: app.processes.dataMode(process, component, 'ideas:submit'),
    };
  },
  intents: {
    async submit({ app, actor, process, component, viaLink, participantKey }, fields) {
      const idea = await app.ideas.submit(actor, process, component, fields, { viaLink, key: participantKey });
      return { submitted: idea.id };
    },
    async support({ app, actor, process, component }, fields) {
      await app.ideas.support(actor, process, component, fields.ideaId ?? '');
      return { supported: true };
    },
    async unsupport({ app, actor, process, component }, fields) {
      await app.ideas.unsupport(actor, process, component, fields.ideaId ?? '');
      return { unsupported: true };
    },
    async comment({ app, actor, process, component }, fields) {
      await app.ideas.comment(actor, process, component, fields.ideaId ?? '', fields);
      return { commented: true };
    },
    async report({ app, actor, process, component }, fields) {
      await app.ideas.report(actor, process, component, fields.ideaId ?? '', fields, fields.commentId || undefined);
      return { reported: true };
    },
    async hide({ app, actor, process, component }, fields) {
      await app.ideas.hide(actor, process, component, fields.ideaId ?? '', { reason: fields.reason, commentId: fields.commentId || undefined });
      return { hidden: true };
    },
    async show({ app, actor, process, component }, fields) {
      await app.ideas.hide(actor, process, component, fields.ideaId ?? '', { show: '1', commentId: fields.commentId || undefined });
      return { shown: true };
    },
    async status({ app, actor, process, component, origin }, fields) {
      await app.ideas.setStatus(actor, process, component, fields.ideaId ?? '', fields, origin);
      return { statusSet: true };
    },
  },
};
