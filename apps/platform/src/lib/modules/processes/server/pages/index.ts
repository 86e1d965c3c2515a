import type { ComponentPage } from './types.ts';
import { infoPage } from './info.ts';
import { meetingsPage } from './meetings.ts';
import { ideasPage } from './ideas.ts';
import { scenarioGroupPage } from './scenario-group.ts';

/** The server part of each component type's page, by type. A new type adds one line. */
export const componentPages: Readonly<Record<string, ComponentPage>> = {
  info: infoPage,
  meetings: meetingsPage,
  ideas: ideasPage,
  scenario_group: scenarioGroupPage,
};

export type { ComponentPage, PageContext } from './types.ts';
