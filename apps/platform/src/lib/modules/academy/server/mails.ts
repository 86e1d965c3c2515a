import * as m from '../../../paraglide/messages.js';
import type { OutgoingMail } from '../../mail/server/outbox.ts';

/** A mail recipient as stored: the language they chose (anything but 'en' is German). */
export type Recipient = { email: string; displayName: string; locale: string };
type Locale = 'de' | 'en';
const localeOf = (r: Recipient): Locale => (r.locale === 'en' ? 'en' : 'de');
const prefix = (locale: Locale) => (locale === 'en' ? '/en' : '');

/** What the event mails need to know about an event. */
export type MailEvent = { slug: string; title: string; startsAt: Date; place: string };

/** Date and time in the recipient's language, always in German local time (where the events take place). */
export function eventWhen(startsAt: Date, locale: Locale): string {
  const f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  return f.format(startsAt);
}

function eventParams(r: Recipient, origin: string, event: MailEvent) {
  const locale = localeOf(r);
  const link = `${origin}${prefix(locale)}/academy/events/${event.slug}`;
  return { locale, params: { name: r.displayName, title: event.title, when: eventWhen(event.startsAt, locale), place: event.place, link, ical: `${origin}/academy/events/${event.slug}/ical` } };
}

/** One of the mails below as a notification message (for `notifications.notify`), keeping its outbox label. */
export function asNotification(mail: OutgoingMail): { subject: string; text: string; mailKind: string } {
  return { subject: mail.subject, text: mail.text, mailKind: mail.kind };
}

/** The academy's mails (events, Q&A between towns), each in the recipient's language, like the account mails. */
export const academyMails = {
  eventRegistered(r: Recipient, origin: string, event: MailEvent): OutgoingMail {
    const { locale, params } = eventParams(r, origin, event);
    return { to: r.email, kind: 'event_registered', subject: m.academy_mail_registered_subject(params, { locale }), text: m.academy_mail_registered_body(params, { locale }) };
  },
  eventWaiting(r: Recipient, origin: string, event: MailEvent): OutgoingMail {
    const { locale, params } = eventParams(r, origin, event);
    return { to: r.email, kind: 'event_waiting', subject: m.academy_mail_waiting_subject(params, { locale }), text: m.academy_mail_waiting_body(params, { locale }) };
  },
  eventPromoted(r: Recipient, origin: string, event: MailEvent): OutgoingMail {
    const { locale, params } = eventParams(r, origin, event);
    return { to: r.email, kind: 'event_promoted', subject: m.academy_mail_promoted_subject(params, { locale }), text: m.academy_mail_promoted_body(params, { locale }) };
  },
  eventReminder(r: Recipient, origin: string, event: MailEvent): OutgoingMail {
    const { locale, params } = eventParams(r, origin, event);
    return { to: r.email, kind: 'event_reminder', subject: m.academy_mail_reminder_subject(params, { locale }), text: m.academy_mail_reminder_body(params, { locale }) };
  },
  visitStatus(r: Recipient, status: 'accepted' | 'scheduled' | 'declined', note: string): OutgoingMail {
    const locale = localeOf(r);
    const label = { accepted: m.academy_mail_visit_accepted, scheduled: m.academy_mail_visit_scheduled, declined: m.academy_mail_visit_declined }[status]({}, { locale });
    const text = m.academy_mail_visit_body({ name: r.displayName, status: label }, { locale }) + (note ? `\n\n${m.academy_mail_visit_note({ note }, { locale })}` : '');
    return { to: r.email, kind: 'visit_status', subject: m.academy_mail_visit_subject({ status: label }, { locale }), text };
  },
  questionMatch(r: Recipient, origin: string, q: { asking: string; experienced: string; title: string; slug: string }): OutgoingMail {
    const locale = localeOf(r);
    const params = { name: r.displayName, asking: q.asking, experienced: q.experienced, title: q.title, link: `${origin}${prefix(locale)}/academy/questions/${q.slug}` };
    return { to: r.email, kind: 'question_match', subject: m.academy_mail_question_subject(params, { locale }), text: m.academy_mail_question_body(params, { locale }) };
  },
  questionAnswered(r: Recipient, origin: string, q: { answering: string; title: string; slug: string }): OutgoingMail {
    const locale = localeOf(r);
    const params = { name: r.displayName, answering: q.answering, title: q.title, link: `${origin}${prefix(locale)}/academy/questions/${q.slug}` };
    return { to: r.email, kind: 'question_answered', subject: m.academy_mail_answered_subject(params, { locale }), text: m.academy_mail_answered_body(params, { locale }) };
  },
};
