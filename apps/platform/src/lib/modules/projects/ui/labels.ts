import { messageFor } from '../../../ui/i18n.ts';

/** Display names of the project taxonomies in the current language. */
export const projectTypeName = (type: string) => messageFor(`project_type_${type}`);
export const projectStatusName = (status: string) => messageFor(`project_status_${status}`);
export const programmeName = (key: string) => messageFor(`funding_programme_${key}`);
export const fieldOfActionName = (key: string) => messageFor(`field_of_action_${key}`);
export const ideaStatusName = (key: string) => messageFor(`idea_status_${key}`);

/** KERN badge variants for the project status. */
export function statusBadge(status: string): string {
  if (status === 'umgesetzt') return 'kern-badge--success';
  if (status === 'umsetzung') return 'kern-badge--info';
  if (status === 'ruht') return 'kern-badge--warning';
  return 'kern-badge--info';
}
