import { describe, expect, it } from 'vitest';
import { buildVoteMatrix, centreMatrix, clusteringOrder, firstVoteOrder, OpinionInputError } from '../../src/opinion/index.ts';

describe('vote matrix', () => {
  it('keeps the latest vote per participant and statement (by time, then input order)', () => {
    const m = buildVoteMatrix({
      votes: [
        { participant: 5, statement: 2, vote: 1, time: 10 },
        { participant: 5, statement: 2, vote: -1, time: 30 },
        { participant: 5, statement: 2, vote: 0, time: 20 },
        { participant: 1, statement: 7, vote: 1, time: 5 },
        { participant: 1, statement: 7, vote: -1, time: 5 },
      ],
    });
    expect(m.participantIds).toEqual([1, 5]);
    expect(m.statementIds).toEqual([2, 7]);
    expect(Array.from(m.rowPtr)).toEqual([0, 1, 2]);
    expect(Array.from(m.cols)).toEqual([1, 0]);
    expect(Array.from(m.votes)).toEqual([-1, -1]);
    expect(Array.from(m.firstTime)).toEqual([5, 10]);
  });

  it('without times, later input wins', () => {
    const m = buildVoteMatrix({ votes: { participant: [0, 0], statement: [0, 0], vote: [1, 0] } });
    expect(Array.from(m.votes)).toEqual([0]);
  });

  it('zeroes moderated-out and meta statements for everyone and counts them as observed (as Polis)', () => {
    const m = buildVoteMatrix({
      statements: [{ id: 0 }, { id: 1, moderated: -1 }, { id: 2, isMeta: true }, { id: 3, moderated: 0 }],
      votes: [
        { participant: 0, statement: 0, vote: 1 },
        { participant: 0, statement: 1, vote: 1 },
        { participant: 1, statement: 0, vote: -1 },
        { participant: 1, statement: 3, vote: 1 },
      ],
    });
    expect(Array.from(m.moderatedOut)).toEqual([0, 1, 1, 0]);
    const c = centreMatrix(m);
    // Internal convention agree = −1: column 0 has −1 and +1 → mean 0; column 3 has −1.
    expect(Array.from(c.center)).toEqual([0, 0, 0, -1]);
    expect(Array.from(c.observed)).toEqual([3, 4]);
    expect(c.values[1]).toBe(0);
    expect(buildVoteMatrix({ statements: [{ id: 3, moderated: 0 }], votes: [{ participant: 0, statement: 3, vote: 1 }] }, { excludeUnmoderated: true }).moderatedOut[0]).toBe(1);
  });

  it('rejects unknown statement ids, bad votes and bad ids with typed errors naming the vote and field', () => {
    const unknown = () => buildVoteMatrix({ statements: [{ id: 1 }], votes: [{ participant: 0, statement: 1, vote: 1 }, { participant: 0, statement: 9, vote: 1 }] });
    expect(unknown).toThrow(OpinionInputError);
    expect(unknown).toThrow(/vote #2: unknown statement id 9/);
    expect(() => buildVoteMatrix({ votes: [{ participant: 0, statement: 1, vote: 2 }] })).toThrow(/vote #1: vote must be 1, 0 or -1/);
    expect(() => buildVoteMatrix({ votes: [{ participant: -1, statement: 1, vote: 1 }] })).toThrow(/field "participant"/);
    expect(() => buildVoteMatrix({ votes: { participant: [0, 1], statement: [0], vote: [1, 1] } })).toThrow(/column "statement" has 1 entries/);
    expect(() => buildVoteMatrix({ statements: [{ id: 1 }, { id: 1 }], votes: [] })).toThrow(/duplicate id 1/);
  });
});

describe('clustering order', () => {
  it('orders participants by the time of their k-th voted statement; too few votes last, by their last vote', () => {
    const votes = [
      // participant 1: first vote at t=1, 3rd statement only at t=50
      { participant: 1, statement: 1, vote: 1, time: 1 },
      { participant: 1, statement: 2, vote: 1, time: 2 },
      { participant: 1, statement: 3, vote: 1, time: 50 },
      // participant 2: starts later but reaches 3 statements at t=12 (a re-vote does not count twice)
      { participant: 2, statement: 1, vote: -1, time: 10 },
      { participant: 2, statement: 1, vote: 1, time: 11 },
      { participant: 2, statement: 2, vote: -1, time: 11 },
      { participant: 2, statement: 3, vote: 0, time: 12 },
      // participant 3: only two votes (can only be clustered by the top-up rule)
      { participant: 3, statement: 1, vote: 1, time: 0 },
      { participant: 3, statement: 2, vote: 1, time: 40 },
      // participant 4: only one vote, earlier last vote than participant 3
      { participant: 4, statement: 3, vote: 1, time: 30 },
    ];
    const m = buildVoteMatrix({ votes });
    const ids = (order: Int32Array) => Array.from(order, (r) => m.participantIds[r]);
    expect(ids(clusteringOrder(m, 3))).toEqual([2, 1, 4, 3]);
    expect(ids(firstVoteOrder(m))).toEqual([3, 1, 2, 4]);
    // k is capped by the number of statements: with k = 1 it is the first-vote order among everybody.
    expect(ids(clusteringOrder(m, 1))).toEqual([3, 1, 2, 4]);
  });
});
