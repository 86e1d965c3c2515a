import type { ComponentTypeKey } from '../../component-types.ts';
import { isComponentTypeKey } from '../../component-types.ts';
import type { ComponentDefinition, ExportDefinition } from './define.ts';
import type { ExportFile, PageContext } from '../pages/types.ts';
import { infoComponent } from './info.ts';
import { meetingsComponent } from './meetings.ts';
import { ideasComponent } from './ideas.ts';
import { scenarioGroupComponent } from './scenario-group.ts';

/**
 * Every component type, by key. A new type: its definition file, its key in `component-types.ts`, one line here and
 * its view in `ui/registry.ts` — the compiler names whichever is missing.
 */
export const componentDefinitions = {
  info: infoComponent,
  meetings: meetingsComponent,
  ideas: ideasComponent,
  scenario_group: scenarioGroupComponent,
} as const satisfies { [K in ComponentTypeKey]: ComponentDefinition<K> };

/** The definition of a stored component's type (undefined for a type this version no longer knows). */
export function componentType(type: string): ComponentDefinition | undefined {
  return isComponentTypeKey(type) ? (componentDefinitions[type] as unknown as ComponentDefinition) : undefined;
}

export function componentTypes(): ComponentDefinition[] {
  return Object.values(componentDefinitions) as unknown as ComponentDefinition[];
}

/** All `<type>:<action>` keys of a type, in definition order. */
export function actionKeys(definition: ComponentDefinition): `${string}:${string}`[] {
  return Object.keys(definition.actions).map((a) => `${definition.type}:${a}` as const);
}

/** The export of a type served at `path` below a component's page. */
export function componentExport(type: string, path: string): ExportDefinition<string> | undefined {
  return componentType(type)?.exports.find((e) => e.path === path);
}

/**
 * Produces the export of a component at `path` for the page context's asker: the export's action is checked in the
 * current phase first (ForbiddenError otherwise). Null when the type declares no such export.
 */
export async function produceExport(ctx: PageContext, path: string): Promise<{ spec: ExportDefinition<string>; file: ExportFile } | null> {
  const spec = componentExport(ctx.component.type, path);
  if (!spec) return null;
  ctx.app.processes.authorize(ctx.actor, ctx.process, ctx.component, `${ctx.component.type}:${spec.action}`, ctx.viaLink);
  return { spec, file: await spec.produce(ctx) };
}

/** Parses settings for a type, filling defaults; throws on unknown types. */
export function parseSettings(type: string, input: unknown): Record<string, unknown> {
  const definition = componentType(type);
  if (!definition) throw new Error(`Unknown component type "${type}"`);
  return definition.settings.parse(input ?? {}) as Record<string, unknown>;
}

export { grantKindsFor, storesNoPersonalData } from './define.ts';
export { phaseSettingsOf, settingsOf } from './settings.ts';
export type { ComponentDefinition, ActionSpec, ExportDefinition, Localized, PersonalDataProvider } from './define.ts';
