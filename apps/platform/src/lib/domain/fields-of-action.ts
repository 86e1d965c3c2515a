/**
 * The eight Handlungsfelder (fields of action) of the seed — the one vocabulary by which ideas, projects, the
 * Zukunftsbild and the academy's knowledge base are grouped, so that a town's project and a knowledge-base entry on
 * the same topic meet. Modules re-export it; labels are Paraglide messages.
 */
export const fieldsOfAction = ['wohnen', 'mobilitaet', 'gemeinschaft', 'wirtschaft', 'besucher', 'digital', 'kooperation', 'engagement'] as const;
export type FieldOfAction = (typeof fieldsOfAction)[number];
