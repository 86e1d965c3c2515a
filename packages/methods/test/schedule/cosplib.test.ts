// CoSPLib N2OR (Kheiri, Pylyavskyy, Jacko; MIT): the evaluator recomputes the published objective values of the
// exact-model (20) and extended-model (1) solutions from the solution grids, and the annealing scheduler reaches ≤ 20.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { evaluateCosplib, scheduleCosplib, type CosplibProblem, type CosplibSolution, type CosplibWeights } from '../../src/schedule/cosplib.ts';

const dir = fileURLToPath(new URL('../../../../../shared/reference-cases/scheduling/cosplib_n2or/', import.meta.url));

type Cell = ExcelJS.CellValue;
const text = (v: Cell): string => (v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v ? String(v.result ?? '') : String(v)).trim();
const num = (v: Cell): number => (text(v) === '' ? 0 : Number(text(v)));

async function sheetRows(file: string): Promise<Map<string, Cell[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(dir + file);
  const out = new Map<string, Cell[][]>();
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, i) => {
      rows[i - 1] = (row.values as Cell[]).slice(1);
    });
    out.set(ws.name, rows);
  });
  return out;
}

function table(rows: Cell[][]): Record<string, Record<string, number>> {
  const header = rows[0].map(text);
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows.slice(1)) {
    if (!row || text(row[0]) === '') continue;
    out[text(row[0])] = Object.fromEntries(header.slice(1).map((h, j) => [h, num(row[j + 1])]));
  }
  return out;
}

/** Reads N2OR.xlsx into plain data. `consecutiveTracksWeight` overrides the sheet (see the test below). */
async function readProblem(consecutiveTracksWeight?: number): Promise<{ problem: CosplibProblem; sheetWeights: Record<string, number> }> {
  const book = await sheetRows('N2OR.xlsx');
  const params = book.get('parameters')!;
  const sheetWeights: Record<string, number> = {};
  for (const row of params) if (row && text(row[3]) !== '') sheetWeights[text(row[3])] = num(row[4]);
  const sessionsRows = book.get('sessions')!.slice(1).filter((r) => r && text(r[0]) !== '');
  const sessions = sessionsRows.map((r) => ({ name: text(r[0]), maxTimeslots: num(r[1]) }));
  const rooms = book.get('rooms')!.slice(1).filter((r) => r && text(r[0]) !== '').map((r) => text(r[0]));
  const tracks = book.get('tracks')!.slice(1).filter((r) => r && text(r[0]) !== '').map((r) => ({ name: text(r[0]), chairs: text(r[1]) ? text(r[1]).split(',').map((x) => x.trim()) : [] }));
  const subRows = book.get('submissions')!;
  const header = subRows[0].map(text);
  const col = (name: string) => header.indexOf(name);
  const submissions = subRows.slice(1).filter((r) => r && text(r[0]) !== '').map((r) => ({
    name: text(r[0]),
    track: text(r[col('Track')]),
    requiredTimeslots: num(r[col('Required Timeslots')]),
    presenters: text(r[col('Presenters')]).split(',').map((x) => x.trim()).filter(Boolean),
    attendees: text(r[col('Attendees')]).split(',').map((x) => x.trim()).filter(Boolean),
    sessionPenalty: Object.fromEntries(sessions.map((s) => [s.name, num(r[col(s.name)])])),
    roomPenalty: Object.fromEntries(rooms.map((room) => [room, num(r[col(room)])])),
  }));
  const weights: CosplibWeights = {
    tracksSessions: sheetWeights['Tracks_Sessions|Penalty:'],
    tracksRooms: sheetWeights['Tracks_Rooms|Penalty:'],
    sessionsRooms: sheetWeights['Sessions_Rooms|Penalty:'],
    similarTracks: sheetWeights['Similar Tracks:'],
    roomsPerTrack: sheetWeights['Number of Rooms per Track:'],
    parallelTracks: sheetWeights['Parallel Tracks:'],
    consecutiveTracks: consecutiveTracksWeight ?? sheetWeights['Consecutive Tracks:'],
    submissionsTimezones: sheetWeights['Submissions_Timezones:'],
    submissionsSessions: sheetWeights['Submissions_Sessions|Penalty:'],
    submissionsRooms: sheetWeights['Submissions_Rooms|Penalty:'],
    presentersConflicts: sheetWeights['Presenters Conflicts:'],
    attendeesConflicts: sheetWeights['Attendees Conflicts:'],
    chairsConflicts: sheetWeights['Chairs Conflicts:'],
  };
  const problem: CosplibProblem = {
    sessions, rooms, tracks, submissions, weights,
    trackSessionPenalty: table(book.get('tracks_sessions|penalty')!),
    trackRoomPenalty: table(book.get('tracks_rooms|penalty')!),
    sessionRoomPenalty: table(book.get('sessions_rooms|penalty')!),
    similarTracks: table(book.get('similar tracks')!),
  };
  return { problem, sheetWeights };
}

/** Reads a published solution: the track grid (first block of `sol`) and one row per session time slot. */
async function readSolution(file: string, problem: CosplibProblem): Promise<{ solution: CosplibSolution; published: number }> {
  const book = await sheetRows(file);
  const rows = book.get('sol')!.filter((r) => r && text(r[0]) !== '');
  const header = book.get('sol')![0].map(text);
  const roomCol = problem.rooms.map((room) => header.indexOf(room));
  const names = problem.sessions.map((s) => s.name);
  const trackRows = rows.slice(0, names.length);
  const tracks = names.map((n) => roomCol.map((c) => text(trackRows.find((r) => text(r[0]) === n)![c]) || null));
  const slotRows = rows.slice(names.length);
  const submissions = names.map((n) => {
    const mine = slotRows.filter((r) => text(r[0]) === n);
    return roomCol.map((c) => mine.map((r) => text(r[c]) || null));
  });
  const objText = text(book.get('violations')![1][0]);
  return { solution: { tracks, submissions }, published: Number(/=\s*(\d+)/.exec(objText)![1]) };
}

describe('CoSPLib N2OR', () => {
  it('reads the instance (35 submissions, 8 tracks, 4 sessions, 4 rooms, 36 time slots)', async () => {
    const { problem } = await readProblem();
    expect(problem.submissions).toHaveLength(35);
    expect(problem.tracks).toHaveLength(8);
    expect(problem.sessions.map((s) => s.maxTimeslots)).toEqual([2, 2, 2, 3]);
    expect(problem.submissions.reduce((n, s) => n + s.requiredTimeslots, 0)).toBe(36);
  });

  it('recomputes the published extended-model objective 1 with the sheet weights', async () => {
    const { problem } = await readProblem();
    const { solution, published } = await readSolution('N2OR_Solution_ExtendedModel.xlsx', problem);
    expect(published).toBe(1);
    const e = evaluateCosplib(problem, solution);
    expect(e.invalid).toBe(0);
    expect(e.objective).toBe(1);
    expect(e.criteria.submissionsSessions.items).toEqual([{ label: 'NEW19A3728 - Thu1', penalty: 1 }]);
    expect(e.criteria.attendeesConflicts.total).toBe(0);
  });

  it('recomputes the published exact-model objective 20: two non-consecutive tracks at penalty 10 each', async () => {
    // The published violation report lists "Big Data and AI 10, Optimisation 10"; the instance sheet's
    // "Consecutive Tracks" weight is 1, so the published run used weight 10 for this criterion.
    const { problem, sheetWeights } = await readProblem(10);
    expect(sheetWeights['Consecutive Tracks:']).toBe(1);
    const { solution, published } = await readSolution('N2OR_Solution_ExactModel.xlsx', problem);
    expect(published).toBe(20);
    const e = evaluateCosplib(problem, solution);
    expect(e.invalid).toBe(0);
    expect(e.objective).toBe(20);
    expect(e.criteria.consecutiveTracks.items).toEqual([
      { label: 'Big Data and AI', penalty: 10 },
      { label: 'Optimisation', penalty: 10 },
    ]);
    expect(e.criteria.attendeesConflicts.total).toBe(0);
    // The extended-model solution has no consecutive-track violation, so it stays at 1 under this weight too.
    const ext = await readSolution('N2OR_Solution_ExtendedModel.xlsx', problem);
    expect(evaluateCosplib(problem, ext.solution).objective).toBe(1);
  });

  it('reports structural errors of a broken solution', async () => {
    const { problem } = await readProblem();
    const { solution } = await readSolution('N2OR_Solution_ExtendedModel.xlsx', problem);
    const broken = { submissions: solution.submissions.map((rooms, q) => rooms.map((cell, r) => (q === 0 && r === 0 ? [null, null] : cell))) };
    const e = evaluateCosplib(problem, broken);
    expect(e.invalid).toBeGreaterThanOrEqual(2);
    expect(e.problems.some((p) => p.includes('is not scheduled'))).toBe(true);
  });

  it('the annealing scheduler reaches a valid timetable with objective ≤ 20 (consecutive weight 10)', async () => {
    const { problem } = await readProblem(10);
    const { evaluation } = scheduleCosplib(problem, { seed: 3, iterations: 60000 });
    expect(evaluation.invalid).toBe(0);
    expect(evaluation.objective).toBeLessThanOrEqual(20);
  });
});
