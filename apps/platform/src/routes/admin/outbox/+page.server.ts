import type { PageServerLoad } from './$types';
import { authorizeRoute } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  authorizeRoute(event, 'platform.viewOutbox');
  const { mailer } = event.locals.app;
  return { smtp: mailer.smtpConfigured, mails: await mailer.list(200) };
};
