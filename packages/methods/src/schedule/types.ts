/**
 * Public data types of the session scheduler. The JSON instance format (documented in
 * `docs/methods/scheduling.md`) is exactly {@link ScheduleInstance}.
 */

/** A time slot. Slots are listed in chronological order; consecutive slots of the same `day` can hold one multi-slot session. */
export interface SlotInput {
  /** Unique id, e.g. `"sat-10:00"`. */
  readonly id: string;
  /** Display label; defaults to the id. */
  readonly label?: string;
  /** Day (any string, e.g. `"2025-06-14"`); slots without a day all belong to one day. */
  readonly day?: string;
}

/** A room. */
export interface RoomInput {
  /** Unique id. */
  readonly id: string;
  /** Display name; defaults to the id. */
  readonly name?: string;
  /** Seats; omitted = unlimited (no overflow is ever counted). */
  readonly capacity?: number;
  /** Features the room offers, e.g. `["projector", "step-free"]`. */
  readonly features?: readonly string[];
  /** Slot ids in which the room cannot be used. */
  readonly unavailable?: readonly string[];
}

/** A proposed session. */
export interface SessionInput {
  /** Unique id. */
  readonly id: string;
  /** Display title; defaults to the id. */
  readonly title?: string;
  /** Host ids (speakers, chairs); a host never runs two sessions at once. */
  readonly hosts?: readonly string[];
  /** Length in consecutive slots of one day; default 1. */
  readonly duration?: number;
  /** Fixed start slot and/or room (kept by every schedule). */
  readonly fixed?: { readonly slot?: string; readonly room?: string };
  /** Room features the session needs. */
  readonly requires?: readonly string[];
  /** Sessions that must not run in parallel with this one (symmetric; declaring it on one side suffices). */
  readonly notParallelTo?: readonly string[];
  /** Expected attendance; default = number of interest votes × `options.turnout`. */
  readonly expectedAttendance?: number;
}

/** Availability of one host. Hosts not listed here are always available. */
export interface HostInput {
  /** Host id as used in `SessionInput.hosts`. */
  readonly id: string;
  /** If given, the host is available only in these slots. */
  readonly available?: readonly string[];
  /** Slots in which the host is not available. */
  readonly unavailable?: readonly string[];
}

/** One participant's interest votes. */
export interface VoteInput {
  /** Participant id (any string). */
  readonly participant: string;
  /** Ids of the sessions the participant wants to attend. */
  readonly sessions: readonly string[];
}

/** Weights of the objective (see the developer documentation). */
export interface ObjectiveWeights {
  /** Cost of one missed vote (a participant loses one voted session-slot to a parallel voted one). Default 1000. */
  readonly missedVote: number;
  /** Cost of one person of room overflow (expected attendance above capacity). Default 1. */
  readonly overflow: number;
}

/** Optional settings that belong to the instance. */
export interface InstanceOptions {
  /** Share of voters expected to attend a session (for the room-overflow estimate). Default 1. */
  readonly turnout?: number;
  /** Objective weights; missing fields take the defaults. */
  readonly weights?: Partial<ObjectiveWeights>;
}

/** A complete scheduling problem: the JSON instance format. */
export interface ScheduleInstance {
  /** Optional name. */
  readonly name?: string;
  readonly slots: readonly SlotInput[];
  readonly rooms: readonly RoomInput[];
  readonly sessions: readonly SessionInput[];
  readonly hosts?: readonly HostInput[];
  readonly votes?: readonly VoteInput[];
  readonly options?: InstanceOptions;
}

/** Placement of one session: start slot and room. */
export interface Assignment {
  readonly session: string;
  /** Start slot id (a multi-slot session also occupies the following slots). */
  readonly slot: string;
  readonly room: string;
}

/** A schedule: one assignment per session. */
export interface Schedule {
  readonly assignments: readonly Assignment[];
}
