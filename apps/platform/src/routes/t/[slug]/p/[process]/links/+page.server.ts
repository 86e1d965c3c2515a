import type { Actions, PageServerLoad } from './$types';
import { attempt, authorizeRoute, formFields, orNotFound, requireUser } from '#lib/server/http.ts';
import { qrDataUri } from '#lib/modules/processes/server/access-links.ts';

export const load: PageServerLoad = async (event) => {
  const { locals, params } = event;
  requireUser(event);
  const ctx = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  authorizeRoute(event, 'process.edit', ctx.town.id);
  const links = await locals.app.accessLinks.list(locals.actor, ctx);
  const now = Date.now();
  return {
    town: ctx.town,
    process: { slug: ctx.process.slug, title: ctx.process.title },
    links: links.map((l) => ({
      id: l.id,
      label: l.label,
      createdAt: l.createdAt,
      expiresAt: l.expiresAt,
      redemptions: l.redemptions,
      state: l.revokedAt ? 'revoked' : l.expiresAt && l.expiresAt.getTime() < now ? 'expired' : 'active',
    })),
  };
};

export const actions: Actions = {
  create: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const ctx = await orNotFound(() => event.locals.app.processes.load(actor, event.params.slug, event.params.process));
    const result = await attempt(fields, () => event.locals.app.accessLinks.create(actor, ctx, fields));
    if (!result.ok) return result.failure;
    const url = `${event.locals.app.config.publicOrigin}/l/${result.value.token}`;
    return { created: { url, qr: qrDataUri(url), label: fields.label ?? '' } };
  },
  revoke: async (event) => {
    const { actor } = requireUser(event);
    const fields = await formFields(event);
    const ctx = await orNotFound(() => event.locals.app.processes.load(actor, event.params.slug, event.params.process));
    const result = await attempt(fields, () => orNotFound(() => event.locals.app.accessLinks.revoke(actor, ctx, fields.linkId ?? '')));
    if (!result.ok) return result.failure;
    return { revoked: true };
  },
};
