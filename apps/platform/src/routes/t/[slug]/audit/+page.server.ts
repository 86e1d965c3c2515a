import type { PageServerLoad } from './$types';
import { attempt, orNotFound, requireUser } from '#lib/server/http.ts';

/** The town's audit log: town admins only (`process.viewAudit`), filterable, 50 entries a page. */
export const load: PageServerLoad = async (event) => {
  const { actor } = requireUser(event);
  const query = Object.fromEntries(event.url.searchParams);
  const result = await orNotFound(() => attempt({}, () => event.locals.app.audit.forTown(actor, event.params.slug, query)));
  if (!result.ok) throw new Error('unreachable: the audit filters never fail validation');
  const log = result.value;
  return {
    town: log.town,
    filter: log.filter,
    total: log.total,
    pages: log.pages,
    actions: log.actions,
    rows: log.rows,
  };
};
