/** Typed errors of the session scheduler. */

/** Machine-readable reason of a {@link ScheduleInputError}. */
export type ScheduleInputErrorCode =
  | 'invalid-value'
  | 'duplicate-id'
  | 'unknown-session'
  | 'unknown-slot'
  | 'unknown-room'
  | 'session-longer-than-day';

/** Malformed input: the message names the offending field (`path`). */
export class ScheduleInputError extends Error {
  /** Machine-readable reason. */
  readonly code: ScheduleInputErrorCode;
  /** JSON path of the offending field, e.g. `sessions[3].fixed.slot`. */
  readonly path: string;
  constructor(code: ScheduleInputErrorCode, path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ScheduleInputError';
    this.code = code;
    this.path = path;
  }
}

/** Kind of a hard-constraint group (the unit of an irreducible infeasible subset). */
export type ConstraintKind =
  | 'room-exclusive'
  | 'room-unavailable'
  | 'host-exclusive'
  | 'host-availability'
  | 'fixed-slot'
  | 'fixed-room'
  | 'room-features'
  | 'not-parallel';

/** One group of hard constraints, e.g. "host X is never double-booked". */
export interface ConstraintGroup {
  /** Stable id, e.g. `host-exclusive:alice` or `not-parallel:s1|s2`. */
  readonly id: string;
  readonly kind: ConstraintKind;
  /** Session ids the group is about. */
  readonly sessions: readonly string[];
  /** Host id (host groups). */
  readonly host?: string;
  /** Room id (room groups). */
  readonly room?: string;
  /** Plain-English description. */
  readonly description: string;
}

/**
 * The instance has no schedule that keeps every hard constraint. `conflict` is an irreducible infeasible subset:
 * these constraint groups cannot all hold, but dropping any one of them makes the instance feasible
 * (`irreducible` is false only if a solver time limit stopped the minimisation early).
 */
export class InfeasibleScheduleError extends Error {
  readonly conflict: readonly ConstraintGroup[];
  readonly irreducible: boolean;
  constructor(conflict: readonly ConstraintGroup[], irreducible: boolean) {
    super(
      `No schedule satisfies all hard constraints; these ${conflict.length} cannot all hold` +
        `${irreducible ? '' : ' (not proven minimal)'}:\n` +
        conflict.map((g) => `  - ${g.description}`).join('\n'),
    );
    this.name = 'InfeasibleScheduleError';
    this.conflict = conflict;
    this.irreducible = irreducible;
  }
}
