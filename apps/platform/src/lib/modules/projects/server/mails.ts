import * as m from '../../../paraglide/messages.js';
import type { OutgoingMail } from '../../mail/server/outbox.ts';
import type { NotificationMessage } from '../../notifications/server/service.ts';

type Locale = 'de' | 'en';
const localeOf = (l: string): Locale => (l === 'en' ? 'en' : 'de');
const projectLink = (origin: string, locale: Locale, townSlug: string, projectSlug: string) => `${origin}${locale === 'en' ? '/en' : ''}/t/${townSlug}/projects/${projectSlug}`;

/**
 * Tells a follower that a project they follow posted a progress update: a notification of kind `project_update`
 * (the person's settings decide: now, in a digest, or not at all). `unfollowUrl` is the signed one-click link that
 * ends following this project only; it is in the text (so digests carry it) and the mail's `List-Unsubscribe`.
 */
export function projectUpdateMessage(
  locale: Locale,
  town: { slug: string; name: string },
  project: { slug: string; title: string },
  update: { title: string; body: string },
  origin: string,
  unfollowUrl: string,
): NotificationMessage {
  const link = projectLink(origin, locale, town.slug, project.slug);
  const excerpt = update.body.length > 600 ? `${update.body.slice(0, 600)} …` : update.body;
  return {
    subject: m.mail_project_update_subject({ project: project.title, town: town.name }, { locale }),
    text: m.mail_project_update_body({ project: project.title, title: update.title, excerpt, link, unfollow: unfollowUrl }, { locale }),
    listUnsubscribe: unfollowUrl,
  };
}

/** The one-click link that ends following one project (signed token, no login needed). */
export const unfollowLink = (origin: string, locale: Locale, token: string) => `${origin}${locale === 'en' ? '/en' : ''}/unfollow/${token}`;

/** Tells the author of an idea that it became (part of) a project. */
export function ideaAdoptedMail(to: { email: string; locale: string }, town: { slug: string; name: string }, idea: { title: string }, project: { slug: string; title: string }, origin: string): OutgoingMail {
  const locale = localeOf(to.locale);
  return {
    to: to.email,
    kind: 'idea_adopted',
    subject: m.mail_idea_adopted_subject({ title: idea.title }, { locale }),
    text: m.mail_idea_adopted_body({ title: idea.title, project: project.title, town: town.name, link: projectLink(origin, locale, town.slug, project.slug) }, { locale }),
  };
}
