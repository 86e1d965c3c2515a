import {
  firstDistinct,
  kMeansPlusPlus,
  selectInConv,
  silhouette,
  weightedKMeans,
  type InConvOptions,
  type KMeansResult,
  type WeightedPoints,
} from './cluster.ts';
import { OpinionInputError } from './errors.ts';
import { buildVoteMatrix, clusteringOrder, type VoteMatrix } from './matrix.ts';
import { centreMatrix, powerIterationPca, projectParticipants, statementProjection } from './pca.ts';
import { createRng } from '../random.ts';
import {
  consensusStatements,
  groupInformedConsensus,
  tallyVotes,
  representativeStatements,
  statementPriorities,
  type ConsensusStatement,
  type GroupCounts,
  type RepresentativeStatement,
} from './stats.ts';
import type { Conversation } from './types.ts';

/** Options of {@link analyzeOpinions}. Every field is optional; defaults follow Polis. */
export interface OpinionMapOptions {
  /** Seed for every random choice (PCA start vector, k-means++ restarts). Default 1. */
  seed?: number;
  /** Smallest number of groups tried. Default 2. */
  kMin?: number;
  /** Largest number of groups tried (also capped by 2 + ⌊base clusters / 12⌋ as in Polis). Default 5. */
  kMax?: number;
  /** Number of base clusters (first-stage k-means). Default 100. */
  baseClusters?: number;
  /**
   * Initialisation of the group k-means without a warm start: `first-distinct` (default, Polis' rule: the first k
   * distinct base clusters, base clusters ordered by the time their participants became eligible for clustering —
   * reproduces Polis' groups on both reference conversations, but can stick in a poor local optimum) or `restarts`
   * (the first k distinct base clusters plus `restarts` seeded k-means++ runs; the partition with the highest mean
   * silhouette wins — the same criterion that chooses k; more robust on planted data, further from Polis).
   */
  groupInit?: 'first-distinct' | 'restarts';
  /** Number of k-means++ restarts for `groupInit: 'restarts'`. Default 20. */
  restarts?: number;
  /** A new number of groups is adopted only after winning this many consecutive updates (warm start). Default 4. */
  kSmoothing?: number;
  /** Maximum Lloyd iterations for base and group k-means. Default 100. */
  maxKMeansIterations?: number;
  /** Who is clustered. */
  inConv?: InConvOptions;
  /** Power iteration settings. */
  pca?: { tolerance?: number; maxIterations?: number };
  /** Also zero statements that were never moderated (strict moderation). Default false (Polis' legacy math). */
  excludeUnmoderated?: boolean;
  /** Representative statements per group. Default 5. */
  representativeLimit?: number;
  /** Consensus statements per direction. Default 5. */
  consensusLimit?: number;
  /** Routing priority of meta statements. Default 49. */
  metaPriority?: number;
  /** Warm start from the state of a previous result (incremental update as new votes arrive). */
  previous?: OpinionMapState;
  /**
   * Fixed clustering instead of computing one, e.g. Polis' own groups: participant ids per group and the clustered
   * participants (default: the union of the groups). Everything downstream is then computed from these.
   */
  clusters?: { inConv?: number[]; groups: number[][] };
}

/** What an incremental update needs from the previous result. Plain JSON. */
export interface OpinionMapState {
  /** Statement ids the components refer to. */
  statements: number[];
  /** Previous principal components (start vectors and sign reference). */
  comps: [number[], number[]];
  /** Participant ids that were clustered (membership is sticky). */
  inConv: number[];
  /** Previous base-cluster centres. */
  baseCenters: { x: number[]; y: number[] };
  /** Previous group centres for every k tried. */
  groupCenters: Record<string, { x: number[]; y: number[] }>;
  /** The number of groups in use, and a challenger with its winning streak (k smoothing). */
  k: number;
  kCandidate: number | null;
  kStreak: number;
}

/** A base cluster (first-stage k-means; with ≤ 100 participants one per distinct position). */
export interface BaseCluster {
  id: number;
  members: number[];
  x: number;
  y: number;
}

/** An opinion group. */
export interface OpinionGroup {
  id: number;
  /** Participant ids. */
  members: number[];
  /** Base-cluster ids. */
  baseClusters: number[];
  /** Weighted centre of the group's base clusters. */
  center: [number, number];
}

/** The opinion map of a conversation. Arrays named after statements are aligned with `statements`. */
export interface OpinionMap {
  /** Participant ids (rows), ascending. */
  participants: number[];
  /** Statement ids (columns), ascending. */
  statements: number[];
  /** Statements left out of the math (moderated out or meta). */
  moderatedOut: number[];
  /** Meta statements. */
  meta: number[];
  /** Votes per participant (latest vote per statement), aligned with `participants`. */
  voteCounts: number[];
  /** PCA in Polis' internal sign convention (agree = −1). */
  pca: {
    center: number[];
    comps: [number[], number[]];
    statementProjection: [number[], number[]];
    extremity: number[];
    iterations: [number, number];
  };
  /** Position of every participant on the map, aligned with `participants`. */
  projection: { x: number[]; y: number[] };
  /** Clustered participant ids, ascending. */
  inConv: number[];
  baseClusters: BaseCluster[];
  groups: OpinionGroup[];
  /** Number of groups. */
  k: number;
  /** Mean silhouette for every k tried (empty when groups were given). */
  silhouette: { k: number; value: number }[];
  /** Per group: agree, disagree and seen counts of every statement. */
  groupVotes: { agree: number[]; disagree: number[]; seen: number[] }[];
  /** Representative statements per group (same order as `groups`). */
  representative: RepresentativeStatement[][];
  consensus: { agree: ConsensusStatement[]; disagree: ConsensusStatement[] };
  /** Group-informed consensus of every statement. */
  groupInformedConsensus: number[];
  /** Routing priority of every statement. */
  priorities: number[];
  /** State for the next incremental update. */
  state: OpinionMapState;
}

function checkOptions(o: OpinionMapOptions): void {
  const int = (name: keyof OpinionMapOptions, min: number) => {
    const v = o[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min)) {
      throw new OpinionInputError(`options.${name}`, `must be an integer ≥ ${min}, got ${String(v)}`);
    }
  };
  int('kMin', 1);
  int('kMax', 1);
  int('baseClusters', 1);
  int('restarts', 0);
  int('kSmoothing', 1);
  int('maxKMeansIterations', 1);
  int('representativeLimit', 0);
  int('consensusLimit', 0);
  if (o.kMin !== undefined && o.kMax !== undefined && o.kMin > o.kMax) {
    throw new OpinionInputError('options.kMin', `kMin (${o.kMin}) is larger than kMax (${o.kMax})`);
  }
  const prev = o.previous;
  if (prev !== undefined) {
    const isNums = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    const bad = (field: string, why: string) => new OpinionInputError('options.previous', why, { field });
    if (!isNums(prev.statements)) throw bad('statements', 'must be an array of statement ids');
    if (!Array.isArray(prev.comps) || prev.comps.length !== 2 || !prev.comps.every((c) => isNums(c) && c.length === prev.statements.length)) {
      throw bad('comps', 'must be two arrays as long as "statements"');
    }
    if (!isNums(prev.inConv)) throw bad('inConv', 'must be an array of participant ids');
    if (!prev.baseCenters || !isNums(prev.baseCenters.x) || !isNums(prev.baseCenters.y) || prev.baseCenters.x.length !== prev.baseCenters.y.length) {
      throw bad('baseCenters', 'must hold equally long arrays x and y');
    }
    if (typeof prev.groupCenters !== 'object' || prev.groupCenters === null) throw bad('groupCenters', 'must be an object');
    for (const [k, c] of Object.entries(prev.groupCenters)) {
      if (!c || !isNums(c.x) || !isNums(c.y) || c.x.length !== c.y.length) throw bad(`groupCenters.${k}`, 'must hold equally long arrays x and y');
    }
    if (!Number.isInteger(prev.k) || prev.k < 0) throw bad('k', 'must be a non-negative integer');
    if (!Number.isInteger(prev.kStreak) || prev.kStreak < 0) throw bad('kStreak', 'must be a non-negative integer');
    if (prev.kCandidate !== null && !Number.isInteger(prev.kCandidate)) throw bad('kCandidate', 'must be an integer or null');
  }
  if (o.groupInit !== undefined && o.groupInit !== 'first-distinct' && o.groupInit !== 'restarts') {
    throw new OpinionInputError('options.groupInit', `must be "first-distinct" or "restarts", got ${String(o.groupInit)}`);
  }
}

/** Base clusters: one per distinct position when there are at most `baseK`, else k-means with k = baseK. */
function baseClustering(
  points: { x: Float64Array; y: Float64Array },
  rows: number[],
  baseK: number,
  previous: { x: number[]; y: number[] } | undefined,
  maxIter: number,
): { labels: Int32Array; cx: Float64Array; cy: Float64Array } {
  const n = rows.length;
  const p: WeightedPoints = { x: points.x, y: points.y, w: new Float64Array(n).fill(1) };
  const distinct = firstDistinct(p, baseK + 1);
  if (distinct.cx.length <= baseK) {
    const key = new Map<string, number>();
    distinct.cx.forEach((x, i) => key.set(`${x},${distinct.cy[i]}`, i));
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = key.get(`${points.x[i]},${points.y[i]}`)!;
    return { labels, cx: Float64Array.from(distinct.cx), cy: Float64Array.from(distinct.cy) };
  }
  let init = firstDistinct(p, baseK);
  if (previous && previous.x.length > 0) {
    const cx = previous.x.slice(0, baseK);
    const cy = previous.y.slice(0, baseK);
    for (let i = 0; i < init.cx.length && cx.length < baseK; i++) {
      cx.push(init.cx[i]!);
      cy.push(init.cy[i]!);
    }
    init = { cx, cy };
  }
  const res = weightedKMeans(p, init, maxIter, 0.01);
  // Drop empty base clusters, keeping the order.
  const used = new Int32Array(res.cx.length).fill(-1);
  const cx: number[] = [];
  const cy: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = res.labels[i]!;
    if (used[l] === -1) used[l] = -2;
  }
  for (let c = 0; c < res.cx.length; c++) if (used[c] === -2) {
    used[c] = cx.length;
    cx.push(res.cx[c]!);
    cy.push(res.cy[c]!);
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = used[res.labels[i]!]!;
  return { labels, cx: Float64Array.from(cx), cy: Float64Array.from(cy) };
}

/**
 * Computes the opinion map of a conversation: vote matrix, PCA, projections, extremity, clustered participants,
 * base clusters, groups (k chosen by silhouette), representative statements, consensus, group-informed consensus
 * and routing priorities. Deterministic for a given `seed`; pass `previous: result.state` for an incremental update.
 */
export function analyzeOpinions(conversation: Conversation, options: OpinionMapOptions = {}): OpinionMap {
  checkOptions(options);
  const matrix = buildVoteMatrix(conversation, { excludeUnmoderated: options.excludeUnmoderated ?? false });
  return analyzeMatrix(matrix, options);
}

/** As {@link analyzeOpinions}, on an already built vote matrix. */
export function analyzeMatrix(m: VoteMatrix, options: OpinionMapOptions = {}): OpinionMap {
  checkOptions(options);
  const seed = options.seed ?? 1;
  const nRows = m.participantIds.length;
  const nCols = m.statementIds.length;
  const prev = options.previous;
  const rowOf = new Map<number, number>();
  m.participantIds.forEach((id, r) => rowOf.set(id, r));

  // PCA (warm start: previous components mapped by statement id).
  const centred = centreMatrix(m);
  let start: [number[], number[]] | undefined;
  if (prev) {
    const colOf = new Map(prev.statements.map((id, i) => [id, i]));
    start = [0, 1].map((k) => m.statementIds.map((id) => {
      const i = colOf.get(id);
      return i === undefined ? 0 : prev.comps[k]![i]!;
    })) as [number[], number[]];
  }
  const pca = powerIterationPca(m, centred, { ...options.pca, seed, ...(start ? { start } : {}) });
  const proj = projectParticipants(m, centred, pca.comps);
  const sp = statementProjection(pca.center, pca.comps);

  // Clustered participants.
  let inConvRows: number[];
  let groupRows: number[][];
  let baseClusters: BaseCluster[] = [];
  let groupBase: number[][] = [];
  let groupCenters: [number, number][] = [];
  const silhouettes: { k: number; value: number }[] = [];
  const state: OpinionMapState = {
    statements: m.statementIds.slice(),
    comps: [pca.comps[0].slice(), pca.comps[1].slice()],
    inConv: [],
    baseCenters: { x: [], y: [] },
    groupCenters: {},
    k: 0,
    kCandidate: null,
    kStreak: 0,
  };
  const toRow = (id: number, field: string): number => {
    const r = rowOf.get(id);
    if (r === undefined) throw new OpinionInputError(`options.clusters.${field}`, `participant ${id} has no votes in this conversation`);
    return r;
  };

  if (options.clusters) {
    groupRows = options.clusters.groups.map((g) => g.map((id) => toRow(id, 'groups')));
    inConvRows = options.clusters.inConv ? options.clusters.inConv.map((id) => toRow(id, 'inConv')) : groupRows.flat();
    inConvRows = [...new Set(inConvRows)].sort((a, b) => a - b);
    const inSet = new Set(inConvRows);
    for (const r of groupRows.flat()) {
      if (!inSet.has(r)) throw new OpinionInputError('options.clusters.groups', `participant ${m.participantIds[r]} is in a group but not clustered`);
    }
    let id = 0;
    groupBase = groupRows.map((g) => g.map((r) => {
      baseClusters.push({ id, members: [m.participantIds[r]!], x: proj.x[r]!, y: proj.y[r]! });
      return id++;
    }));
    groupCenters = groupRows.map((g) => {
      let sx = 0;
      let sy = 0;
      for (const r of g) {
        sx += proj.x[r]!;
        sy += proj.y[r]!;
      }
      return [g.length ? sx / g.length : 0, g.length ? sy / g.length : 0];
    });
    state.k = groupRows.length;
  } else {
    const prevRows = prev ? prev.inConv.map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined) : [];
    inConvRows = selectInConv(m, options.inConv, prevRows);
    // Order the clustered participants by the time they became eligible for clustering (defines the "first k
    // distinct" initialisations, as Polis' base-cluster ids do).
    const order = clusteringOrder(m, options.inConv?.minVotes ?? 7);
    const inSet = new Uint8Array(nRows);
    for (const r of inConvRows) inSet[r] = 1;
    const ordered = Array.from(order).filter((r) => inSet[r]);
    const px = Float64Array.from(ordered, (r) => proj.x[r]!);
    const py = Float64Array.from(ordered, (r) => proj.y[r]!);
    const maxIter = options.maxKMeansIterations ?? 100;
    const base = baseClustering({ x: px, y: py }, ordered, options.baseClusters ?? 100, prev?.baseCenters, maxIter);
    const nBase = base.cx.length;
    const members: number[][] = Array.from({ length: nBase }, () => []);
    ordered.forEach((r, i) => members[base.labels[i]!]!.push(r));
    baseClusters = members.map((rows, id) => ({ id, members: rows.map((r) => m.participantIds[r]!).sort((a, b) => a - b), x: base.cx[id]!, y: base.cy[id]! }));
    state.baseCenters = { x: Array.from(base.cx), y: Array.from(base.cy) };

    const bp: WeightedPoints = { x: base.cx, y: base.cy, w: Float64Array.from(members, (rows) => rows.length) };
    const kMin = options.kMin ?? 2;
    const kMax = options.kMax ?? 5;
    const kHi = Math.min(nBase - 1, Math.max(kMin, Math.min(kMax, 2 + Math.floor(nBase / 12))));
    const rnd = createRng(seed ^ 0x5bd1e995);
    const runs = new Map<number, KMeansResult>();
    for (let k = kMin; k <= kHi; k++) {
      const candidates: KMeansResult[] = [];
      const warm = prev?.groupCenters[String(k)];
      if (warm && warm.x.length === k) {
        candidates.push(weightedKMeans(bp, { cx: warm.x, cy: warm.y }, maxIter));
      } else {
        const init = firstDistinct(bp, k);
        if (init.cx.length < k) continue;
        candidates.push(weightedKMeans(bp, init, maxIter));
        if ((options.groupInit ?? 'first-distinct') === 'restarts') {
          for (let i = 0; i < (options.restarts ?? 20); i++) {
            const pp = kMeansPlusPlus(bp, k, rnd);
            if (pp.cx.length === k) candidates.push(weightedKMeans(bp, pp, maxIter));
          }
        }
      }
      let best = candidates[0]!;
      let bestSil = silhouette(base.cx, base.cy, best.labels, k);
      for (const c of candidates.slice(1)) {
        const sc = silhouette(base.cx, base.cy, c.labels, k);
        if (sc > bestSil + 1e-12) {
          best = c;
          bestSil = sc;
        }
      }
      runs.set(k, best);
      state.groupCenters[String(k)] = { x: Array.from(best.cx), y: Array.from(best.cy) };
      silhouettes.push({ k, value: bestSil });
    }
    let bestK = 0;
    let bestS = -Infinity;
    for (const s of silhouettes) if (s.value >= bestS) {
      bestS = s.value;
      bestK = s.k;
    }
    // k smoothing: a new k must win `kSmoothing` consecutive updates before it is adopted.
    let k = bestK;
    if (prev && prev.k > 0 && runs.has(prev.k) && bestK !== prev.k) {
      const streak = prev.kCandidate === bestK ? prev.kStreak + 1 : 1;
      if (streak >= (options.kSmoothing ?? 4)) {
        k = bestK;
      } else {
        k = prev.k;
        state.kCandidate = bestK;
        state.kStreak = streak;
      }
    }
    state.k = k;
    if (k > 0) {
      const run = runs.get(k)!;
      groupBase = Array.from({ length: k }, () => []);
      for (let b = 0; b < nBase; b++) groupBase[run.labels[b]!]!.push(b);
      // Drop groups that ended up empty.
      const keep = groupBase.map((g, i) => ({ g, i })).filter((x) => x.g.length > 0);
      groupBase = keep.map((x) => x.g);
      groupCenters = keep.map((x) => [run.cx[x.i]!, run.cy[x.i]!]);
    } else if (nBase > 0) {
      groupBase = [Array.from({ length: nBase }, (_, b) => b)];
      let sx = 0;
      let sy = 0;
      let sw = 0;
      members.forEach((rows, b) => {
        sx += base.cx[b]! * rows.length;
        sy += base.cy[b]! * rows.length;
        sw += rows.length;
      });
      groupCenters = [[sx / sw, sy / sw]];
    }
    groupRows = groupBase.map((g) => g.flatMap((b) => members[b]!).sort((a, b) => a - b));
  }
  state.inConv = inConvRows.map((r) => m.participantIds[r]!);

  // Statistics.
  const groupOf = new Int32Array(nRows).fill(-1);
  groupRows.forEach((rows, g) => {
    for (const r of rows) {
      if (groupOf[r] !== -1) throw new OpinionInputError('options.clusters.groups', `participant ${m.participantIds[r]} is in more than one group`);
      groupOf[r] = g;
    }
  });
  const inConvMask = new Uint8Array(nRows);
  for (const r of inConvRows) inConvMask[r] = 1;
  const tally = tallyVotes(m, groupOf, groupRows.length, inConvMask);
  const groupCounts: GroupCounts[] = tally.groups;
  const allRows = Array.from({ length: nRows }, (_, r) => r);
  const allCounts = tally.all;
  const inConvCounts = tally.inConv;
  const representative = representativeStatements(m, groupCounts, options.representativeLimit ?? 5);
  const consensus = consensusStatements(m, allCounts, options.consensusLimit ?? 5);
  const gic = groupInformedConsensus(groupCounts, nCols);
  const priorities = statementPriorities(m, inConvCounts, sp.extremity, options.metaPriority ?? 49);

  const list = (flags: Uint8Array) => m.statementIds.filter((_, c) => flags[c]);
  return {
    participants: m.participantIds.slice(),
    statements: m.statementIds.slice(),
    moderatedOut: list(m.moderatedOut),
    meta: list(m.meta),
    voteCounts: allRows.map((r) => m.rowPtr[r + 1]! - m.rowPtr[r]!),
    pca: { center: pca.center, comps: pca.comps, statementProjection: sp.projection, extremity: sp.extremity, iterations: pca.iterations },
    projection: { x: Array.from(proj.x), y: Array.from(proj.y) },
    inConv: inConvRows.map((r) => m.participantIds[r]!),
    baseClusters,
    groups: groupRows.map((rows, id) => ({ id, members: rows.map((r) => m.participantIds[r]!), baseClusters: groupBase[id] ?? [], center: groupCenters[id] ?? [0, 0] })),
    k: groupRows.length,
    silhouette: silhouettes,
    groupVotes: groupCounts.map((g) => ({ agree: Array.from(g.agree), disagree: Array.from(g.disagree), seen: Array.from(g.seen) })),
    representative,
    consensus,
    groupInformedConsensus: gic,
    priorities,
    state,
  };
}
