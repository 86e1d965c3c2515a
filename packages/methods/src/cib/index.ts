// Cross-Impact Balance (CIB) analysis (Weimer-Jehle 2006): exact consistent scenarios by branch-and-bound,
// succession and basins, standardisation, ensembles, interventions, sensitivity, diverse selection, ScenarioWizard I/O.
export * from './errors.ts';
export * from './model.ts';
export * from './evaluate.ts';
export * from './solve.ts';
export * from './succession.ts';
export * from './basins.ts';
export * from './transform.ts';
export * from './analysis.ts';
export * from './scw.ts';
export * from './json.ts';
