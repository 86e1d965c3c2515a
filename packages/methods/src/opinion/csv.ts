import { OpinionInputError } from './errors.ts';
import { buildVoteMatrix } from './matrix.ts';
import type { OpinionMap } from './analyze.ts';
import type { Conversation, Statement, Vote } from './types.ts';

/** One parsed CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV parser (quoted fields, doubled quotes, line breaks inside quotes, CRLF, BOM).
 * Throws {@link OpinionInputError} naming the line for an unterminated quote.
 */
export function parseCsv(text: string, source = 'csv'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    for (;;) {
      if (i < n && text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new OpinionInputError(source, 'unterminated quoted field', { line: quoteLine });
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          cell += text[i]!;
          i++;
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          cell += text[i]!;
          i++;
        }
      }
      cells.push(cell);
      cell = '';
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      if (i < n && text[i] === '\r') i++;
      if (i < n && text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: startLine, cells });
  }
  return records;
}

/** Quotes a CSV cell when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface Table {
  source: string;
  header: string[];
  rows: CsvRecord[];
  col(name: string, required: true): number;
  col(name: string, required: false): number | undefined;
}

function table(text: string, source: string, required: string[]): Table {
  const records = parseCsv(text, source);
  if (records.length === 0) throw new OpinionInputError(source, 'the file is empty (no header line)', { line: 1 });
  const header = records[0]!.cells.map((h) => h.trim());
  for (const r of required) {
    if (!header.includes(r)) throw new OpinionInputError(source, `missing column "${r}" in the header`, { line: records[0]!.line, field: r });
  }
  const rows = records.slice(1);
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new OpinionInputError(source, `expected ${header.length} fields, found ${row.cells.length}`, { line: row.line });
    }
  }
  const col = ((name: string, req: boolean) => {
    const i = header.indexOf(name);
    if (i < 0 && req) throw new OpinionInputError(source, `missing column "${name}"`, { field: name });
    return i < 0 ? undefined : i;
  }) as Table['col'];
  return { source, header, rows, col };
}

function intCell(t: Table, row: CsvRecord, field: string, opts: { min?: number; allowed?: number[]; optional?: boolean } = {}): number | undefined {
  const i = t.header.indexOf(field);
  const raw = (i < 0 ? '' : row.cells[i]!).trim();
  if (raw === '' && opts.optional) return undefined;
  const v = Number(raw);
  if (raw === '' || !Number.isInteger(v)) throw new OpinionInputError(t.source, `"${raw}" is not an integer`, { line: row.line, field });
  if (opts.min !== undefined && v < opts.min) throw new OpinionInputError(t.source, `${v} is below ${opts.min}`, { line: row.line, field });
  if (opts.allowed && !opts.allowed.includes(v)) throw new OpinionInputError(t.source, `${v} is not one of ${opts.allowed.join(', ')}`, { line: row.line, field });
  return v;
}

/** Parses Polis' `votes.csv` (`timestamp,datetime,comment-id,voter-id,vote`; agree = +1). */
export function parsePolisVotesCsv(text: string, source = 'votes.csv'): Vote[] {
  const t = table(text, source, ['comment-id', 'voter-id', 'vote']);
  const hasTime = t.header.includes('timestamp');
  return t.rows.map((row) => {
    const v: Vote = {
      participant: intCell(t, row, 'voter-id', { min: 0 })!,
      statement: intCell(t, row, 'comment-id', { min: 0 })!,
      vote: intCell(t, row, 'vote', { allowed: [-1, 0, 1] })!,
    };
    if (hasTime) {
      const raw = row.cells[t.col('timestamp', true)]!.trim();
      const time = Number(raw);
      if (raw === '' || !Number.isFinite(time)) throw new OpinionInputError(source, `"${raw}" is not a number`, { line: row.line, field: 'timestamp' });
      v.time = time;
    }
    return v;
  });
}

/**
 * Parses Polis' `comments.csv` (`timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body`;
 * an optional `is-meta` column is read when present).
 */
export function parsePolisCommentsCsv(text: string, source = 'comments.csv'): Statement[] {
  const t = table(text, source, ['comment-id', 'comment-body']);
  const seen = new Set<number>();
  return t.rows.map((row) => {
    const id = intCell(t, row, 'comment-id', { min: 0 })!;
    if (seen.has(id)) throw new OpinionInputError(source, `duplicate comment-id ${id}`, { line: row.line, field: 'comment-id' });
    seen.add(id);
    const st: Statement = { id, text: row.cells[t.col('comment-body', true)]! };
    const mod = intCell(t, row, 'moderated', { allowed: [-1, 0, 1], optional: true });
    if (mod !== undefined) st.moderated = mod;
    const author = intCell(t, row, 'author-id', { optional: true });
    if (author !== undefined) st.author = author;
    const ts = t.col('timestamp', false);
    if (ts !== undefined && row.cells[ts]!.trim() !== '') {
      const time = Number(row.cells[ts]!.trim());
      if (!Number.isFinite(time)) throw new OpinionInputError(source, `"${row.cells[ts]}" is not a number`, { line: row.line, field: 'timestamp' });
      st.time = time;
    }
    const meta = t.col('is-meta', false);
    if (meta !== undefined) {
      const raw = row.cells[meta]!.trim().toLowerCase();
      if (!['', '0', '1', 'true', 'false'].includes(raw)) throw new OpinionInputError(source, `"${raw}" is not a boolean`, { line: row.line, field: 'is-meta' });
      st.isMeta = raw === '1' || raw === 'true';
    }
    return st;
  });
}

/** A row of Polis' `participants-votes.csv`. */
export interface PolisParticipantRow {
  participant: number;
  /** Group id, or null when the participant was not clustered. */
  groupId: number | null;
  nComments: number;
  nVotes: number;
  nAgree: number;
  nDisagree: number;
}

/**
 * Parses Polis' `participants-votes.csv` (`participant,group-id,n-comments,n-votes,n-agree,n-disagree,<comment ids>`):
 * the participant summary rows and the vote matrix as votes (without times; cells 1, −1, 0 or empty).
 */
export function parsePolisParticipantsVotesCsv(text: string, source = 'participants-votes.csv'): { participants: PolisParticipantRow[]; votes: Vote[]; statements: number[] } {
  const fixed = ['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree'];
  const t = table(text, source, fixed);
  const statementCols: { col: number; id: number }[] = [];
  t.header.forEach((h, col) => {
    if (fixed.includes(h) || h === 'xid') return;
    const id = Number(h);
    if (!Number.isInteger(id) || id < 0) throw new OpinionInputError(source, `column "${h}" is neither a known column nor a comment id`, { line: t.rows.length ? 1 : 1, field: h });
    statementCols.push({ col, id });
  });
  const votes: Vote[] = [];
  const participants = t.rows.map((row) => {
    const participant = intCell(t, row, 'participant', { min: 0 })!;
    const g = intCell(t, row, 'group-id', { min: 0, optional: true });
    for (const sc of statementCols) {
      const raw = row.cells[sc.col]!.trim();
      if (raw === '') continue;
      const v = Number(raw);
      if (v !== 1 && v !== -1 && v !== 0) throw new OpinionInputError(source, `vote "${raw}" is not 1, 0 or -1`, { line: row.line, field: t.header[sc.col]! });
      votes.push({ participant, statement: sc.id, vote: v });
    }
    return {
      participant,
      groupId: g ?? null,
      nComments: intCell(t, row, 'n-comments', { min: 0, optional: true }) ?? 0,
      nVotes: intCell(t, row, 'n-votes', { min: 0, optional: true }) ?? 0,
      nAgree: intCell(t, row, 'n-agree', { min: 0, optional: true }) ?? 0,
      nDisagree: intCell(t, row, 'n-disagree', { min: 0, optional: true }) ?? 0,
    };
  });
  return { participants, votes, statements: statementCols.map((s) => s.id) };
}

/** The files of a Polis open-data export (any subset; at least votes or participants-votes). */
export interface PolisExportFiles {
  'votes.csv'?: string;
  'comments.csv'?: string;
  'participants-votes.csv'?: string;
}

/**
 * Reads a Polis export into a conversation. The vote history (`votes.csv`) is preferred; without it the matrix of
 * `participants-votes.csv` is used (no times). Also returns Polis' group labels from `participants-votes.csv`.
 */
export function importPolisExport(files: PolisExportFiles): { conversation: Conversation; polisGroups: Map<number, number> | undefined } {
  let votes: Vote[];
  let polisGroups: Map<number, number> | undefined;
  let matrixStatements: number[] = [];
  if (files['participants-votes.csv'] !== undefined) {
    const pv = parsePolisParticipantsVotesCsv(files['participants-votes.csv']);
    polisGroups = new Map();
    for (const p of pv.participants) if (p.groupId !== null) polisGroups.set(p.participant, p.groupId);
    votes = pv.votes;
    matrixStatements = pv.statements;
  } else {
    votes = [];
  }
  if (files['votes.csv'] !== undefined) votes = parsePolisVotesCsv(files['votes.csv']);
  else if (files['participants-votes.csv'] === undefined) {
    throw new OpinionInputError('polis export', 'needs votes.csv or participants-votes.csv');
  }
  let statements: Statement[] | undefined;
  if (files['comments.csv'] !== undefined) {
    statements = parsePolisCommentsCsv(files['comments.csv']);
    const known = new Set(statements.map((s) => s.id));
    for (const id of matrixStatements) if (!known.has(id)) statements.push({ id });
  }
  const conversation: Conversation = statements ? { statements, votes } : { votes };
  return { conversation, polisGroups };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Polis' `datetime` column for a timestamp in seconds, always in UTC (deterministic). */
export function polisDatetime(seconds: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return '';
  const p = (v: number) => String(v).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`;
}

function voteList(conversation: Conversation): Vote[] {
  const v = conversation.votes;
  if (Array.isArray(v)) return v;
  const out: Vote[] = [];
  for (let i = 0; i < v.participant.length; i++) {
    const e: Vote = { participant: v.participant[i]!, statement: v.statement[i]!, vote: v.vote[i]! };
    if (v.time) e.time = v.time[i]!;
    out.push(e);
  }
  return out;
}

/**
 * Writes Polis' `votes.csv`: every vote event, ordered by time. Times are written as given (Polis uses seconds; times
 * above 10¹¹ are taken as milliseconds for the `datetime` column only, so the vote order survives a round trip);
 * without times the input position is used.
 */
export function exportPolisVotesCsv(conversation: Conversation): string {
  const events = voteList(conversation).map((v, i) => ({ v, t: v.time ?? i, i }));
  events.sort((a, b) => a.t - b.t || a.i - b.i);
  const lines = ['timestamp,datetime,comment-id,voter-id,vote'];
  for (const { v, t } of events) lines.push(`${t},${csvCell(polisDatetime(t > 1e11 ? t / 1000 : t))},${v.statement},${v.participant},${v.vote}`);
  return `${lines.join('\n')}\n`;
}

/** Writes Polis' `comments.csv` with agree/disagree counts from the latest votes, plus an `is-meta` column. */
export function exportPolisCommentsCsv(conversation: Conversation): string {
  const m = buildVoteMatrix(conversation);
  const agrees = new Int32Array(m.statementIds.length);
  const disagrees = new Int32Array(m.statementIds.length);
  for (let q = 0; q < m.cols.length; q++) {
    if (m.votes[q]! > 0) agrees[m.cols[q]!]!++;
    else if (m.votes[q]! < 0) disagrees[m.cols[q]!]!++;
  }
  const lines = ['timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,is-meta'];
  m.statementIds.forEach((id, c) => {
    const st = m.statements[c];
    const t = st?.time;
    lines.push([
      t ?? '',
      t !== undefined ? csvCell(polisDatetime(t > 1e11 ? t / 1000 : t)) : '',
      id,
      st?.author ?? '',
      agrees[c],
      disagrees[c],
      st?.moderated ?? 1,
      csvCell(st?.text ?? ''),
      st?.isMeta ? 1 : 0,
    ].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Writes Polis' `participants-votes.csv`: one row per participant with the group of the opinion map (empty when not
 * clustered), counts, and the latest vote on every statement (empty when not voted).
 */
export function exportPolisParticipantsVotesCsv(conversation: Conversation, map?: OpinionMap): string {
  const m = buildVoteMatrix(conversation);
  const group = new Map<number, number>();
  if (map) for (const g of map.groups) for (const p of g.members) group.set(p, g.id);
  const authored = new Map<number, number>();
  for (const st of conversation.statements ?? []) if (st.author !== undefined) authored.set(st.author, (authored.get(st.author) ?? 0) + 1);
  const lines = [['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', ...m.statementIds].join(',')];
  const cells: string[] = new Array(m.statementIds.length);
  m.participantIds.forEach((pid, r) => {
    cells.fill('');
    let agree = 0;
    let disagree = 0;
    for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) {
      const v = m.votes[q]!;
      cells[m.cols[q]!] = String(v);
      if (v > 0) agree++;
      else if (v < 0) disagree++;
    }
    lines.push([pid, group.get(pid) ?? '', authored.get(pid) ?? 0, m.rowPtr[r + 1]! - m.rowPtr[r]!, agree, disagree, ...cells].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** Writes all three Polis export files. */
export function exportPolis(conversation: Conversation, map?: OpinionMap): Required<PolisExportFiles> {
  return {
    'votes.csv': exportPolisVotesCsv(conversation),
    'comments.csv': exportPolisCommentsCsv(conversation),
    'participants-votes.csv': exportPolisParticipantsVotesCsv(conversation, map),
  };
}
