import * as m from '../../../paraglide/messages.js';
import type { OutgoingMail } from '../../mail/server/outbox.ts';
import type { TownRole } from './schema.ts';

/** The invitation mail, in the invitee's language if they already have an account (German otherwise). */
export function invitationMail(to: { email: string; locale: string }, townName: string, role: TownRole, inviter: string, origin: string, token: string): OutgoingMail {
  const locale = to.locale === 'en' ? 'en' : 'de';
  const roleName = { town_admin: m.role_town_admin, moderator: m.role_moderator, member: m.role_member }[role]({}, { locale });
  const link = `${origin}${locale === 'en' ? '/en' : ''}/invitation/${token}`;
  return {
    to: to.email,
    kind: 'invitation',
    subject: m.mail_invite_subject({ town: townName }, { locale }),
    text: m.mail_invite_body({ town: townName, role: roleName, inviter, link }, { locale }),
  };
}
