/**
 * Opinion map (Polis-style): vote matrix, PCA, projections, opinion groups, representative and consensus statements,
 * group-informed consensus, routing priorities; Polis CSV / JSON import and export. Pure: no I/O.
 * Definitions: docs/methods/opinion-map.md.
 */
export { OpinionInputError } from './errors.ts';
export type { Conversation, Statement, Vote, VoteColumns } from './types.ts';
export { buildVoteMatrix, clusteringOrder, firstVoteOrder, type VoteMatrix, type VoteMatrixOptions } from './matrix.ts';
export { centreMatrix, powerIterationPca, projectParticipants, statementProjection, type CentredMatrix, type PcaOptions, type PcaResult } from './pca.ts';
export {
  adjustedRandIndex,
  firstDistinct,
  kMeansPlusPlus,
  selectInConv,
  silhouette,
  weightedKMeans,
  type InConvOptions,
  type KMeansResult,
  type WeightedPoints,
} from './cluster.ts';
export {
  Z_90,
  consensusStatements,
  countVotes,
  groupInformedConsensus,
  proportionTest,
  representativeStatements,
  statementPriorities,
  tallyVotes,
  twoProportionTest,
  type ConsensusStatement,
  type GroupCounts,
  type RepresentativeStatement,
  type VoteCounts,
} from './stats.ts';
export {
  analyzeMatrix,
  analyzeOpinions,
  type BaseCluster,
  type OpinionGroup,
  type OpinionMap,
  type OpinionMapOptions,
  type OpinionMapState,
} from './analyze.ts';
export {
  csvCell,
  exportPolis,
  exportPolisCommentsCsv,
  exportPolisParticipantsVotesCsv,
  exportPolisVotesCsv,
  importPolisExport,
  parseCsv,
  parsePolisCommentsCsv,
  parsePolisParticipantsVotesCsv,
  parsePolisVotesCsv,
  polisDatetime,
  type CsvRecord,
  type PolisExportFiles,
  type PolisParticipantRow,
} from './csv.ts';
export { parseJson, parsePolisCommentsJson, parsePolisMathClusters, parsePolisVotesJson, type PolisMathClusters } from './json.ts';
export { createRng, type Rng } from '../random.ts';
export { plantedConversation, type PlantedConversation, type PlantedOptions } from './synthetic.ts';
export { pickNextStatement } from './routing.ts';
