/**
 * Session scheduler for barcamps and unconferences: sessions into rooms and time slots so that participants can
 * attend what they voted for. See `docs/methods/scheduling.md`.
 */
export type { ScheduleInstance, SlotInput, RoomInput, SessionInput, HostInput, VoteInput, ObjectiveWeights, InstanceOptions, Assignment, Schedule } from './types.ts';
export { ScheduleInputError, InfeasibleScheduleError } from './errors.ts';
export type { ScheduleInputErrorCode, ConstraintGroup, ConstraintKind } from './errors.ts';
export { compile, DEFAULT_WEIGHTS, scheduleToCells, cellsToSchedule } from './model.ts';
export type { CompiledModel } from './model.ts';
export { evaluate, evaluateCells, objectiveParts, satisfactionOf, qualityVsRandom } from './evaluate.ts';
export type { Evaluation, HardViolations, QualityReport } from './evaluate.ts';
export { anneal, combinatorialBound, objectiveUpperBound, overflowLowerBound } from './heuristic.ts';
export { pairLpBound, minSameSlotPairs } from './bound.ts';
export type { PairBoundOptions, PairBoundResult } from './bound.ts';
export { columnBound, pricingProblems } from './column-bound.ts';
export type { ColumnBoundOptions, ColumnBoundResult } from './column-bound.ts';
export { pricingLowerBound, pricingHeuristic, slotCost } from './pricing.ts';
export type { PricingProblem, PricingOptions, PricingResult } from './pricing.ts';
export type { HeuristicOptions, HeuristicResult } from './heuristic.ts';
export { solveIlp, loadHighs } from './ilp.ts';
export type { IlpOptions, IlpResult, HighsLoadOptions } from './ilp.ts';
export { solveSchedule, replan, findConflict, relativeGap } from './solve.ts';
export type { SolveOptions, SolveResult, ReplanResult, Move, ConflictReport } from './solve.ts';
export { explain, explainPlacement } from './explain.ts';
export type { Explanation, Conflict, ConflictType, SlotOption } from './explain.ts';
export { importW3cBreakouts } from './w3c.ts';
export type { W3cBreakoutsData, W3cImport } from './w3c.ts';
export { evaluateCosplib, scheduleCosplib } from './cosplib.ts';
export type { CosplibProblem, CosplibSolution, CosplibSubmission, CosplibWeights, CosplibEvaluation, CosplibCriterion, CosplibScheduleOptions, PenaltyTable } from './cosplib.ts';
export { createRng } from '../random.ts';
export type { Rng } from '../random.ts';
