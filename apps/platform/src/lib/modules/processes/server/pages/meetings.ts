import { renderMarkdown } from '../../../../server/content/markdown.ts';
import { toBerlin } from '../../../../server/berlin-time.ts';
import type { ComponentPage } from './types.ts';

export const meetingsPage: ComponentPage = {
  async load({ app, actor, process, component, query }) {
    const list = await app.meetings.list(actor, process, component);
    const canManage = app.processes.can(actor, process, component, 'meetings:manage');
    const selectedId = query.get('meeting');
    const selected = selectedId ? list.find((m) => m.id === selectedId) : undefined;
    const now = Date.now();
    return {
      meetings: list.map((m) => ({
        id: m.id,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: m.place,
        address: m.address,
        capacity: m.capacity,
        registered: m.registered,
        waiting: m.waiting,
        myStatus: m.myStatus,
        past: m.endsAt.getTime() < now,
        hasProtocol: m.protocol.trim().length > 0,
      })),
      selected: selected
        ? {
            id: selected.id,
            title: selected.title,
            startsAt: selected.startsAt,
            endsAt: selected.endsAt,
            place: selected.place,
            address: selected.address,
            onlineUrl: selected.onlineUrl,
            capacity: selected.capacity,
            registered: selected.registered,
            waiting: selected.waiting,
            myStatus: selected.myStatus,
            past: selected.endsAt.getTime() < now,
            agendaHtml: renderMarkdown(selected.agenda),
            protocolHtml: renderMarkdown(selected.protocol),
            edit: canManage
              ? { title: selected.title, startsAt: toBerlin(selected.startsAt), endsAt: toBerlin(selected.endsAt), place: selected.place, address: selected.address, onlineUrl: selected.onlineUrl ?? '', agenda: selected.agenda, capacity: selected.capacity?.toString() ?? '', protocol: selected.protocol }
              : null,
            registrations: canManage ? await app.meetings.registrations(actor, process, component, selected.id) : null,
            photos: await app.photos.list(actor, process, component, selected.id),
          }
        : null,
      notFound: Boolean(selectedId && !selected),
      loggedIn: Boolean(actor),
      canRegister: app.processes.can(actor, process, component, 'meetings:register'),
      canManage,
      feed: `/t/${process.town.slug}/p/${process.process.slug}/calendar.ics`,
    };
  },
  intents: {
    async create({ app, actor, process, component }, fields) {
      const meeting = await app.meetings.create(actor, process, component, fields);
      return { created: meeting.id };
    },
    async update({ app, actor, process, component }, fields) {
      await app.meetings.update(actor, process, component, fields.meetingId ?? '', fields);
      return { saved: true };
    },
    async protocol({ app, actor, process, component }, fields) {
      await app.meetings.saveProtocol(actor, process, component, fields.meetingId ?? '', fields);
      return { saved: true };
    },
    async register({ app, actor, process, component }, fields) {
      return { registration: await app.meetings.register(actor, process, component, fields.meetingId ?? '') };
    },
    async cancel({ app, actor, process, component }, fields) {
      await app.meetings.cancel(actor, process, component, fields.meetingId ?? '');
      return { cancelled: true };
    },
    async photo({ app, actor, process, component }, fields, files) {
      await app.photos.upload(actor, process, component, fields.meetingId ?? '', fields, files.photo);
      return { photoUploaded: true };
    },
    async removePhoto({ app, actor, process, component }, fields) {
      await app.photos.remove(actor, process, component, fields.meetingId ?? '', fields.photoId ?? '');
      return { photoRemoved: true };
    },
    async attendance({ app, actor, process, component }, fields) {
      await app.meetings.setAttendance(actor, process, component, fields.meetingId ?? '', fields);
      return { saved: true };
    },
  },
};
