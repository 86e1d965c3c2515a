/**
 * Opinion-map benchmark: 10,000 participants × 1,000 statements at 30 % vote density with 3 planted groups
 * (seeded generator). Measures the whole pipeline (vote matrix → PCA → projections → in-conv → base clusters →
 * groups with k = 2…5 by silhouette → repness, consensus, group-informed consensus, priorities), single-threaded,
 * its memory, the adjusted Rand index against the planted groups, and an incremental (warm-started) update.
 * Run: node bench/methods/opinion.ts [--seed N] [--participants N] [--statements N] [--density D] [--runs N]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { adjustedRandIndex, analyzeMatrix, buildVoteMatrix, plantedConversation, type OpinionMap } from '../../packages/methods/src/opinion/index.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    participants: { type: 'string', default: '10000' },
    statements: { type: 'string', default: '1000' },
    density: { type: 'string', default: '0.3' },
    runs: { type: 'string', default: '5' },
    init: { type: 'string', default: 'first-distinct' },
  },
});
const seed = Number(values.seed);
const runs = Number(values.runs);
const groupInit = values.init === 'restarts' ? 'restarts' : 'first-distinct';
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
console.log(`node ${process.version}, ${cpus().length} cpus, ${cpus()[0]?.model ?? ''}`);

const t0 = performance.now();
const planted = plantedConversation({
  participants: Number(values.participants),
  statements: Number(values.statements),
  density: Number(values.density),
  groups: 3,
  seed,
});
const conversation = { statements: planted.statements, votes: planted.votes };
console.log(`generated ${planted.votes.vote.length.toLocaleString('en')} votes in ${(performance.now() - t0).toFixed(0)} ms`);
const baseline = process.memoryUsage();

function ari(map: OpinionMap): number {
  const label = new Map<number, number>();
  map.groups.forEach((g, i) => g.members.forEach((p) => label.set(p, i)));
  return adjustedRandIndex(map.inConv.map((p) => planted.groupOf[p]!), map.inConv.map((p) => label.get(p)!));
}

const times: number[] = [];
let last: OpinionMap | undefined;
let peakExtra = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const matrix = buildVoteMatrix(conversation);
  const tMatrix = performance.now();
  const map = analyzeMatrix(matrix, { seed, groupInit });
  const end = performance.now();
  const mem = process.memoryUsage();
  peakExtra = Math.max(peakExtra, mem.heapUsed + mem.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
  times.push(end - start);
  console.log(`run ${i + 1}: ${(end - start).toFixed(0)} ms (matrix ${(tMatrix - start).toFixed(0)} ms, analysis ${(end - tMatrix).toFixed(0)} ms), k = ${map.k}, ARI ${ari(map).toFixed(4)}, PCA iterations ${map.pca.iterations[0]}`);
  last = map;
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`whole pipeline: first ${times[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms`);
console.log(`groups ${last!.k} of sizes ${last!.groups.map((g) => g.members.length).join('/')}, silhouette ${last!.silhouette.map((s) => `${s.k}:${s.value.toFixed(3)}`).join(' ')}, ARI ${ari(last!).toFixed(4)}`);

// Incremental update: 1 % more votes (re-votes of random cells), warm-started from the previous state.
const n = planted.votes.vote.length;
const extra = Math.floor(n / 100);
const participant = new Int32Array(n + extra);
const statement = new Int32Array(n + extra);
const vote = new Int8Array(n + extra);
participant.set(planted.votes.participant as Int32Array);
statement.set(planted.votes.statement as Int32Array);
vote.set(planted.votes.vote as Int8Array);
for (let i = 0; i < extra; i++) {
  const j = (i * 7919) % n;
  participant[n + i] = planted.votes.participant[j]!;
  statement[n + i] = planted.votes.statement[j]!;
  vote[n + i] = planted.votes.vote[j]!;
}
const s1 = performance.now();
const updated = analyzeMatrix(buildVoteMatrix({ statements: planted.statements, votes: { participant, statement, vote } }), { seed, groupInit, previous: last!.state });
console.log(`incremental update (+1 % votes, warm start): ${(performance.now() - s1).toFixed(0)} ms, PCA iterations ${updated.pca.iterations[0]}, k = ${updated.k}, ARI ${ari(updated).toFixed(4)}`);

const mem = process.memoryUsage();
console.log(`memory: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (whole process incl. generated input), pipeline heap+buffers above input ≤ ${mb(peakExtra)}, rss now ${mb(mem.rss)}`);
