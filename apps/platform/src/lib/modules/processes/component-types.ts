/**
 * The keys of every component type. Server definitions (`server/components/index.ts`) and client views
 * (`ui/registry.ts`) are both records over this union, so a type without a definition or without a view does not
 * compile. Shared by server and client, so it imports nothing.
 */
export const componentTypeKeys = ['info', 'meetings', 'ideas', 'scenario_group'] as const;
export type ComponentTypeKey = (typeof componentTypeKeys)[number];

export function isComponentTypeKey(type: string): type is ComponentTypeKey {
  return (componentTypeKeys as readonly string[]).includes(type);
}
