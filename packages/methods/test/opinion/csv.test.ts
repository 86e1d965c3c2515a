import { describe, expect, it } from 'vitest';
import {
  analyzeOpinions,
  exportPolis,
  importPolisExport,
  OpinionInputError,
  parseCsv,
  parsePolisCommentsCsv,
  parsePolisMathClusters,
  parsePolisParticipantsVotesCsv,
  parsePolisVotesCsv,
  parsePolisVotesJson,
  polisDatetime,
} from '../../src/opinion/index.ts';
import { FIXTURES, loadFixture } from './fixtures.ts';

describe('CSV parsing', () => {
  it('handles quotes, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const recs = parseCsv('\ufeffa,b\r\n"x, ""y""","multi\nline"\r\n3,\n');
    expect(recs).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', 'multi\nline'] },
      { line: 4, cells: ['3', ''] },
    ]);
  });
  it('names the line of an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'x.csv')).toThrow(/x\.csv, line 2: unterminated quoted field/);
  });
});

describe('Polis CSV files', () => {
  it('reads votes.csv and reports malformed cells with line and column', () => {
    const ok = 'timestamp,datetime,comment-id,voter-id,vote\n100,x,3,7,1\n101,x,4,7,-1\n';
    expect(parsePolisVotesCsv(ok)).toEqual([
      { participant: 7, statement: 3, vote: 1, time: 100 },
      { participant: 7, statement: 4, vote: -1, time: 101 },
    ]);
    const bad = () => parsePolisVotesCsv('timestamp,datetime,comment-id,voter-id,vote\n100,x,3,7,1\n101,x,4,7,2\n');
    expect(bad).toThrow(OpinionInputError);
    expect(bad).toThrow(/votes\.csv, line 3, field "vote": 2 is not one of -1, 0, 1/);
    expect(() => parsePolisVotesCsv('comment-id,vote\n1,1\n')).toThrow(/missing column "voter-id"/);
    expect(() => parsePolisVotesCsv('comment-id,voter-id,vote\n1,abc,1\n')).toThrow(/line 2, field "voter-id": "abc" is not an integer/);
    expect(() => parsePolisVotesCsv('comment-id,voter-id,vote\n1,2\n')).toThrow(/line 2: expected 3 fields, found 2/);
  });
  it('reads comments.csv with moderation and bodies containing commas', () => {
    const st = parsePolisCommentsCsv('timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,d,0,4,1,0,-1,"Hello, world"\n');
    expect(st).toEqual([{ id: 0, text: 'Hello, world', moderated: -1, author: 4, time: 1 }]);
    expect(() => parsePolisCommentsCsv('comment-id,comment-body\n1,a\n1,b\n')).toThrow(/line 3, field "comment-id": duplicate comment-id 1/);
  });
  it('reads participants-votes.csv', () => {
    const pv = parsePolisParticipantsVotesCsv('participant,group-id,n-comments,n-votes,n-agree,n-disagree,1,2,3\n1,1,2,2,1,1,1,-1,\n2,,1,1,1,0,,,1\n');
    expect(pv.participants[1]!.groupId).toBeNull();
    expect(pv.votes).toEqual([
      { participant: 1, statement: 1, vote: 1 },
      { participant: 1, statement: 2, vote: -1 },
      { participant: 2, statement: 3, vote: 1 },
    ]);
    expect(() => parsePolisParticipantsVotesCsv('participant,group-id,n-comments,n-votes,n-agree,n-disagree,1\n1,0,0,1,1,0,5\n')).toThrow(/line 2, field "1": vote "5"/);
  });
  it('formats Polis datetimes in UTC', () => {
    expect(polisDatetime(946684800)).toBe('Sat Jan 01 2000 00:00:00 GMT+0000 (Coordinated Universal Time)');
  });
  it('reports invalid JSON with a line number', () => {
    expect(() => parsePolisVotesJson('[\n{"pid": 1,\n}')).toThrow(/votes\.json, line 3: invalid JSON/);
    expect(() => parsePolisVotesJson('[{"pid": 1, "tid": 2}]')).toThrow(/field "vote": entry #1: missing field/);
    expect(() => parsePolisMathClusters('{"base-clusters": {"id": [0], "members": [[1]]}, "group-clusters": [{"id": 0, "members": [4]}]}')).toThrow(/unknown base cluster 4/);
  });
});

describe.each(FIXTURES)('Polis export round trip of %s', (name) => {
  it('export → import gives the same conversation and the same opinion map', () => {
    const fx = loadFixture(name);
    const conversation = { statements: fx.statements, votes: fx.votes };
    const before = analyzeOpinions(conversation);
    const files = exportPolis(conversation, before);
    const { conversation: back, polisGroups } = importPolisExport(files);
    const after = analyzeOpinions(back);
    expect(after.statements).toEqual(before.statements);
    expect(after.moderatedOut).toEqual(before.moderatedOut);
    expect(after.groups.map((g) => g.members)).toEqual(before.groups.map((g) => g.members));
    expect(after.representative).toEqual(before.representative);
    expect(after.priorities).toEqual(before.priorities);
    for (const g of before.groups) for (const p of g.members) expect(polisGroups!.get(p)).toBe(g.id);
    // participants-votes.csv alone carries the same latest votes (no history).
    const matrixOnly = importPolisExport({ 'participants-votes.csv': files['participants-votes.csv'], 'comments.csv': files['comments.csv'] });
    const m2 = analyzeOpinions(matrixOnly.conversation, { clusters: { inConv: before.inConv, groups: before.groups.map((g) => g.members) } });
    expect(m2.representative).toEqual(before.representative);
    expect(m2.consensus).toEqual(before.consensus);
  });
});
