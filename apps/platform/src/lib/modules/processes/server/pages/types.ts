import type { App } from '../../../../server/app.ts';
import type { Actor } from '../../../../server/permissions.ts';
import type { Component, ProcessContext } from '../service.ts';

/** What a component page's server part gets: the services, who is asking, the loaded process and component. */
export interface PageContext {
  app: App;
  actor: Actor | null;
  process: ProcessContext;
  component: Component;
  locale: 'de' | 'en';
  /** The visitor holds a valid anonymous access link for this process. */
  viaLink: boolean;
  /** A stable pseudonymous id for anonymous participants (from the access-link cookie). */
  participantKey: string | null;
  /** The query string (e.g. `?meeting=` for a detail view). */
  query: URLSearchParams;
}

/** A file produced by a component's export (see `ExportDefinition`). */
export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  filename: string;
}

/**
 * The server part of a component type's page: data for its view, and form intents (the form field `intent`).
 * Intents return data for the page (e.g. `{ supported: true }`) or throw ValidationError / ForbiddenError.
 */
export interface ComponentPage {
  load(ctx: PageContext): Promise<Record<string, unknown>>;
  intents?: Readonly<Record<string, (ctx: PageContext, fields: Record<string, string>, files: Record<string, File>) => Promise<Record<string, unknown> | void>>>;
}
