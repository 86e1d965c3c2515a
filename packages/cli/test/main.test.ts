import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('kleinstadt CLI dispatcher', () => {
  it('prints the overview for --help and exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('Usage: kleinstadt <command>');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const c = capture();
    expect(await main(['no-such-command'], c.io)).toBe(2);
    expect(c.err.join('\n')).toContain('Unknown command "no-such-command"');
  });
});
