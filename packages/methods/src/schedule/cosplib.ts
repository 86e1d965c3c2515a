/**
 * The conference scheduling model of CoSPLib (Kheiri, Pylyavskyy, Jacko; github.com/ahmedkheiri/CoSPLib):
 * tracks are placed into (session, room) cells, each session has a number of time slots, and the submissions of a
 * track fill the time slots of its cells. This module holds plain data only (no spreadsheet reading): an evaluator
 * with the criteria of CoSPLib's published violation report, and a seeded simulated-annealing scheduler.
 */
import { ScheduleInputError } from './errors.ts';
import { createRng } from '../random.ts';

/** Penalty tables: outer key → inner key → penalty (missing = 0). */
export type PenaltyTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** A submission (talk) of a CoSPLib instance. */
export interface CosplibSubmission {
  readonly name: string;
  readonly track: string;
  /** Consecutive time slots the submission needs (within one session and room). */
  readonly requiredTimeslots: number;
  readonly presenters: readonly string[];
  readonly attendees: readonly string[];
  /** Penalty per session name for scheduling the submission there. */
  readonly sessionPenalty?: Readonly<Record<string, number>>;
  /** Penalty per room name. */
  readonly roomPenalty?: Readonly<Record<string, number>>;
  /** Time-zone penalty per session name. */
  readonly timezonePenalty?: Readonly<Record<string, number>>;
}

/** Weights of the criteria (CoSPLib `parameters` sheet). */
export interface CosplibWeights {
  readonly tracksSessions: number;
  readonly tracksRooms: number;
  readonly sessionsRooms: number;
  readonly similarTracks: number;
  readonly roomsPerTrack: number;
  readonly parallelTracks: number;
  readonly consecutiveTracks: number;
  readonly submissionsTimezones: number;
  readonly submissionsSessions: number;
  readonly submissionsRooms: number;
  readonly presentersConflicts: number;
  readonly attendeesConflicts: number;
  readonly chairsConflicts: number;
}

/** A CoSPLib instance as plain data. */
export interface CosplibProblem {
  /** Sessions in chronological order, with their number of time slots. */
  readonly sessions: readonly { readonly name: string; readonly maxTimeslots: number }[];
  readonly rooms: readonly string[];
  readonly tracks: readonly { readonly name: string; readonly chairs?: readonly string[] }[];
  readonly submissions: readonly CosplibSubmission[];
  readonly trackSessionPenalty?: PenaltyTable;
  readonly trackRoomPenalty?: PenaltyTable;
  readonly sessionRoomPenalty?: PenaltyTable;
  /** Penalty for two tracks in parallel (read in both directions; the larger value counts). */
  readonly similarTracks?: PenaltyTable;
  readonly weights: CosplibWeights;
}

/** A solution: `submissions[session][room][timeslot]` = submission name or null; `tracks[session][room]` optional. */
export interface CosplibSolution {
  readonly tracks?: readonly (readonly (string | null)[])[];
  readonly submissions: readonly (readonly (readonly (string | null)[])[])[];
}

/** One criterion of the evaluation with its weighted items. */
export interface CosplibCriterion {
  readonly total: number;
  readonly items: readonly { readonly label: string; readonly penalty: number }[];
}

/** Evaluation of a CoSPLib solution. */
export interface CosplibEvaluation {
  /** Weighted sum of all criteria. */
  readonly objective: number;
  readonly criteria: Readonly<Record<keyof CosplibWeights, CosplibCriterion>>;
  /** Structural errors (0 for a valid solution): unscheduled submissions, mixed-track cells, split multi-slot submissions, cells over capacity. */
  readonly invalid: number;
  readonly problems: readonly string[];
}

interface Indexed {
  readonly Q: number;
  readonly Rm: number;
  readonly slots: readonly number[];
  readonly trackOfSub: Int32Array;
  readonly duration: Int32Array;
  readonly people: readonly { presenters: Set<string>; attendees: Set<string> }[];
  readonly trackIndex: ReadonlyMap<string, number>;
  readonly subIndex: ReadonlyMap<string, number>;
}

function index(problem: CosplibProblem): Indexed {
  const trackIndex = new Map(problem.tracks.map((t, i) => [t.name, i]));
  const subIndex = new Map<string, number>();
  const trackOfSub = new Int32Array(problem.submissions.length);
  const duration = new Int32Array(problem.submissions.length);
  problem.submissions.forEach((s, i) => {
    if (subIndex.has(s.name)) throw new ScheduleInputError('duplicate-id', `submissions[${i}].name`, `duplicate submission "${s.name}"`);
    subIndex.set(s.name, i);
    const t = trackIndex.get(s.track);
    if (t === undefined) throw new ScheduleInputError('invalid-value', `submissions[${i}].track`, `unknown track "${s.track}"`);
    trackOfSub[i] = t;
    if (!Number.isInteger(s.requiredTimeslots) || s.requiredTimeslots < 1) throw new ScheduleInputError('invalid-value', `submissions[${i}].requiredTimeslots`, 'must be a positive integer');
    duration[i] = s.requiredTimeslots;
  });
  const longest = Math.max(0, ...problem.sessions.map((s) => s.maxTimeslots));
  problem.submissions.forEach((s, i) => {
    if (s.requiredTimeslots > longest) throw new ScheduleInputError('session-longer-than-day', `submissions[${i}].requiredTimeslots`, `submission "${s.name}" needs ${s.requiredTimeslots} slots, the longest session has ${longest}`);
  });
  return {
    Q: problem.sessions.length,
    Rm: problem.rooms.length,
    slots: problem.sessions.map((s) => s.maxTimeslots),
    trackOfSub,
    duration,
    people: problem.submissions.map((s) => ({ presenters: new Set(s.presenters), attendees: new Set(s.attendees) })),
    trackIndex,
    subIndex,
  };
}

const get = (table: PenaltyTable | undefined, a: string, b: string): number => table?.[a]?.[b] ?? 0;

/** Index-based evaluation; `grid[q][r]` lists the submission index per time slot (−1 empty), `trackGrid[q][r]` the track (−1 none). */
function evaluateIndexed(problem: CosplibProblem, ix: Indexed, grid: Int32Array[][], trackGrid: Int32Array[], withItems: boolean): CosplibEvaluation {
  const w = problem.weights;
  const names = Object.keys(w) as (keyof CosplibWeights)[];
  const crit = Object.fromEntries(names.map((k) => [k, { total: 0, items: [] as { label: string; penalty: number }[] }])) as Record<keyof CosplibWeights, { total: number; items: { label: string; penalty: number }[] }>;
  const add = (k: keyof CosplibWeights, label: () => string, raw: number): void => {
    const p = w[k] * raw;
    if (p === 0) return;
    crit[k].total += p;
    if (withItems) crit[k].items.push({ label: label(), penalty: p });
  };
  const sessionName = (q: number) => problem.sessions[q].name;
  const roomName = (r: number) => problem.rooms[r];
  const trackName = (t: number) => problem.tracks[t].name;
  const subName = (i: number) => problem.submissions[i].name;
  const problems: string[] = [];
  const seen = new Int32Array(problem.submissions.length);
  const { Q, Rm } = ix;
  const roomsOfTrack = problem.tracks.map(() => new Set<number>());
  const sessionsOfTrack = problem.tracks.map(() => new Set<number>());
  for (let q = 0; q < Q; q++) {
    for (let r = 0; r < Rm; r++) {
      const t = trackGrid[q][r];
      if (t >= 0) {
        roomsOfTrack[t].add(r);
        sessionsOfTrack[t].add(q);
        add('tracksSessions', () => `${trackName(t)} - ${sessionName(q)}`, get(problem.trackSessionPenalty, trackName(t), sessionName(q)));
        add('tracksRooms', () => `${trackName(t)} - ${roomName(r)}`, get(problem.trackRoomPenalty, trackName(t), roomName(r)));
        add('sessionsRooms', () => `${sessionName(q)} - ${roomName(r)}`, get(problem.sessionRoomPenalty, sessionName(q), roomName(r)));
      }
      const cell = grid[q][r];
      for (let k = 0; k < cell.length; k++) {
        const i = cell[k];
        if (i < 0) continue;
        seen[i]++;
        if (ix.trackOfSub[i] !== t) problems.push(`${subName(i)} (track ${trackName(ix.trackOfSub[i])}) is in a ${t >= 0 ? trackName(t) : 'track-less'} cell ${sessionName(q)}/${roomName(r)}`);
        const sub = problem.submissions[i];
        add('submissionsTimezones', () => `${subName(i)} - ${sessionName(q)}`, sub.timezonePenalty?.[sessionName(q)] ?? 0);
        add('submissionsSessions', () => `${subName(i)} - ${sessionName(q)}`, sub.sessionPenalty?.[sessionName(q)] ?? 0);
        add('submissionsRooms', () => `${subName(i)} - ${roomName(r)}`, sub.roomPenalty?.[roomName(r)] ?? 0);
        if (k === 0 || cell[k - 1] !== i) {
          let run = 0;
          while (k + run < cell.length && cell[k + run] === i) run++;
          if (run !== ix.duration[i]) problems.push(`${subName(i)} needs ${ix.duration[i]} consecutive slots in one cell, has ${run} in ${sessionName(q)}/${roomName(r)}`);
        }
      }
    }
    // Parallel-track, similar-track and conflict criteria within the session.
    const counts = new Map<number, number>();
    for (let r = 0; r < Rm; r++) if (trackGrid[q][r] >= 0) counts.set(trackGrid[q][r], (counts.get(trackGrid[q][r]) ?? 0) + 1);
    for (const [t, c] of counts) if (c > 1) add('parallelTracks', () => `${trackName(t)} - ${sessionName(q)}`, c - 1);
    for (let r1 = 0; r1 < Rm; r1++) {
      for (let r2 = r1 + 1; r2 < Rm; r2++) {
        const a = trackGrid[q][r1];
        const b = trackGrid[q][r2];
        if (a < 0 || b < 0 || a === b) continue;
        const p = Math.max(get(problem.similarTracks, trackName(a), trackName(b)), get(problem.similarTracks, trackName(b), trackName(a)));
        add('similarTracks', () => `${trackName(a)} - ${trackName(b)} - ${sessionName(q)}`, p);
        const chairsA = new Set(problem.tracks[a].chairs ?? []);
        if ((problem.tracks[b].chairs ?? []).some((c) => chairsA.has(c))) add('chairsConflicts', () => `${trackName(a)} - ${trackName(b)} - ${sessionName(q)}`, 1);
      }
    }
    const placed: { i: number; r: number }[] = [];
    for (let r = 0; r < Rm; r++) for (const i of new Set(grid[q][r])) if (i >= 0) placed.push({ i, r });
    for (let x = 0; x < placed.length; x++) {
      for (let y = x + 1; y < placed.length; y++) {
        const A = placed[x];
        const B = placed[y];
        if (A.r === B.r) continue;
        const pa = ix.people[A.i];
        const pb = ix.people[B.i];
        let presenter = false;
        for (const p of pa.presenters) if (pb.presenters.has(p)) presenter = true;
        let attendee = false;
        for (const p of pa.attendees) if (pb.attendees.has(p) || pb.presenters.has(p)) attendee = true;
        for (const p of pb.attendees) if (pa.presenters.has(p)) attendee = true;
        if (presenter) add('presentersConflicts', () => `${subName(A.i)} - ${subName(B.i)}`, 1);
        if (attendee) add('attendeesConflicts', () => `${subName(A.i)} - ${subName(B.i)}`, 1);
      }
    }
  }
  problem.tracks.forEach((_, t) => {
    if (roomsOfTrack[t].size > 1) add('roomsPerTrack', () => trackName(t), roomsOfTrack[t].size - 1);
    const list = [...sessionsOfTrack[t]].sort((a, b) => a - b);
    if (list.length > 1 && list[list.length - 1] - list[0] !== list.length - 1) add('consecutiveTracks', () => trackName(t), 1);
  });
  seen.forEach((n, i) => {
    if (n === 0) problems.push(`${subName(i)} is not scheduled`);
    else if (n !== ix.duration[i]) problems.push(`${subName(i)} occupies ${n} slots, needs ${ix.duration[i]}`);
  });
  const objective = names.reduce((sum, k) => sum + crit[k].total, 0);
  return { objective, criteria: crit, invalid: problems.length, problems };
}

/** Evaluates a solution with CoSPLib's criteria. Throws {@link ScheduleInputError} for unknown names or wrong grid sizes. */
export function evaluateCosplib(problem: CosplibProblem, solution: CosplibSolution): CosplibEvaluation {
  const ix = index(problem);
  if (solution.submissions.length !== ix.Q) throw new ScheduleInputError('invalid-value', 'solution.submissions', `expected ${ix.Q} sessions`);
  const grid = solution.submissions.map((rooms, q) => {
    if (rooms.length !== ix.Rm) throw new ScheduleInputError('invalid-value', `solution.submissions[${q}]`, `expected ${ix.Rm} rooms`);
    return rooms.map((slots, r) => {
      if (slots.length > ix.slots[q]) throw new ScheduleInputError('invalid-value', `solution.submissions[${q}][${r}]`, `session has only ${ix.slots[q]} slots`);
      const cell = new Int32Array(ix.slots[q]).fill(-1);
      slots.forEach((name, k) => {
        if (name === null || name === '') return;
        const i = ix.subIndex.get(name);
        if (i === undefined) throw new ScheduleInputError('unknown-session', `solution.submissions[${q}][${r}][${k}]`, `unknown submission "${name}"`);
        cell[k] = i;
      });
      return cell;
    });
  });
  const trackGrid = grid.map((rooms, q) =>
    Int32Array.from(rooms, (cell, r) => {
      const given = solution.tracks?.[q]?.[r];
      if (given !== undefined && given !== null && given !== '') {
        const t = ix.trackIndex.get(given);
        if (t === undefined) throw new ScheduleInputError('invalid-value', `solution.tracks[${q}][${r}]`, `unknown track "${given}"`);
        return t;
      }
      const first = Array.from(cell).find((i) => i >= 0);
      return first === undefined ? -1 : ix.trackOfSub[first];
    }),
  );
  return evaluateIndexed(problem, ix, grid, trackGrid, true);
}

/** Options of {@link scheduleCosplib}. */
export interface CosplibScheduleOptions {
  readonly seed?: number;
  /** Annealing moves; default 200000. */
  readonly iterations?: number;
}

/**
 * Schedules a CoSPLib instance with seeded simulated annealing. Moves swap equally long blocks of time slots
 * (whole submissions or empty slots) anywhere in the timetable; mixed-track cells and split submissions are
 * penalised above every criterion, so the result is valid whenever the search finds a valid timetable.
 */
export function scheduleCosplib(problem: CosplibProblem, options: CosplibScheduleOptions = {}): { solution: CosplibSolution; evaluation: CosplibEvaluation } {
  const ix = index(problem);
  const rng = createRng(options.seed ?? 1);
  const { Q, Rm } = ix;
  const grid: Int32Array[][] = ix.slots.map((n) => Array.from({ length: Rm }, () => new Int32Array(n).fill(-1)));
  // Greedy start: tracks by size, filling cells session by session.
  const byTrack = problem.tracks.map((_, t) => problem.submissions.map((_, i) => i).filter((i) => ix.trackOfSub[i] === t));
  const used = (cell: Int32Array) => cell.reduce((n, x) => n + (x >= 0 ? 1 : 0), 0);
  const order = byTrack.map((subs, t) => ({ t, size: subs.reduce((n, i) => n + ix.duration[i], 0) })).sort((a, b) => b.size - a.size);
  const cellTrack = ix.slots.map(() => new Int32Array(Rm).fill(-1));
  for (const { t } of order) {
    for (const i of [...byTrack[t]].sort((a, b) => ix.duration[b] - ix.duration[a])) {
      let done = false;
      for (let pass = 0; pass < 2 && !done; pass++) {
        for (let q = 0; q < Q && !done; q++) {
          for (let r = 0; r < Rm && !done; r++) {
            const cell = grid[q][r];
            if (pass === 0 ? cellTrack[q][r] !== t : cellTrack[q][r] !== -1 && cellTrack[q][r] !== t) continue;
            const k = used(cell);
            if (k + ix.duration[i] > cell.length) continue;
            for (let j = 0; j < ix.duration[i]; j++) cell[k + j] = i;
            cellTrack[q][r] = t;
            done = true;
          }
        }
      }
      if (!done) {
        // Any free run of slots (mixed cells are repaired by the annealing).
        for (let q = 0; q < Q && !done; q++) {
          for (let r = 0; r < Rm && !done; r++) {
            const cell = grid[q][r];
            for (let k = 0; k + ix.duration[i] <= cell.length && !done; k++) {
              let free = true;
              for (let j = 0; j < ix.duration[i]; j++) if (cell[k + j] >= 0) free = false;
              if (!free) continue;
              for (let j = 0; j < ix.duration[i]; j++) cell[k + j] = i;
              done = true;
            }
          }
        }
      }
      if (!done) throw new ScheduleInputError('invalid-value', 'submissions', 'the submissions need more time slots than the sessions offer');
    }
  }
  const derive = (): Int32Array[] => grid.map((rooms) => Int32Array.from(rooms, (cell) => {
    const first = Array.from(cell).find((i) => i >= 0);
    return first === undefined ? -1 : ix.trackOfSub[first];
  }));
  // Structural errors cost `big` each during the search (finite, so the annealing can pass through mixed cells);
  // the best state is chosen lexicographically (fewest errors first).
  const big = 30;
  const evaluateNow = () => evaluateIndexed(problem, ix, grid, derive(), false);
  const score = (): number => {
    const e = evaluateNow();
    return e.invalid * big + e.objective;
  };
  // Block swap: a submission's block (or a random single slot) against an equally long block elsewhere.
  const blockOk = (q: number, r: number, k: number, len: number): boolean => {
    const cell = grid[q][r];
    if (k < 0 || k + len > cell.length) return false;
    if (k > 0 && cell[k] >= 0 && cell[k - 1] === cell[k]) return false;
    if (k + len < cell.length && cell[k + len - 1] >= 0 && cell[k + len] === cell[k + len - 1]) return false;
    return true;
  };
  const swap = (a: [number, number, number], b: [number, number, number], len: number): void => {
    const ca = grid[a[0]][a[1]];
    const cb = grid[b[0]][b[1]];
    const tmp = ca.slice(a[2], a[2] + len);
    for (let j = 0; j < len; j++) ca[a[2] + j] = cb[b[2] + j];
    for (let j = 0; j < len; j++) cb[b[2] + j] = tmp[j];
  };
  const positions: [number, number, number][] = [];
  for (let q = 0; q < Q; q++) for (let r = 0; r < Rm; r++) for (let k = 0; k < ix.slots[q]; k++) positions.push([q, r, k]);
  let current = score();
  let bestKey = [evaluateNow().invalid, evaluateNow().objective];
  let bestGrid = grid.map((rooms) => rooms.map((c) => c.slice()));
  const iterations = options.iterations ?? 200000;
  const maxSlots = Math.max(...ix.slots);
  let temperature = 20;
  const alpha = Math.pow(0.02 / temperature, 1 / Math.max(1, iterations));
  for (let it = 0; it < iterations; it++) {
    temperature *= alpha;
    const a = positions[rng.int(positions.length)];
    const ia = grid[a[0]][a[1]][a[2]];
    let start = a[2];
    let len: number;
    if (rng.next() < 0.5) {
      // The block of one submission (or one empty slot).
      if (ia >= 0) while (start > 0 && grid[a[0]][a[1]][start - 1] === ia) start--;
      len = ia >= 0 ? ix.duration[ia] : 1;
    } else {
      // A random run of slots (several whole submissions, e.g. the contents of a whole cell).
      len = 1 + rng.int(maxSlots);
    }
    const b = positions[rng.int(positions.length)];
    const A: [number, number, number] = [a[0], a[1], start];
    const B: [number, number, number] = [b[0], b[1], b[2]];
    if (A[0] === B[0] && A[1] === B[1] && Math.abs(A[2] - B[2]) < len) continue;
    if (!blockOk(A[0], A[1], A[2], len) || !blockOk(B[0], B[1], B[2], len)) continue;
    swap(A, B, len);
    const next = score();
    if (next <= current || rng.next() < Math.exp((current - next) / temperature)) {
      current = next;
      const e = evaluateNow();
      if (e.invalid < bestKey[0] || (e.invalid === bestKey[0] && e.objective < bestKey[1])) {
        bestKey = [e.invalid, e.objective];
        bestGrid = grid.map((rooms) => rooms.map((c) => c.slice()));
      }
    } else swap(A, B, len);
  }
  const solution: CosplibSolution = {
    submissions: bestGrid.map((rooms) => rooms.map((cell) => Array.from(cell, (i) => (i >= 0 ? problem.submissions[i].name : null)))),
  };
  return { solution, evaluation: evaluateCosplib(problem, solution) };
}
