import type { z } from 'zod';
import type { DataMode } from '../schema.ts';
import { grantKinds, type Grant } from '../../../../server/permissions.ts';

/** Text in both UI languages; manifests carry their own labels so that a new type needs no message-file edits. */
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

/** Something a component offers to the outside: a feed, a list, a download. */
export interface ExportSpec {
  key: string;
  label: Localized;
  /** Path below the component's page, e.g. `calendar.ics`. */
  path?: string;
}

/**
 * The typed manifest of a component type: its settings (a Zod object with defaults), the actions it offers with
 * their default grants, and what it exports. The registry, the permission editor, the blueprints and the generic
 * component page read only this; a new type adds one file and one line in `index.ts`, nothing else.
 */
export interface ComponentManifest<S extends z.ZodObject = z.ZodObject> {
  type: string;
  label: Localized;
  description: Localized;
  settings: S;
  actions: Readonly<Record<string, ActionSpec>>;
  exports: readonly ExportSpec[];
}

const registry = new Map<string, ComponentManifest>();

/** Declares a component type; called once per type at module load (see index.ts). */
export function defineComponent<S extends z.ZodObject>(manifest: ComponentManifest<S>): ComponentManifest<S> {
  if (!/^[a-z][a-z_]*$/.test(manifest.type)) throw new Error(`Invalid component type "${manifest.type}"`);
  if (registry.has(manifest.type)) throw new Error(`Component type "${manifest.type}" is declared twice`);
  for (const [action, spec] of Object.entries(manifest.actions)) {
    if (!/^[a-z][a-zA-Z]*$/.test(action)) throw new Error(`Invalid action "${action}" in ${manifest.type}`);
    if (spec.defaultGrants.some((g) => !grantKindsFor(spec).includes(g))) throw new Error(`Action "${action}" in ${manifest.type} grants what it cannot`);
  }
  registry.set(manifest.type, manifest as unknown as ComponentManifest);
  return manifest;
}

export function componentType(type: string): ComponentManifest | undefined {
  return registry.get(type);
}

export function componentTypes(): ComponentManifest[] {
  return [...registry.values()];
}

/** All `<type>:<action>` keys of a type, in manifest order. */
export function actionKeys(manifest: ComponentManifest): `${string}:${string}`[] {
  return Object.keys(manifest.actions).map((a) => `${manifest.type}:${a}` as const);
}

/** The grants the permission matrix may give an action (see `ActionSpec.grants`), in the matrix's order. */
export function grantKindsFor(spec: ActionSpec): Grant[] {
  const allowed = (g: Grant) => (spec.grants ? spec.grants.includes(g) : g !== 'owner');
  const inAudience = (g: Grant) => (spec.audience === 'staff' ? g === 'moderator' || g === 'town_admin' : spec.audience === 'account' ? g !== 'anyone' && g !== 'link' : true);
  return grantKinds.filter((g) => allowed(g) && inAudience(g));
}

/** Parses settings for a type, filling defaults; throws on unknown types. */
export function parseSettings(type: string, input: unknown): Record<string, unknown> {
  const manifest = registry.get(type);
  if (!manifest) throw new Error(`Unknown component type "${type}"`);
  return manifest.settings.parse(input ?? {}) as Record<string, unknown>;
}
