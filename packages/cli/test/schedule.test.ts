import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

/** W3C Breakouts Day 2024, resolved from this file (never copied into the repo). */
const W3C = fileURLToPath(new URL('../../../../shared/reference-cases/scheduling/w3c_breakouts_2024/breakouts-day-2024.instance.json', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const temp = mkdtempSync(join(tmpdir(), 'kleinstadt-schedule-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('kleinstadt schedule', () => {
  it('schedules the real W3C Breakouts Day 2024 sessions with 0/0/0 (--json)', async () => {
    const c = capture();
    const code = await main(['schedule', W3C, '--json', '--seed', '3'], c.io);
    expect(code).toBe(0);
    const result = JSON.parse(c.out.join('\n'));
    expect(result.feasible).toBe(true);
    expect(result.schedule.assignments).toHaveLength(19);
    expect(result.evaluation.hard).toMatchObject({ notParallel: 0, hostDoubleBookings: 0, roomDoubleBookings: 0, total: 0 });
    expect(result.lowerBound).toBeLessThanOrEqual(result.objective);
  });

  it('--bound-seconds adds the pair-LP bound, which proves what the combinatorial bound cannot', async () => {
    // 4 sessions in 2 slots × 2 rooms; every pair of sessions is voted for by one participant with 2 votes.
    const pairs = [['a', 'b'], ['c', 'd'], ['a', 'c'], ['b', 'd'], ['a', 'd'], ['b', 'c']];
    const file = join(temp, 'pairs.json');
    writeFileSync(file, JSON.stringify({
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: ['a', 'b', 'c', 'd'].map((id) => ({ id, hosts: [`host-${id}`] })),
      votes: pairs.map((sessions, i) => ({ participant: `p${i}`, sessions })),
    }));
    const plain = capture();
    expect(await main(['schedule', file, '--heuristic', '--json'], plain.io)).toBe(0);
    expect(JSON.parse(plain.out.join('\n'))).toMatchObject({ objective: 2000, lowerBound: 0, optimal: false });
    const strong = capture();
    expect(await main(['schedule', file, '--heuristic', '--bound-seconds', '10'], strong.io)).toBe(0);
    expect(strong.out.join('\n')).toMatch(/Objective 2000, lower bound 2000, gap 0\.00 % \(optimal\)/);
  });

  it('--column-bound-seconds adds the column-generation bound (also proves the 4-session example optimal)', async () => {
    const pairs = [['a', 'b'], ['c', 'd'], ['a', 'c'], ['b', 'd'], ['a', 'd'], ['b', 'c']];
    const file = join(temp, 'pairs-column.json');
    writeFileSync(file, JSON.stringify({
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: ['a', 'b', 'c', 'd'].map((id) => ({ id, hosts: [`host-${id}`] })),
      votes: pairs.map((sessions, i) => ({ participant: `p${i}`, sessions })),
    }));
    const c = capture();
    expect(await main(['schedule', file, '--heuristic', '--column-bound-seconds', '5', '--json'], c.io)).toBe(0);
    const result = JSON.parse(c.out.join('\n'));
    expect(result).toMatchObject({ objective: 2000, lowerBound: 2000, optimal: true });
    expect(result.columnBound).toMatchObject({ applicable: true, missedVotes: 2 });
  });

  it('prints a readable grid and writes the schedule with --out', async () => {
    const c = capture();
    const out = join(temp, 'w3c-schedule.json');
    expect(await main(['schedule', W3C, '--heuristic', '--out', out], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('Plenary');
    expect(text).toContain('2024-03-12 13:00-14:00');
    expect(text).toContain('Hard constraints: all kept');
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.assignments).toHaveLength(19);
    // The written schedule evaluates clean.
    const e = capture();
    expect(await main(['schedule', 'evaluate', W3C, out], e.io)).toBe(0);
    expect(e.out.join('\n')).toContain('Declared not-parallel violations: 0');
  });

  it('import-w3c writes the instance and the schedule W3C used; evaluate reports 0/0/0 for it', async () => {
    const instance = join(temp, 'w3c-instance.json');
    const actual = join(temp, 'w3c-actual.json');
    expect(await main(['schedule', 'import-w3c', W3C, '--out', instance, '--actual', actual], capture().io)).toBe(0);
    const c = capture();
    expect(await main(['schedule', 'evaluate', instance, actual, '--json'], c.io)).toBe(0);
    const { evaluation } = JSON.parse(c.out.join('\n'));
    expect(evaluation.hard).toMatchObject({ notParallel: 0, hostDoubleBookings: 0, roomDoubleBookings: 0 });
    const x = capture();
    expect(await main(['schedule', 'explain', instance, actual], x.io)).toBe(0);
    expect(x.out.join('\n')).toContain('No conflicts');
  });

  it('explains a broken schedule and exits 1', async () => {
    const actual = join(temp, 'w3c-actual.json');
    await main(['schedule', 'import-w3c', W3C, '--out', join(temp, 'i.json'), '--actual', actual], capture().io);
    const schedule = JSON.parse(readFileSync(actual, 'utf8'));
    const slot17 = schedule.assignments.find((a: { session: string }) => a.session === '#17').slot;
    for (const a of schedule.assignments) if (a.session === '#20') Object.assign(a, { slot: slot17, room: 'Plenary' });
    const broken = join(temp, 'broken.json');
    writeFileSync(broken, JSON.stringify(schedule));
    const c = capture();
    expect(await main(['schedule', 'explain', W3C, broken], c.io)).toBe(1);
    expect(c.out.join('\n')).toContain('declared not parallel');
  });

  it('replans after a late session with the fewest moves', async () => {
    const instance = {
      slots: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      hosts: [{ id: 'ann', unavailable: ['t3'] }, { id: 'cleo', available: ['t1'] }],
      sessions: [{ id: 'A', hosts: ['ann'] }, { id: 'B' }, { id: 'D' }, { id: 'E' }, { id: 'F' }, { id: 'C', hosts: ['cleo'] }],
    };
    const previous = {
      assignments: [
        { session: 'A', slot: 't1', room: 'r1' },
        { session: 'D', slot: 't1', room: 'r2' },
        { session: 'B', slot: 't2', room: 'r1' },
        { session: 'E', slot: 't2', room: 'r2' },
        { session: 'F', slot: 't3', room: 'r1' },
      ],
    };
    const i = join(temp, 'late.json');
    const p = join(temp, 'prev.json');
    writeFileSync(i, JSON.stringify(instance));
    writeFileSync(p, JSON.stringify(previous));
    const c = capture();
    expect(await main(['schedule', 'replan', i, p, '--json'], c.io)).toBe(0);
    const result = JSON.parse(c.out.join('\n'));
    expect(result.moves.map((m: { session: string }) => m.session)).toEqual(['D']);
    expect(result.added).toEqual([{ session: 'C', slot: 't1', room: 'r2' }]);
  });

  it('reports the smallest conflicting constraints for an infeasible instance', async () => {
    const instance = {
      slots: [{ id: 't1' }, { id: 't2' }],
      rooms: [{ id: 'r1' }, { id: 'r2' }],
      sessions: [{ id: 'a', hosts: ['kim'] }, { id: 'b', hosts: ['kim'] }, { id: 'c', hosts: ['kim'] }],
    };
    const i = join(temp, 'infeasible.json');
    writeFileSync(i, JSON.stringify(instance));
    const c = capture();
    expect(await main(['schedule', i, '--json'], c.io)).toBe(1);
    const result = JSON.parse(c.out.join('\n'));
    expect(result.feasible).toBe(false);
    expect(result.conflict.map((g: { id: string }) => g.id)).toEqual(['host-exclusive:kim']);
    const t = capture();
    expect(await main(['schedule', i], t.io)).toBe(1);
    expect(t.err.join('\n')).toContain('host "kim" runs only one of');
  });

  it('gives a typed error for unknown ids and a usage error for bad options', async () => {
    const i = join(temp, 'bad.json');
    writeFileSync(i, JSON.stringify({ slots: [{ id: 't1' }], rooms: [{ id: 'r' }], sessions: [{ id: 'a', notParallelTo: ['ghost'] }] }));
    const c = capture();
    expect(await main(['schedule', i], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('sessions[0].notParallelTo[0]');
    expect(await main(['schedule', i, '--exact', '--heuristic'], capture().io)).toBe(2);
    expect(await main(['schedule'], capture().io)).toBe(2);
  });
});
