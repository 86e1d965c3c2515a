import * as m from '../../../paraglide/messages.js';
import type { OutgoingMail } from '../../mail/server/outbox.ts';
import type { IdeaStatus } from './schema.ts';
import type { Component, ProcessContext } from './service.ts';

export function ideaStatusName(status: IdeaStatus, locale: 'de' | 'en'): string {
  const names = { neu: m.idea_status_neu, geprueft: m.idea_status_geprueft, wird_projekt: m.idea_status_wird_projekt, umgesetzt: m.idea_status_umgesetzt, nicht_umsetzbar: m.idea_status_nicht_umsetzbar };
  return names[status]({}, { locale });
}

/** The notification about a status change, in the author's language (sent through `notifications.notify`). */
export function ideaStatusMessage(
  locale: 'de' | 'en',
  ctx: ProcessContext,
  component: Component,
  idea: { id: string; title: string },
  status: IdeaStatus,
  reason: string,
  origin: string,
): { subject: string; text: string } {
  const link = `${origin}${locale === 'en' ? '/en' : ''}/t/${ctx.town.slug}/p/${ctx.process.slug}/c/${component.id}?idea=${idea.id}`;
  return {
    subject: m.mail_idea_status_subject({ title: idea.title }, { locale }),
    text: m.mail_idea_status_body({ title: idea.title, status: ideaStatusName(status, locale), reason: reason || '–', link }, { locale }),
  };
}

/** Tells the author of an idea that its status changed. */
export function ideaStatusMail(
  to: { email: string; locale: string },
  ctx: ProcessContext,
  component: Component,
  idea: { id: string; title: string },
  status: IdeaStatus,
  reason: string,
  origin: string,
): OutgoingMail {
  const locale = to.locale === 'en' ? 'en' : 'de';
  const link = `${origin}${locale === 'en' ? '/en' : ''}/t/${ctx.town.slug}/p/${ctx.process.slug}/c/${component.id}?idea=${idea.id}`;
  return {
    to: to.email,
    kind: 'idea_status',
    subject: m.mail_idea_status_subject({ title: idea.title }, { locale }),
    text: m.mail_idea_status_body({ title: idea.title, status: ideaStatusName(status, locale), reason: reason || '–', link }, { locale }),
  };
}

/** A mail recipient as stored (the language they chose; anything but 'en' is German). */
export type MeetingRecipient = { email: string; displayName: string; locale: string };
type MeetingMailKind = 'registered' | 'waiting' | 'promoted';

/**
 * The confirmation mails of a meeting registration (registered, on the waiting list, moved up), in the recipient's
 * language. Transactional: sent whatever the notification settings say, like the academy's event mails.
 */
export function meetingRegistrationMail(
  kind: MeetingMailKind,
  to: MeetingRecipient,
  origin: string,
  where: { townSlug: string; processSlug: string; processTitle: string },
  meeting: { id: string; componentId: string; title: string; startsAt: Date; place: string; address: string; onlineUrl: string | null },
): OutgoingMail {
  const locale = to.locale === 'en' ? 'en' : 'de';
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(meeting.startsAt);
  const base = `/t/${where.townSlug}/p/${where.processSlug}/c/${meeting.componentId}`;
  const params = {
    name: to.displayName,
    title: meeting.title,
    process: where.processTitle,
    when,
    place: [meeting.place, meeting.address].filter(Boolean).join(', ') || meeting.onlineUrl || '–',
    link: `${origin}${locale === 'en' ? '/en' : ''}${base}?meeting=${meeting.id}`,
    ical: `${origin}${base}/calendar.ics`,
  };
  const texts = {
    registered: [m.mail_meeting_registered_subject, m.mail_meeting_registered_body],
    waiting: [m.mail_meeting_waiting_subject, m.mail_meeting_waiting_body],
    promoted: [m.mail_meeting_promoted_subject, m.mail_meeting_promoted_body],
  } as const;
  const [subject, body] = texts[kind];
  return { to: to.email, kind: `meeting_${kind}`, subject: subject(params, { locale }), text: body(params, { locale }) };
}
