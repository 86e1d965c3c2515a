import { createRng } from '../random.ts';
import type { Statement, VoteColumns } from './types.ts';

/** Parameters of the planted-groups generator. */
export interface PlantedOptions {
  participants: number;
  statements: number;
  /** Probability that a participant votes on a statement. */
  density: number;
  /** Number of planted opinion groups. */
  groups: number;
  seed: number;
  /** Probability that a vote follows the group's stance (else: pass or the opposite, equally). Default 0.8. */
  fidelity?: number;
  /** Share of statements on which all groups hold the same stance (consensus). Default 0.2. */
  sharedShare?: number;
}

/** A generated conversation with its planted group of every participant. */
export interface PlantedConversation {
  statements: Statement[];
  votes: VoteColumns;
  /** Planted group of participant i (ids are 0…participants−1). */
  groupOf: Int32Array;
}

/**
 * Seeded generator of a conversation with planted opinion groups, for tests and benchmarks: every group has a stance
 * (agree/disagree) per statement; a participant votes on each statement with probability `density`, following the
 * group's stance with probability `fidelity`. Votes come in participant order (input order = time order).
 */
export function plantedConversation(o: PlantedOptions): PlantedConversation {
  const rnd = createRng(o.seed);
  const fidelity = o.fidelity ?? 0.8;
  const shared = o.sharedShare ?? 0.2;
  const stance = new Int8Array(o.groups * o.statements);
  for (let j = 0; j < o.statements; j++) {
    const common = rnd.next() < shared;
    const s0 = rnd.next() < 0.5 ? 1 : -1;
    for (let g = 0; g < o.groups; g++) stance[g * o.statements + j] = common ? s0 : rnd.next() < 0.5 ? 1 : -1;
  }
  const groupOf = new Int32Array(o.participants);
  for (let i = 0; i < o.participants; i++) groupOf[i] = rnd.int(o.groups);
  const cap = Math.ceil(o.participants * o.statements * o.density * 1.1) + 1024;
  let participant = new Int32Array(cap);
  let statement = new Int32Array(cap);
  let vote = new Int8Array(cap);
  let n = 0;
  for (let i = 0; i < o.participants; i++) {
    const base = groupOf[i]! * o.statements;
    for (let j = 0; j < o.statements; j++) {
      if (rnd.next() >= o.density) continue;
      if (n === participant.length) {
        const grow = <T extends Int32Array | Int8Array>(a: T, make: (len: number) => T): T => {
          const b = make(a.length * 2);
          b.set(a);
          return b;
        };
        participant = grow(participant, (l) => new Int32Array(l));
        statement = grow(statement, (l) => new Int32Array(l));
        vote = grow(vote, (l) => new Int8Array(l));
      }
      const u = rnd.next();
      const s = stance[base + j]!;
      participant[n] = i;
      statement[n] = j;
      vote[n] = u < fidelity ? s : u < fidelity + (1 - fidelity) / 2 ? 0 : -s;
      n++;
    }
  }
  const statements: Statement[] = Array.from({ length: o.statements }, (_, j) => ({ id: j, text: `Statement ${j}`, moderated: 1 }));
  return { statements, votes: { participant: participant.subarray(0, n), statement: statement.subarray(0, n), vote: vote.subarray(0, n) }, groupOf };
}
