import { messageFor } from '../../../ui/i18n.ts';

/** Labels of the academy's vocabularies in the current language (codes → Paraglide messages). */
export const kindLabel = (code: string) => messageFor(`academy_kind_${code}`);
export const fieldLabel = (code: string) => messageFor(`academy_foa_${code}`);
export const goalLabel = (code: string) => messageFor(`academy_goal_${code}`);
export const townTypeLabel = (code: string) => messageFor(`academy_type_${code}`);
export const locationLabel = (code: string) => messageFor(`academy_loc_${code}`);
export const licenceLabel = (code: string) => messageFor(`academy_licence_${code.replace(/[^A-Za-z0-9]/g, '_')}`);
export const statusLabel = (code: string) => messageFor(`academy_status_${code}`);
export const pointLabel = (n: number) => messageFor(`academy_point_${n}`);
export const ratingLabel = (n: number) => messageFor(`academy_check_rating_${n}`);
export const formLabel = (code: string) => messageFor(`academy_form_${code}`);
export const visitStatusLabel = (code: string) => messageFor(`academy_visit_status_${code}`);
export const orgKindLabel = (code: string) => messageFor(`academy_orgkind_${code}`);
export const orgStatusLabel = (code: string) => messageFor(`academy_orgstatus_${code}`);
export const researchStatusLabel = (code: string) => messageFor(`academy_rstatus_${code}`);
