import type { Component } from 'svelte';
import type { ComponentTypeKey } from '../component-types.ts';
import InfoView from './InfoView.svelte';
import MeetingsView from './MeetingsView.svelte';
import IdeasView from './IdeasView.svelte';
import ScenarioGroupView from './ScenarioGroupView.svelte';

/** The view of each component type: a record over every type key, so a type without a view does not compile. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const componentViews: Readonly<Record<ComponentTypeKey, Component<any>>> = {
  info: InfoView,
  meetings: MeetingsView,
  ideas: IdeasView,
  scenario_group: ScenarioGroupView,
};

/** The view for a stored component's type (undefined for a type this version does not know). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function componentView(type: string): Component<any> | undefined {
  return (componentViews as Record<string, Component<any>>)[type];
}
