import { z } from 'zod';
import { fieldsOfAction, ideaStatuses } from '../schema.ts';
import type { ComponentPage } from './types.ts';
import { can } from '../../../../server/permissions.ts';
import { decodeCursor } from '../ideas.ts';
import { projectPoint } from '../../../atlas/server/town-map.ts';
import { phaseSettingsOf, settingsOf } from '../components/settings.ts';

export const IDEAS_PER_PAGE = 50;

/** Settings of an idea collection (the definition's `settings`); here beside the page that reads them. */
export const ideasSettings = z.object({
  /** A question that frames the collection ("Was fehlt in der Innenstadt?"). */
  prompt: z
    .string()
    .max(500)
    .meta({ label: { de: 'Leitfrage', en: 'Guiding question' }, hint: { de: 'Zum Beispiel: Was fehlt in der Innenstadt?', en: 'For example: what is missing in the town centre?' } })
    .default(''),
});

/** Settings per phase (the definition's `phaseSettings`). */
export const ideasPhaseSettings = z.object({
  /** Early counts steer opinions: a town may hide them while ideas are still being collected. */
  showSupportCounts: z
    .boolean()
    .meta({
      label: { de: 'Zahl der Unterstützungen zeigen', en: 'Show the number of supports' },
      hint: { de: 'Ausschalten, damit frühe Zahlen die Meinungsbildung in dieser Phase nicht lenken.', en: 'Switch off so that early counts do not steer opinions in this phase.' },
    })
    .default(true),
});

/** An idea image's address; the version (when it was stored) changes with a new image, so no cache shows the old one. */
const imageSrc = (ideaId: string, variant: 'image' | 'thumbnail', storedAt: Date) => `/media/idea-images/${ideaId}/${variant}?v=${storedAt.getTime()}`;

/** What an idea says, for its page: nothing of a hidden idea's content unless the asker moderates. */
function shownContent(idea: { title: string; body: string; place: string; latitude: number | null; longitude: number | null; hiddenReason: string | null }, canModerate: boolean) {
  if (idea.hiddenReason && !canModerate) return { title: null, body: '', place: '', latitude: null, longitude: null };
  return { title: idea.title, body: idea.body, place: idea.place, latitude: idea.latitude, longitude: idea.longitude };
}

export const ideasPage: ComponentPage = {
  async load({ app, actor, process, component, query, viaLink }) {
    const field = query.get('field');
    const canModerate = app.processes.can(actor, process, component, 'ideas:moderate');
    // Where a phase hides support counts, they are neither shown nor usable as an order (moderators still see them).
    const showCounts = phaseSettingsOf({ phaseSettings: ideasPhaseSettings }, process, component).showSupportCounts || canModerate;
    const sort = query.get('sort') === 'support' && showCounts ? 'support' : 'new';
    const view = query.get('ansicht') === 'karte' ? 'map' : 'list';
    // Pages of 50 by keyset cursor (`nach` = after, `vor` = before, `ende` = the last page): every idea stays
    // reachable and each page costs the same, however deep.
    const after = decodeCursor(query.get('nach'));
    const before = after ? null : decodeCursor(query.get('vor'));
    const last = !after && !before && query.get('ende') === '1';
    const total = await app.ideas.count(actor, process, component, { field });
    const list = view === 'list' ? await app.ideas.list(actor, process, component, { field, sort, limit: IDEAS_PER_PAGE, after, before, last }) : { items: [], prev: null, next: null };
    const selectedId = query.get('idea');
    const selected = selectedId ? await app.ideas.get(actor, process, component, selectedId).catch(() => null) : null;
    // `?idea=<id>&bearbeiten=1`: the edit form, for whom `ideas:edit` allows it (anyone else gets a 403).
    const editing = selected && query.get('bearbeiten') === '1' ? await app.ideas.editForm(actor, process, component, selected.idea.id) : null;
    const revisions = selected && canModerate && selected.idea.editedAt ? await app.ideas.revisions(actor, process, component, selected.idea.id) : [];
    const canSubmit = app.processes.can(actor, process, component, 'ideas:submit', viaLink);
    // The town's outline (no map tiles offline): on the map view, an idea's page and the idea form's point picker.
    const area = view === 'map' || selected || canSubmit ? await app.ideas.area(process) : null;
    const outline = area?.outline ?? null;
    const points = view === 'map' && outline ? await app.ideas.mapPoints(actor, process, component, { field }) : [];
    const base = `/t/${process.town.slug}/p/${process.process.slug}/c/${component.id}`;
    return {
      prompt: settingsOf({ settings: ideasSettings }, component).prompt,
      showCounts,
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
      edit: editing
        ? {
            values: {
              title: editing.idea.title,
              body: editing.idea.body,
              field: editing.idea.field,
              place: editing.idea.place,
              latitude: editing.idea.latitude === null ? '' : String(editing.idea.latitude),
              longitude: editing.idea.longitude === null ? '' : String(editing.idea.longitude),
              imageAlt: editing.image?.altText ?? '',
            },
            image: editing.image ? { src: imageSrc(editing.idea.id, 'thumbnail', editing.image.storedAt), altText: editing.image.altText } : null,
          }
        : null,
      ideas: list.items.map((i) => ({
        id: i.id,
        title: i.hiddenReason && !canModerate ? '' : i.title,
        field: i.field,
        status: i.status,
        hiddenReason: i.hiddenReason,
        supportCount: showCounts ? i.supportCount : null,
        comments: i.comments,
        createdAt: i.createdAt,
        author: i.author,
        authorDeleted: i.authorDeleted,
        supportedByMe: i.supportedByMe,
      })),
      selected: selected
        ? {
            // Explicit fields: never the author's account id (a pseudonym must not be linkable across processes),
            // and for a hidden idea none of its content unless the asker moderates (page data is readable in the HTML).
            ...shownContent(selected.idea, canModerate),
            id: selected.idea.id,
            field: selected.idea.field,
            status: selected.idea.status,
            statusReason: selected.idea.statusReason,
            hiddenReason: selected.idea.hiddenReason,
            supportCount: showCounts ? selected.idea.supportCount : null,
            createdAt: selected.idea.createdAt,
            editedAt: selected.idea.editedAt,
            author: selected.idea.author,
            authorDeleted: selected.idea.authorDeleted,
            comments: selected.comments,
            supportedByMe: selected.supportedByMe,
            ownIdea: selected.ownIdea,
            openReports: canModerate ? selected.openReports : 0,
            point:
              outline && selected.idea.latitude !== null && selected.idea.longitude !== null && !selected.idea.hiddenReason
                ? projectPoint(outline.projection, selected.idea.longitude, selected.idea.latitude)
                : null,
            image:
              selected.image && (!selected.idea.hiddenReason || canModerate)
                ? { altText: selected.image.altText, width: selected.image.width, height: selected.image.height, src: imageSrc(selected.idea.id, 'image', selected.image.storedAt) }
                : null,
            editedByModeration: selected.editedByModeration,
            editHref: selected.mayEdit ? `${base}?idea=${selected.idea.id}&bearbeiten=1` : null,
            revisions,
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
      // Nobody outside the team may submit in this phase: the page says so instead of asking to log in.
      submitClosed: !(process.rules.get(`${component.id}|ideas:submit`)?.grants ?? []).some((g) => ['anyone', 'link', 'user', 'member', 'owner'].includes(g)),
      currentPhase: process.currentPhase?.name ?? null,
      submitMode: app.processes.dataMode(process, component, 'ideas:submit'),
    };
  },
  intents: {
    async submit({ app, actor, process, component, viaLink, participantKey }, fields, files) {
      const idea = await app.ideas.submit(actor, process, component, fields, { viaLink, key: participantKey }, files.image);
      return { submitted: idea.id };
    },
    async edit({ app, actor, process, component }, fields, files) {
      await app.ideas.edit(actor, process, component, fields.ideaId ?? '', fields, files.image);
      return { edited: true };
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
    async status({ app, actor, process, component }, fields) {
      await app.ideas.setStatus(actor, process, component, fields.ideaId ?? '', fields);
      return { statusSet: true };
    },
  },
};
