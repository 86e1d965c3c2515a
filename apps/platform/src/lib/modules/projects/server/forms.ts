import { fieldsOfAction } from '../../processes/server/schema.ts';
import type { TownOutline } from '../../atlas/server/town-map.ts';
import { fundingProgrammes, projectStatuses, projectTypes } from './schema.ts';
import type { Project } from './access.ts';

export interface GoalOptions {
  processId: string;
  processTitle: string;
  fields: { field: string; goals: { id: string; title: string }[] }[];
}

/**
 * The choices of the project form; `goals`: the Zukunftsbild goals of each process, by field of action; `map`: the
 * town's outline for the location picker (null without one).
 */
export function projectFormOptions(processes: { id: string; title: string }[], workingGroups: { id: string; name: string }[], goals: GoalOptions[] = [], map: TownOutline | null = null) {
  return { types: [...projectTypes], statuses: [...projectStatuses], fields: [...fieldsOfAction], programmes: [...fundingProgrammes], processes, workingGroups, goals, map };
}

/** A stored project as the form's flat values (checkboxes as `field_<key>: 'on'`). */
export function projectFormValues(project: Project, responsibleEmail: string, goalIds: string[] = []): Record<string, string> {
  const values: Record<string, string> = {
    title: project.title,
    slug: project.slug,
    summary: project.summary,
    type: project.type,
    status: project.status,
    responsibleName: project.responsibleName,
    responsibleEmail,
    partners: project.partners,
    workingGroupId: project.workingGroupId ?? '',
    processId: project.processId ?? '',
    startsOn: project.startsOn ?? '',
    endsOn: project.endsOn ?? '',
    budget: project.budget,
    funding: project.funding,
    published: project.published ? 'on' : '',
    latitude: project.latitude === null ? '' : String(project.latitude),
    longitude: project.longitude === null ? '' : String(project.longitude),
  };
  for (const g of goalIds) values[`goal_${g}`] = 'on';
  for (const f of project.fields) values[`field_${f}`] = 'on';
  for (const p of project.fundingProgrammes) values[`programme_${p}`] = 'on';
  return values;
}
