import { fieldsOfAction, ideaStatuses } from '../schema.ts';
import type { ComponentPage } from './types.ts';
import { can } from '../../../../server/permissions.ts';
import { decodeCursor } from '../ideas.ts';
import { projectPoint } from '../../../atlas/server/town-map.ts';

export const IDEAS_PER_PAGE = 50;

export const ideasPage: ComponentPage = {
  async load({ app, actor, process, component, query, viaLink }) {
    const field = query.get('field');
    const sort = query.get('sort') === 'support' ? 'support' : 'new';
    const view = query.get('ansicht') === 'karte' ? 'map' : 'list';
    // Pages of 50 by keyset cursor (`nach` = after, `vor` = before, `ende` = the last page): every idea stays
    // reachable and each page costs the same, however deep.
    const after = decodeCursor(query.get('nach'));
    const before = after ? null : decodeCursor(query.get('vor'));
    const last = !after && !before && query.get('ende') === '1';
    const total = await app.ideas.count(actor, process, component, { field });
    const list = view === 'list' ? await app.ideas.list(actor, process, component, { field, sort, limit: IDEAS_PER_PAGE, after, before, last }) : { items: [], prev: null, next: null };
    const canModerate = app.processes.can(actor, process, component, 'ideas:moderate');
    const selectedId = query.get('idea');
    const selected = selectedId ? await app.ideas.get(actor, process, component, selectedId).catch(() => null) : null;
    const canSubmit = app.processes.can(actor, process, component, 'ideas:submit', viaLink);
    // The town's outline (no map tiles offline): on the map view, an idea's page and the submit form's point picker.
    const area = view === 'map' || selected || canSubmit ? await app.ideas.area(process) : null;
    const outline = area?.outline ?? null;
    const points = view === 'map' && outline ? await app.ideas.mapPoints(actor, process, component, { field }) : [];
    const base = `/t/${process.town.slug}/p/${process.process.slug}/c/${component.id}`;
    return {
      prompt: (component.settings as { prompt?: string }).prompt ?? '',
      view,
      field: field && (fieldsOfAction as readonly string[]).includes(field) ? field : '',
      sort,
      total,
      cursors: { prev: list.prev, next: list.next, atStart: !list.prev, atEnd: !list.next },
      fields: [...fieldsOfAction],
      statuses: [...ideaStatuses],
      townName: process.town.name,
      map: outline ? { width: outline.width, height: outline.height, d: outline.d, projection: outline.projection } : null,
      points: outline ? points.map((p) => ({ id: p.id, title: p.title, field: p.field, place: p.place, ...projectPoint(outline.projection, p.longitude, p.latitude) })) : [],
      ideas: list.items.map((i) => ({
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
            point:
              outline && selected.idea.latitude !== null && selected.idea.longitude !== null && !selected.idea.hiddenReason
                ? projectPoint(outline.projection, selected.idea.longitude, selected.idea.latitude)
                : null,
            image: selected.image && (!selected.idea.hiddenReason || canModerate) ? { ...selected.image, src: `/media/idea-images/${selected.idea.id}/image` } : null,
            // "Als Projekt übernehmen": the projects module's form, prefilled from this idea (town team only).
            adoptHref: can(actor, 'project.edit', process.town.id) && !selected.idea.hiddenReason ? `/t/${process.town.slug}/projects/new?idea=${selected.idea.id}` : null,
          }
        : null,
      notFound: Boolean(selectedId && !selected),
      loggedIn: Boolean(actor),
      can: {
        submit: canSubmit,
        support: app.processes.can(actor, process, component, 'ideas:support') && Boolean(actor),
        comment: app.processes.can(actor, process, component, 'ideas:comment') && Boolean(actor),
        report: app.processes.can(actor, process, component, 'ideas:report', viaLink),
        moderate: canModerate,
      },
      csvHref: canModerate ? `${base}/ideen.csv` : null,
      submitMode: app.processes.dataMode(process, component, 'ideas:submit'),
    };
  },
  exports: {
    async csv({ app, actor, process, component, locale }) {
      const body = await app.ideas.exportCsv(actor, process, component, locale);
      return { body, contentType: 'text/csv; charset=utf-8', filename: `ideen-${process.process.slug}.csv` };
    },
  },
  intents: {
    async submit({ app, actor, process, component, viaLink, participantKey }, fields, files) {
      const idea = await app.ideas.submit(actor, process, component, fields, { viaLink, key: participantKey }, files.image);
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
