import { describe, expect, it } from 'vitest';
import { buildVoteMatrix, centreMatrix, OpinionInputError } from '../../src/opinion/index.ts';

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
