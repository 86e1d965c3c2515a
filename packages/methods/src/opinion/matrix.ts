import { OpinionInputError } from './errors.ts';
import type { Conversation, Statement, Vote, VoteColumns } from './types.ts';

/**
 * The participant × statement vote matrix in sparse row form (CSR), after "latest vote wins".
 * Rows are participants sorted by id, columns are statements sorted by id.
 */
export interface VoteMatrix {
  /** Participant id of each row. */
  readonly participantIds: number[];
  /** Statement id of each column. */
  readonly statementIds: number[];
  /** The statement of each column (undefined when the statement list was not given). */
  readonly statements: (Statement | undefined)[];
  /** Row start offsets into `cols`/`votes`/`firstTime`, length rows + 1. */
  readonly rowPtr: Int32Array;
  /** Column index of each stored cell, ascending within a row. */
  readonly cols: Int32Array;
  /** The latest vote of each cell, export convention (agree = +1). */
  readonly votes: Int8Array;
  /** Time of the first vote on each cell (for the sticky "in conversation" rule). */
  readonly firstTime: Float64Array;
  /** Time of each participant's first vote. */
  readonly participantFirstTime: Float64Array;
  /** 1 for columns that are moderated out or meta (zeroed in the math, as Polis does). */
  readonly moderatedOut: Uint8Array;
  /** 1 for meta statements. */
  readonly meta: Uint8Array;
}

/** Options for building the vote matrix. */
export interface VoteMatrixOptions {
  /** Also leave out statements that were never moderated (moderated = 0). Default false, as Polis' legacy math. */
  excludeUnmoderated?: boolean;
}

function isColumns(v: Vote[] | VoteColumns): v is VoteColumns {
  return !Array.isArray(v);
}

/** Maps arbitrary non-negative integer ids to dense indices; uses a typed table when ids are dense enough. */
class IdIndex {
  private readonly table: Int32Array | undefined;
  private readonly map: Map<number, number> | undefined;
  constructor(sortedIds: number[]) {
    const max = sortedIds.length ? sortedIds[sortedIds.length - 1]! : 0;
    if (max < 4 * sortedIds.length + 4096) {
      this.table = new Int32Array(max + 1).fill(-1);
      sortedIds.forEach((id, i) => (this.table![id] = i));
    } else {
      this.map = new Map(sortedIds.map((id, i) => [id, i]));
    }
  }
  /** The dense lookup table, when ids are dense enough. */
  denseTable(): Int32Array | undefined {
    return this.table;
  }
  get(id: number): number {
    if (this.table) return id >= 0 && id < this.table.length ? this.table[id]! : -1;
    return this.map!.get(id) ?? -1;
  }
}

function checkId(value: number, what: string, index: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new OpinionInputError('votes', `vote #${index + 1}: ${what} must be a non-negative integer, got ${String(value)}`, { field: what });
  }
}

function isIntegerTyped(a: ArrayLike<number>): boolean {
  return a instanceof Int32Array || a instanceof Int16Array || a instanceof Int8Array || a instanceof Uint32Array || a instanceof Uint16Array || a instanceof Uint8Array;
}

/** Checks that every id in a column is a non-negative integer (typed integer arrays: only the sign). */
function checkIdColumn(col: ArrayLike<number>, what: string): void {
  const n = col.length;
  if (isIntegerTyped(col)) {
    for (let i = 0; i < n; i++) if (col[i]! < 0) checkId(col[i]!, what, i);
  } else {
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (!(v >= 0 && Number.isInteger(v))) checkId(v, what, i);
    }
  }
}

function checkVoteColumn(col: ArrayLike<number>): void {
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v !== 1 && v !== -1 && v !== 0) throw new OpinionInputError('votes', `vote #${i + 1}: vote must be 1, 0 or -1, got ${String(v)}`, { field: 'vote' });
  }
}

function uniqueSorted(values: ArrayLike<number>): number[] {
  let max = -1;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max < 4 * values.length + 4096) {
    const present = new Uint8Array(max + 1);
    for (let i = 0; i < values.length; i++) present[values[i]!] = 1;
    const out: number[] = [];
    for (let v = 0; v <= max; v++) if (present[v]) out.push(v);
    return out;
  }
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) seen.add(values[i]!);
  return [...seen].sort((a, b) => a - b);
}

/** Maps ids to indices into `out`; `missing(i)` handles an unknown id (may throw). */
function mapIds(col: ArrayLike<number>, index: IdIndex, out: Int32Array, missing: (i: number) => number): void {
  const table = index.denseTable();
  const n = col.length;
  if (table) {
    for (let i = 0; i < n; i++) {
      const id = col[i]!;
      const v = id < table.length ? table[id]! : -1;
      out[i] = v >= 0 ? v : missing(i);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = index.get(col[i]!);
      out[i] = v >= 0 ? v : missing(i);
    }
  }
}

/** Counting sort of event indices by row (the identity when the events already come grouped by ascending row). */
function bucketByRow(rowOf: Int32Array, nRows: number): { bucketStart: Int32Array; order: Int32Array | null } {
  const n = rowOf.length;
  const bucketStart = new Int32Array(nRows + 1);
  let sorted = true;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const r = rowOf[i]!;
    bucketStart[r + 1]!++;
    if (r < prev) sorted = false;
    prev = r;
  }
  for (let r = 0; r < nRows; r++) bucketStart[r + 1] = bucketStart[r]! + bucketStart[r + 1]!;
  if (sorted) return { bucketStart, order: null };
  const fill = bucketStart.slice(0, nRows);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[rowOf[i]!]!++] = i;
  return { bucketStart, order };
}

/** Keeps the latest event per (row, column) and the time of the first one; columns ascending within a row. */
function collapseRows(
  bucketStart: Int32Array,
  order: Int32Array | null,
  colOf: Int32Array,
  vCol: ArrayLike<number>,
  tCol: ArrayLike<number> | undefined,
  nCols: number,
): { rowPtr: Int32Array; cols: Int32Array; votes: Int8Array; first: Float64Array; participantFirstTime: Float64Array; nnz: number } {
  const nRows = bucketStart.length - 1;
  const n = colOf.length;
  const lastEvent = new Int32Array(nCols).fill(-1);
  const first = new Float64Array(nCols);
  const rowPtr = new Int32Array(nRows + 1);
  const cols = new Int32Array(n);
  const votes = new Int8Array(n);
  const firstOut = new Float64Array(n);
  const participantFirstTime = new Float64Array(nRows);
  const time = tCol ?? null;
  let nnz = 0;
  const rowColsBuf = new Int32Array(nCols);
  for (let r = 0; r < nRows; r++) {
    let nRowCols = 0;
    let pFirst = Infinity;
    for (let q = bucketStart[r]!; q < bucketStart[r + 1]!; q++) {
      const e = order !== null ? order[q]! : q;
      const c = colOf[e]!;
      const t = time !== null ? time[e]! : e;
      if (t < pFirst) pFirst = t;
      const prev = lastEvent[c]!;
      if (prev < 0) {
        rowColsBuf[nRowCols++] = c;
        lastEvent[c] = e;
        first[c] = t;
      } else {
        const tPrev = time !== null ? time[prev]! : prev;
        if (t >= tPrev) lastEvent[c] = e;
        if (t < first[c]!) first[c] = t;
      }
    }
    participantFirstTime[r] = pFirst;
    const rowCols = rowColsBuf.subarray(0, nRowCols).sort();
    for (let k = 0; k < nRowCols; k++) {
      const c = rowCols[k]!;
      cols[nnz] = c;
      votes[nnz] = vCol[lastEvent[c]!]!;
      firstOut[nnz] = first[c]!;
      nnz++;
      lastEvent[c] = -1;
    }
    rowPtr[r + 1] = nnz;
  }
  return { rowPtr, cols, votes, first: firstOut, participantFirstTime, nnz };
}

/**
 * Builds the sparse vote matrix: validates the votes (typed errors name the vote and field), keeps the latest vote
 * per (participant, statement) — later time wins, equal times: later input wins — and marks moderated-out and meta
 * statements. Runs in O(votes + participants + statements).
 */
export function buildVoteMatrix(conversation: Conversation, options: VoteMatrixOptions = {}): VoteMatrix {
  const votesIn = conversation.votes;
  let pCol: ArrayLike<number>;
  let sCol: ArrayLike<number>;
  let vCol: ArrayLike<number>;
  let tCol: ArrayLike<number> | undefined;
  if (isColumns(votesIn)) {
    pCol = votesIn.participant;
    sCol = votesIn.statement;
    vCol = votesIn.vote;
    tCol = votesIn.time;
    const n = pCol.length;
    for (const [name, col] of [['statement', sCol], ['vote', vCol], ['time', tCol]] as const) {
      if (col !== undefined && col.length !== n) {
        throw new OpinionInputError('votes', `column "${name}" has ${col.length} entries, "participant" has ${n}`, { field: name });
      }
    }
  } else {
    const n = votesIn.length;
    const p = new Int32Array(n);
    const s = new Int32Array(n);
    const v = new Int8Array(n);
    let hasTime = false;
    for (let i = 0; i < n; i++) if (votesIn[i]!.time !== undefined) hasTime = true;
    const t = hasTime ? new Float64Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      const e = votesIn[i]!;
      checkId(e.participant, 'participant', i);
      checkId(e.statement, 'statement', i);
      if (e.vote !== 1 && e.vote !== -1 && e.vote !== 0) {
        throw new OpinionInputError('votes', `vote #${i + 1}: vote must be 1, 0 or -1, got ${String(e.vote)}`, { field: 'vote' });
      }
      p[i] = e.participant;
      s[i] = e.statement;
      v[i] = e.vote;
      if (t) {
        if (typeof e.time !== 'number' || !Number.isFinite(e.time)) {
          throw new OpinionInputError('votes', `vote #${i + 1}: time must be a finite number when other votes have one`, { field: 'time' });
        }
        t[i] = e.time;
      }
    }
    pCol = p;
    sCol = s;
    vCol = v;
    tCol = t;
  }
  const n = pCol.length;
  if (isColumns(votesIn)) {
    checkIdColumn(pCol, 'participant');
    checkIdColumn(sCol, 'statement');
    checkVoteColumn(vCol);
    if (tCol) for (let i = 0; i < n; i++) if (!Number.isFinite(tCol[i]!)) throw new OpinionInputError('votes', `vote #${i + 1}: time is not a finite number`, { field: 'time' });
  }

  // Statements (columns).
  let statementIds: number[];
  let statements: (Statement | undefined)[];
  if (conversation.statements) {
    const seen = new Set<number>();
    conversation.statements.forEach((st, i) => {
      if (!Number.isInteger(st.id) || st.id < 0) {
        throw new OpinionInputError('statements', `statement #${i + 1}: id must be a non-negative integer, got ${String(st.id)}`, { field: 'id' });
      }
      if (seen.has(st.id)) throw new OpinionInputError('statements', `statement #${i + 1}: duplicate id ${st.id}`, { field: 'id' });
      seen.add(st.id);
    });
    const sorted = [...conversation.statements].sort((a, b) => a.id - b.id);
    statementIds = sorted.map((s) => s.id);
    statements = sorted;
  } else {
    statementIds = uniqueSorted(sCol);
    statements = statementIds.map(() => undefined);
  }
  const sIndex = new IdIndex(statementIds);
  const participantIds = uniqueSorted(pCol);
  const pIndex = new IdIndex(participantIds);
  const nRows = participantIds.length;
  const nCols = statementIds.length;

  // Bucket vote events by participant (counting sort, stable in input order), then keep the latest vote per cell.
  const rowOf = new Int32Array(n);
  const colOf = new Int32Array(n);
  mapIds(pCol, pIndex, rowOf, () => -1);
  mapIds(sCol, sIndex, colOf, (i) => {
    throw new OpinionInputError('votes', `vote #${i + 1}: unknown statement id ${sCol[i]} (not in the statement list)`, { field: 'statement' });
  });
  const { bucketStart, order } = bucketByRow(rowOf, nRows);
  const cells = collapseRows(bucketStart, order, colOf, vCol, tCol, nCols);
  const { rowPtr, participantFirstTime } = cells;
  const nnz = cells.nnz;
  const colsTmp = cells.cols;
  const votesTmp = cells.votes;
  const firstTmp = cells.first;

  const moderatedOut = new Uint8Array(nCols);
  const meta = new Uint8Array(nCols);
  statements.forEach((st, c) => {
    if (!st) return;
    if (st.isMeta) meta[c] = 1;
    if (st.moderated === -1 || st.isMeta || (options.excludeUnmoderated && st.moderated === 0)) moderatedOut[c] = 1;
  });

  return {
    participantIds,
    statementIds,
    statements,
    rowPtr,
    cols: nnz === colsTmp.length ? colsTmp : colsTmp.slice(0, nnz),
    votes: nnz === votesTmp.length ? votesTmp : votesTmp.slice(0, nnz),
    firstTime: nnz === firstTmp.length ? firstTmp : firstTmp.slice(0, nnz),
    participantFirstTime,
    moderatedOut,
    meta,
  };
}

/**
 * Participant row indices in the order of their first vote (ties: lower id first). This order makes the
 * "first k distinct points" k-means initialisation independent of how ids were assigned.
 */
export function firstVoteOrder(matrix: VoteMatrix): Int32Array {
  const n = matrix.participantIds.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  const t = matrix.participantFirstTime;
  idx.sort((a, b) => t[a]! - t[b]! || a - b);
  return Int32Array.from(idx);
}

/**
 * Participant row indices in the order in which they became eligible for clustering: the time of their k-th voted
 * statement, k = min(minVotes, n_statements) (Polis' "in conversation" threshold). Participants with fewer votes can
 * only be clustered by the top-up rule; they follow, by the time of their last vote. Ties: earlier first vote, then
 * lower row. Polis creates base clusters as participants join the clustering, so this is the order of its base
 * clusters in a conversation that is clustered from the start; it defines the "first k distinct" initialisations.
 */
export function clusteringOrder(matrix: VoteMatrix, minVotes = 7): Int32Array {
  const n = matrix.participantIds.length;
  const k = Math.max(1, Math.min(minVotes, matrix.statementIds.length));
  const join = new Float64Array(n);
  const late = new Uint8Array(n);
  const smallest = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    const from = matrix.rowPtr[r]!;
    const to = matrix.rowPtr[r + 1]!;
    if (to - from < k) {
      late[r] = 1;
      let last = -Infinity;
      for (let q = from; q < to; q++) if (matrix.firstTime[q]! > last) last = matrix.firstTime[q]!;
      join[r] = last;
      continue;
    }
    // k smallest first-vote times of the row (insertion into a sorted buffer of length k).
    let size = 0;
    for (let q = from; q < to; q++) {
      const t = matrix.firstTime[q]!;
      if (size === k && t >= smallest[k - 1]!) continue;
      let i = size < k ? size++ : k - 1;
      while (i > 0 && smallest[i - 1]! > t) {
        smallest[i] = smallest[i - 1]!;
        i--;
      }
      smallest[i] = t;
    }
    join[r] = smallest[k - 1]!;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  const t = matrix.participantFirstTime;
  idx.sort((a, b) => late[a]! - late[b]! || join[a]! - join[b]! || t[a]! - t[b]! || a - b);
  return Int32Array.from(idx);
}
