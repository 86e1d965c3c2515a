import { fieldsOfAction } from '../../processes/server/schema.ts';
import { fundingProgrammes, projectStatuses, projectTypes } from './schema.ts';
import type { Project } from './service.ts';

/** The choices of the project form. */
export function projectFormOptions(processes: { id: string; title: string }[], workingGroups: { id: string; name: string }[]) {
  return { types: [...projectTypes], statuses: [...projectStatuses], fields: [...fieldsOfAction], programmes: [...fundingProgrammes], processes, workingGroups };
}

/** A stored project as the form's flat values (checkboxes as `field_<key>: 'on'`). */
export function projectFormValues(project: Project, responsibleEmail: string): Record<string, string> {
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
  };
  for (const f of project.fields) values[`field_${f}`] = 'on';
  for (const p of project.fundingProgrammes) values[`programme_${p}`] = 'on';
  return values;
}
