import type { z } from 'zod';
import type { DataMode } from '../schema.ts';
import type { Tx } from '../../../../server/db/client.ts';
import type { App } from '../../../../server/app.ts';
import { grantKinds, type Grant } from '../../../../server/permissions.ts';
import type { ComponentTypeKey } from '../../component-types.ts';
import type { ComponentPage, ExportFile, PageContext } from '../pages/types.ts';

/** Text in both UI languages; definitions carry their own labels so that a new type needs no message-file edits. */
export interface Localized {
  de: string;
  en: string;
}

/** One action a component offers (e.g. `support` on ideas) and who may take it unless the town changes it. */
export interface ActionSpec {
  label: Localized;
  /** Default grants in every phase; blueprints may override per phase. */
  defaultGrants: readonly Grant[];
  /** Which data-collection modes make sense for this action (the first is the default). */
  dataModes: readonly DataMode[];
  /**
   * The grants the permission matrix may give this action; default every grant but `owner`. An action on one
   * contribution someone submitted (e.g. editing an idea) lists `owner`, the person who submitted it, and only the
   * town's trusted roles besides, so that no setting lets everyone edit everyone's contributions.
   */
  grants?: readonly Grant[];
  /**
   * Who can take the action at all. `staff`: the town's moderators and admins only (moderating, managing, exporting
   * personal data) — never anyone anonymous, pseudonymous or merely registered. `account`: people signed in (the
   * action records who took it, e.g. a support or a meeting registration), so `anyone` and `link` are never offered.
   * Default `everyone`. The matrix editor offers, stores and honours only the grants this allows.
   */
  audience?: 'everyone' | 'account' | 'staff';
}

/** A file a component offers (a feed, a list, a download), served at `path` below the component's page. */
export interface ExportDefinition<A extends string> {
  label: Localized;
  /** File name below the component's page, e.g. `calendar.ics`. */
  path: string;
  format: 'csv' | 'json' | 'ical';
  /** The component action that guards it; the export route checks it before the producer runs. */
  action: A;
  /** Part of the process's open data (public, listed with licence and date) or an internal file (e.g. moderators'). */
  openData: boolean;
  produce(ctx: PageContext): Promise<ExportFile>;
}

/**
 * What a component type stores about a person, for the GDPR export (Art. 15/20) and the account deletion (Art. 17).
 * `collect` returns named lists of plain rows; `erase` runs inside the deletion's transaction and deletes or
 * anonymises everything `collect` found.
 */
export interface PersonalDataProvider {
  collect(app: App, userId: string): Promise<Record<string, unknown[]>>;
  erase(app: App, tx: Tx, userId: string): Promise<void>;
}

/** A provider for a type that stores nothing about people (says so explicitly, so no type forgets it). */
export const storesNoPersonalData: PersonalDataProvider = { collect: async () => ({}), erase: async () => {} };

/**
 * One component type, declared in one place: its labels, settings (Zod objects with defaults, stored per component and
 * per phase; their admin form is generated from them),
 * the actions it offers with their default grants, its page (load and form intents), its exports with their
 * producers and guarding action, and its personal-data provider. The view is the one client-side part
 * (`ui/registry.ts`). Every part is required, and both registries are records over `ComponentTypeKey`, so the
 * compiler rejects a type that lacks one.
 */
export interface ComponentDefinition<T extends ComponentTypeKey = ComponentTypeKey, S extends z.ZodObject = z.ZodObject, P extends z.ZodObject = z.ZodObject, A extends string = string> {
  type: T;
  label: Localized;
  description: Localized;
  /** Settings of a component (every field with defaults and a `.meta({ label })`: the admin form is generated). */
  settings: S;
  /** Settings that may differ per phase (e.g. whether support counts are shown); `z.object({})` when there are none. */
  phaseSettings: P;
  actions: Readonly<Record<A, ActionSpec>>;
  page: ComponentPage;
  exports: readonly ExportDefinition<NoInfer<A>>[];
  personalData: PersonalDataProvider;
}

/** Declares a component type (checked once at module load; the compiler checks the shape). */
export function defineComponent<T extends ComponentTypeKey, S extends z.ZodObject, P extends z.ZodObject, A extends string>(definition: ComponentDefinition<T, S, P, A>): ComponentDefinition<T, S, P, A> {
  for (const [action, spec] of Object.entries(definition.actions) as [string, ActionSpec][]) {
    if (!/^[a-z][a-zA-Z]*$/.test(action)) throw new Error(`Invalid action "${action}" in ${definition.type}`);
    if (spec.defaultGrants.some((g) => !grantKindsFor(spec).includes(g))) throw new Error(`Action "${action}" in ${definition.type} grants what it cannot`);
  }
  const paths = definition.exports.map((e) => e.path);
  if (new Set(paths).size !== paths.length || paths.some((p) => !/^[a-z0-9-]+\.[a-z]+$/.test(p))) throw new Error(`Invalid or repeated export path in ${definition.type}`);
  return definition;
}

/** The grants the permission matrix may give an action (see `ActionSpec.grants` and `audience`), in the matrix's order. */
export function grantKindsFor(spec: ActionSpec): Grant[] {
  const allowed = (g: Grant) => (spec.grants ? spec.grants.includes(g) : g !== 'owner');
  const inAudience = (g: Grant) => (spec.audience === 'staff' ? g === 'moderator' || g === 'town_admin' : spec.audience === 'account' ? g !== 'anyone' && g !== 'link' : true);
  return grantKinds.filter((g) => allowed(g) && inAudience(g));
}
