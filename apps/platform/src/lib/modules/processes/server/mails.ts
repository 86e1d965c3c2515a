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
