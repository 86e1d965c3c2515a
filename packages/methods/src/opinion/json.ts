import { OpinionInputError } from './errors.ts';
import type { Statement, Vote } from './types.ts';

/** Parses JSON; a syntax error becomes an {@link OpinionInputError} naming the line. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new OpinionInputError(source, `invalid JSON (${msg})`, line !== undefined ? { line } : {});
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pickNumber(o: Record<string, unknown>, names: string[], source: string, index: number, opts: { integer?: boolean; optional?: boolean } = {}): number | undefined {
  for (const name of names) {
    if (!(name in o) || o[name] === null) continue;
    const raw = o[name];
    const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof v !== 'number' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v))) {
      throw new OpinionInputError(source, `entry #${index + 1}: ${JSON.stringify(raw)} is not ${opts.integer ? 'an integer' : 'a number'}`, { field: name });
    }
    return v;
  }
  if (opts.optional) return undefined;
  throw new OpinionInputError(source, `entry #${index + 1}: missing field (one of ${names.join(', ')})`, { field: names[0]! });
}

function arrayOf(data: unknown, source: string): Record<string, unknown>[] {
  if (!Array.isArray(data)) throw new OpinionInputError(source, 'expected a JSON array');
  return data.map((e, i) => {
    if (!isRecord(e)) throw new OpinionInputError(source, `entry #${i + 1} is not an object`);
    return e;
  });
}

/**
 * Parses a Polis API / red-dwarf `votes.json` (fields `pid`/`participant_id`, `tid`/`statement_id`, `vote` with
 * agree = +1, `modified` as time).
 */
export function parsePolisVotesJson(text: string, source = 'votes.json'): Vote[] {
  return arrayOf(parseJson(text, source), source).map((o, i) => {
    const vote = pickNumber(o, ['vote'], source, i, { integer: true })!;
    if (vote !== 1 && vote !== -1 && vote !== 0) throw new OpinionInputError(source, `entry #${i + 1}: vote ${vote} is not 1, 0 or -1`, { field: 'vote' });
    const v: Vote = {
      participant: pickNumber(o, ['pid', 'participant_id'], source, i, { integer: true })!,
      statement: pickNumber(o, ['tid', 'statement_id'], source, i, { integer: true })!,
      vote,
    };
    const time = pickNumber(o, ['modified', 'created'], source, i, { optional: true });
    if (time !== undefined) v.time = time;
    return v;
  });
}

/** Parses a Polis API / red-dwarf `comments.json` (`tid`/`statement_id`, `txt`, `mod`/`moderated`, `is_meta`, …). */
export function parsePolisCommentsJson(text: string, source = 'comments.json'): Statement[] {
  return arrayOf(parseJson(text, source), source).map((o, i) => {
    const st: Statement = { id: pickNumber(o, ['tid', 'statement_id'], source, i, { integer: true })! };
    if (typeof o['txt'] === 'string') st.text = o['txt'];
    const mod = pickNumber(o, ['mod', 'moderated'], source, i, { integer: true, optional: true });
    if (mod !== undefined) st.moderated = mod;
    if (o['is_meta'] !== undefined && o['is_meta'] !== null) {
      if (typeof o['is_meta'] !== 'boolean') throw new OpinionInputError(source, `entry #${i + 1}: is_meta must be true or false`, { field: 'is_meta' });
      st.isMeta = o['is_meta'];
    }
    const author = pickNumber(o, ['pid', 'participant_id'], source, i, { integer: true, optional: true });
    if (author !== undefined) st.author = author;
    if (typeof o['created'] === 'string' || typeof o['created'] === 'number') {
      const t = typeof o['created'] === 'number' ? o['created'] : Number(o['created']);
      if (Number.isFinite(t)) st.time = t;
      else {
        const d = Date.parse(String(o['created']));
        if (Number.isFinite(d)) st.time = d;
      }
    }
    return st;
  });
}

/** The clustering Polis itself published in `/api/v3/math/pca2` (`math-pca2.json`), in participant ids. */
export interface PolisMathClusters {
  /** Clustered participant ids (`in-conv`). */
  inConv: number[];
  /** Participant ids of each group, in group-id order. */
  groups: number[][];
  /** Group ids as Polis numbers them. */
  groupIds: number[];
}

/** Reads Polis' groups from `math-pca2.json`, resolving group members (base-cluster ids) to participant ids. */
export function parsePolisMathClusters(text: string, source = 'math-pca2.json'): PolisMathClusters {
  const data = parseJson(text, source);
  if (!isRecord(data)) throw new OpinionInputError(source, 'expected a JSON object');
  const base = data['base-clusters'];
  if (!isRecord(base) || !Array.isArray(base['id']) || !Array.isArray(base['members'])) {
    throw new OpinionInputError(source, 'missing "base-clusters" with "id" and "members"', { field: 'base-clusters' });
  }
  const ids = base['id'] as unknown[];
  const members = base['members'] as unknown[];
  if (ids.length !== members.length) throw new OpinionInputError(source, '"id" and "members" differ in length', { field: 'base-clusters' });
  const byId = new Map<number, number[]>();
  ids.forEach((id, i) => {
    const mem = members[i];
    if (typeof id !== 'number' || !Array.isArray(mem) || !mem.every((p) => typeof p === 'number')) {
      throw new OpinionInputError(source, `base cluster #${i + 1} is malformed`, { field: 'base-clusters' });
    }
    byId.set(id, mem as number[]);
  });
  const gc = data['group-clusters'];
  if (!Array.isArray(gc)) throw new OpinionInputError(source, 'missing "group-clusters"', { field: 'group-clusters' });
  const groups: number[][] = [];
  const groupIds: number[] = [];
  gc.forEach((g, i) => {
    if (!isRecord(g) || typeof g['id'] !== 'number' || !Array.isArray(g['members'])) {
      throw new OpinionInputError(source, `group #${i + 1} is malformed`, { field: 'group-clusters' });
    }
    const pids: number[] = [];
    for (const b of g['members'] as unknown[]) {
      const mem = typeof b === 'number' ? byId.get(b) : undefined;
      if (!mem) throw new OpinionInputError(source, `group ${g['id']} refers to unknown base cluster ${String(b)}`, { field: 'group-clusters' });
      pids.push(...mem);
    }
    groups.push(pids.sort((a, b) => a - b));
    groupIds.push(g['id']);
  });
  const ic = data['in-conv'];
  const inConv = Array.isArray(ic) && ic.every((p) => typeof p === 'number') ? (ic as number[]).slice().sort((a, b) => a - b) : groups.flat().sort((a, b) => a - b);
  return { inConv, groups, groupIds };
}
