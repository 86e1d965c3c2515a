import type { VoteMatrix } from './matrix.ts';

/** z threshold of the one-sided 90 % test used throughout Polis' statistics. */
export const Z_90 = 1.2816;

/** Agree, disagree and seen (incl. passes) counts. */
export interface VoteCounts {
  agree: number;
  disagree: number;
  /** Number of votes, passes included. */
  seen: number;
}

/** Counts (A, D, S) per statement over a set of participant rows, from the latest raw votes (not zeroed). */
export function countVotes(m: VoteMatrix, rows: Iterable<number>): { agree: Int32Array; disagree: Int32Array; seen: Int32Array } {
  const n = m.statementIds.length;
  const agree = new Int32Array(n);
  const disagree = new Int32Array(n);
  const seen = new Int32Array(n);
  for (const r of rows) {
    for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) {
      const c = m.cols[q]!;
      const v = m.votes[q]!;
      seen[c]!++;
      if (v > 0) agree[c]!++;
      else if (v < 0) disagree[c]!++;
    }
  }
  return { agree, disagree, seen };
}

/**
 * One pass over the votes: counts per group (`groupOf[row]`, −1 for none), over all participants, and over the rows
 * flagged in `inConv`.
 */
export function tallyVotes(m: VoteMatrix, groupOf: Int32Array, nGroups: number, inConv: Uint8Array): { groups: GroupCounts[]; all: GroupCounts; inConv: GroupCounts } {
  const n = m.statementIds.length;
  const make = (): GroupCounts => ({ agree: new Int32Array(n), disagree: new Int32Array(n), seen: new Int32Array(n) });
  const groups = Array.from({ length: nGroups }, make);
  const all = make();
  const ic = make();
  const nRows = m.participantIds.length;
  for (let r = 0; r < nRows; r++) {
    const g = groupOf[r]!;
    const gc = g >= 0 ? groups[g]! : undefined;
    const inc = inConv[r] === 1;
    for (let q = m.rowPtr[r]!; q < m.rowPtr[r + 1]!; q++) {
      const c = m.cols[q]!;
      const v = m.votes[q]!;
      all.seen[c]!++;
      if (inc) ic.seen[c]!++;
      if (gc) gc.seen[c]!++;
      if (v > 0) {
        all.agree[c]!++;
        if (inc) ic.agree[c]!++;
        if (gc) gc.agree[c]!++;
      } else if (v < 0) {
        all.disagree[c]!++;
        if (inc) ic.disagree[c]!++;
        if (gc) gc.disagree[c]!++;
      }
    }
  }
  return { groups, all, inConv: ic };
}

/** Proportion test of Polis: z = 2√(n+1)·((s+1)/(n+1) − ½). */
export function proportionTest(success: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((success + 1) / (n + 1) - 0.5);
}

/**
 * Two-proportion z test with +1 pseudo-counts on successes and trials of both samples:
 * p_i = (s_i+1)/(n_i+1), pooled p = (s1+s2+2)/(n1+n2+2), z = (p1−p2)/√(p(1−p)(1/(n1+1)+1/(n2+1))).
 * NaN when the pooled proportion is 0 or 1 (such a comparison is never significant).
 */
export function twoProportionTest(s1: number, n1: number, s2: number, n2: number): number {
  const p1 = (s1 + 1) / (n1 + 1);
  const p2 = (s2 + 1) / (n2 + 1);
  const p = (s1 + s2 + 2) / (n1 + n2 + 2);
  return (p1 - p2) / Math.sqrt(p * (1 - p) * (1 / (n1 + 1) + 1 / (n2 + 1)));
}

/** A representative statement of a group. */
export interface RepresentativeStatement {
  statement: number;
  /** Whether the group stands out by agreeing or by disagreeing. */
  direction: 'agree' | 'disagree';
  /** Group members who voted that way (n-success) and who voted at all (n-trials). */
  nSuccess: number;
  nTrials: number;
  /** (n_success+1)/(n_trials+2). */
  pSuccess: number;
  /** Proportion test z of pSuccess against ½. */
  pTest: number;
  /** Ratio of pSuccess to the same proportion among all other groups. */
  repness: number;
  /** Two-proportion z of group vs. other groups. */
  repnessTest: number;
  /** True for the statement forced first as the group's best "agree" statement. */
  bestAgree: boolean;
}

interface DirectionStats {
  s: number;
  n: number;
  p: number;
  pt: number;
  r: number;
  rt: number;
  metric: number;
}

function directionStats(s: number, n: number, sRest: number, nRest: number): DirectionStats {
  const p = (s + 1) / (n + 2);
  const pt = proportionTest(s, n);
  const r = p / ((sRest + 1) / (nRest + 2));
  const rt = twoProportionTest(s, n, sRest, nRest);
  return { s, n, p, pt, r, rt, metric: r * rt * p * pt };
}

/** Per-group counts on every statement. */
export interface GroupCounts {
  agree: Int32Array;
  disagree: Int32Array;
  seen: Int32Array;
}

/**
 * Representative statements of each group (against all *other* groups, as Polis does). For every statement not
 * moderated out: the direction is the one with the larger two-proportion z; the statement qualifies when both its
 * proportion test and its two-proportion test exceed 1.2816 in that direction; qualifying statements are ranked by
 * repness · repness-test · p · p-test. The group's best "agree" statement — the highest agree metric among statements
 * with positive agree tests, significant or not — is forced first. At most `limit` (5), agrees before disagrees.
 */
export function representativeStatements(m: VoteMatrix, groups: GroupCounts[], limit = 5): RepresentativeStatement[][] {
  const nCols = m.statementIds.length;
  const total = { agree: new Int32Array(nCols), disagree: new Int32Array(nCols), seen: new Int32Array(nCols) };
  for (const g of groups) for (let c = 0; c < nCols; c++) {
    total.agree[c] += g.agree[c]!;
    total.disagree[c] += g.disagree[c]!;
    total.seen[c] += g.seen[c]!;
  }
  return groups.map((g) => {
    const candidates: { c: number; dir: 'agree' | 'disagree'; st: DirectionStats }[] = [];
    let best: { c: number; st: DirectionStats } | undefined;
    for (let c = 0; c < nCols; c++) {
      if (m.moderatedOut[c]) continue;
      const n = g.seen[c]!;
      const nRest = total.seen[c]! - n;
      const a = directionStats(g.agree[c]!, n, total.agree[c]! - g.agree[c]!, nRest);
      const d = directionStats(g.disagree[c]!, n, total.disagree[c]! - g.disagree[c]!, nRest);
      const dir = a.rt > d.rt ? 'agree' : 'disagree';
      const st = dir === 'agree' ? a : d;
      if (st.pt > Z_90 && st.rt > Z_90) candidates.push({ c, dir, st });
      if (a.pt > 0 && a.rt > 0 && (!best || a.metric > best.st.metric)) best = { c, st: a };
    }
    candidates.sort((u, v) => v.st.metric - u.st.metric || u.c - v.c);
    const chosen: { c: number; dir: 'agree' | 'disagree'; st: DirectionStats; bestAgree: boolean }[] = [];
    if (best) chosen.push({ c: best.c, dir: 'agree', st: best.st, bestAgree: true });
    for (const cand of candidates) {
      if (chosen.length >= limit) break;
      if (best && cand.c === best.c) continue;
      chosen.push({ ...cand, bestAgree: false });
    }
    const head = chosen.slice(0, 1);
    const tail = chosen.slice(1);
    const ordered = [...head, ...tail.filter((x) => x.dir === 'agree'), ...tail.filter((x) => x.dir === 'disagree')];
    return ordered.map((x) => ({
      statement: m.statementIds[x.c]!,
      direction: x.dir,
      nSuccess: x.st.s,
      nTrials: x.st.n,
      pSuccess: x.st.p,
      pTest: x.st.pt,
      repness: x.st.r,
      repnessTest: x.st.rt,
      bestAgree: x.bestAgree,
    }));
  });
}

/** A consensus statement over all participants. */
export interface ConsensusStatement {
  statement: number;
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
}

/**
 * Consensus statements over all participants: p = (n_success+1)/(n_trials+2) > ½ and proportion test > 1.2816,
 * ranked by p · z, at most `limit` (5) for agree and for disagree. Moderated-out statements are left out.
 */
export function consensusStatements(m: VoteMatrix, all: GroupCounts, limit = 5): { agree: ConsensusStatement[]; disagree: ConsensusStatement[] } {
  const pick = (succ: Int32Array): ConsensusStatement[] => {
    const out: (ConsensusStatement & { key: number })[] = [];
    for (let c = 0; c < succ.length; c++) {
      if (m.moderatedOut[c]) continue;
      const n = all.seen[c]!;
      const s = succ[c]!;
      const p = (s + 1) / (n + 2);
      const z = proportionTest(s, n);
      if (p > 0.5 && z > Z_90) out.push({ statement: m.statementIds[c]!, nSuccess: s, nTrials: n, pSuccess: p, pTest: z, key: p * z });
    }
    out.sort((a, b) => b.key - a.key || a.statement - b.statement);
    return out.slice(0, limit).map(({ key: _key, ...rest }) => rest);
  };
  return { agree: pick(all.agree), disagree: pick(all.disagree) };
}

/** Group-informed consensus of each statement: Π_groups (A_g+1)/(S_g+2) (Polis' definition). */
export function groupInformedConsensus(groups: GroupCounts[], nStatements: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < nStatements; c++) {
    let v = 1;
    for (const g of groups) v *= (g.agree[c]! + 1) / (g.seen[c]! + 2);
    out.push(v);
  }
  return out;
}

/**
 * Statement priority for routing the next statement to a voter (Polis): over the clustered participants,
 * a = (A+1)/(S+2), p = (P+1)/(S+2) with P passes, priority = ((1 − p)(E + 1)·a·(1 + 8·2^(−S/5)))², E = extremity;
 * meta statements get `metaPriority` (49).
 */
export function statementPriorities(m: VoteMatrix, inConv: GroupCounts, extremity: ArrayLike<number>, metaPriority = 49): number[] {
  const out: number[] = [];
  for (let c = 0; c < m.statementIds.length; c++) {
    if (m.meta[c]) {
      out.push(metaPriority);
      continue;
    }
    const s = inConv.seen[c]!;
    const a = (inConv.agree[c]! + 1) / (s + 2);
    const p = (s - inConv.agree[c]! - inConv.disagree[c]! + 1) / (s + 2);
    const v = (1 - p) * (extremity[c]! + 1) * a * (1 + 8 * Math.pow(2, -s / 5));
    out.push(v * v);
  }
  return out;
}
