import type { Actions, PageServerLoad } from './$types';
import { attempt, requireUser } from '#lib/server/http.ts';
import { can } from '#lib/server/permissions.ts';
import { readEntryForm } from '#lib/modules/academy/server/forms.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
  const status = url.searchParams.get('status') ?? '';
  const field = url.searchParams.get('field') ?? '';
  const { research } = locals.app;
  const [researchers, questions, literature, profile, myTowns] = await Promise.all([
    research.researchers(),
    research.questions({ status, field }),
    research.literature(),
    locals.user ? research.profileOf(locals.user.id) : undefined,
    locals.user ? locals.app.towns.townsOf(locals.user.id) : [],
  ]);
  return {
    status,
    field,
    researchers,
    questions,
    literature,
    profile: profile ? { slug: profile.slug, name: profile.name } : null,
    myTowns: myTowns.map((t) => ({ slug: t.slug, name: t.name })),
    loggedIn: Boolean(locals.user),
    mayManage: can(locals.actor, 'academy.manageResearch'),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const { actor } = requireUser(event);
    const { input, values } = await readEntryForm(event);
    const result = await attempt(values, () => event.locals.app.research.ask(actor, input));
    if (!result.ok) return result.failure;
    return { posted: result.value.slug };
  },
};
