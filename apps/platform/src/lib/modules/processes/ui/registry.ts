import type { Component } from 'svelte';
import InfoView from './InfoView.svelte';
import MeetingsView from './MeetingsView.svelte';
import IdeasView from './IdeasView.svelte';
import ScenarioGroupView from './ScenarioGroupView.svelte';

/** The view of each component type, by type. A new type adds one line. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const componentViews: Readonly<Record<string, Component<any>>> = {
  info: InfoView,
  meetings: MeetingsView,
  ideas: IdeasView,
  scenario_group: ScenarioGroupView,
};
