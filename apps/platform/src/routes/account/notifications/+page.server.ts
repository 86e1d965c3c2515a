import type { Actions, PageServerLoad } from './$types';
import { attempt, formFields, requireUser } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
  const { user } = requireUser(event);
  return { settings: await event.locals.app.notifications.settings(user.id) };
};

export const actions: Actions = {
  default: async (event) => {
    const { user } = requireUser(event);
    const fields = await formFields(event);
    const result = await attempt(fields, () => event.locals.app.notifications.updateSettings(user.id, fields));
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
