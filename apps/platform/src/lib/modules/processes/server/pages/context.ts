import type { RequestEvent } from '@sveltejs/kit';
import { orNotFound } from '../../../../server/http.ts';
import { LINK_COOKIE, PARTICIPANT_COOKIE } from '../link-cookies.ts';
import type { PageContext } from './types.ts';

/** The context of the component named in a route (`/t/[slug]/p/[process]/c/[component]/…`): its page, intents, exports. */
export async function componentPageContext(event: RequestEvent<{ slug: string; process: string; component: string }>): Promise<PageContext> {
  const { locals, params } = event;
  const process = await orNotFound(() => locals.app.processes.load(locals.actor, params.slug, params.process));
  const component = await orNotFound(async () => locals.app.processes.component(process, params.component));
  return {
    app: locals.app,
    actor: locals.actor,
    process,
    component,
    locale: locals.locale,
    viaLink: await locals.app.accessLinks.validFor(event.cookies.get(LINK_COOKIE), process.process.id),
    participantKey: event.cookies.get(PARTICIPANT_COOKIE) ?? null,
    query: event.url.searchParams,
  };
}
