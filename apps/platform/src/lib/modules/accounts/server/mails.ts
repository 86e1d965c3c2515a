import * as m from '../../../paraglide/messages.js';
import type { OutgoingMail } from '../../mail/server/outbox.ts';

type Recipient = { email: string; displayName: string; locale: string };
const localeOf = (r: Recipient) => (r.locale === 'en' ? 'en' : 'de') as 'de' | 'en';
const prefix = (locale: 'de' | 'en') => (locale === 'en' ? '/en' : '');

/** The account mails, in the recipient's language. Links use the origin of the request that caused them. */
export const accountMails = {
  confirm(user: Recipient, origin: string, token: string): OutgoingMail {
    const locale = localeOf(user);
    const link = `${origin}${prefix(locale)}/account/confirm/${token}`;
    return {
      to: user.email,
      kind: 'confirm_email',
      subject: m.mail_confirm_subject({}, { locale }),
      text: m.mail_confirm_body({ name: user.displayName, link }, { locale }),
    };
  },
  alreadyRegistered(user: Recipient, origin: string): OutgoingMail {
    const locale = localeOf(user);
    const link = `${origin}${prefix(locale)}/account/reset`;
    return {
      to: user.email,
      kind: 'already_registered',
      subject: m.mail_exists_subject({}, { locale }),
      text: m.mail_exists_body({ name: user.displayName, link }, { locale }),
    };
  },
  reset(user: Recipient, origin: string, token: string): OutgoingMail {
    const locale = localeOf(user);
    const link = `${origin}${prefix(locale)}/account/reset/${token}`;
    return {
      to: user.email,
      kind: 'reset_password',
      subject: m.mail_reset_subject({}, { locale }),
      text: m.mail_reset_body({ name: user.displayName, link }, { locale }),
    };
  },
};
