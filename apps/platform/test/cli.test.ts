import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../packages/cli/src/main.ts';
import { capture, cliSandbox } from './helpers/cli.ts';

describe('kleinstadt platform commands', () => {
  const { dir } = cliSandbox('kleinstadt-cli-');

  it('lists the platform commands in the overview', async () => {
    const c = capture();
    await main(['--help'], c.io);
    for (const name of ['serve', 'migrate', 'create-admin', 'import-municipalities', 'import-atlas', 'seed-demo']) expect(c.out.join('\n')).toContain(name);
  });

  it('migrates and seeds the demo without official data, explaining how to import it', async () => {
    const c = capture();
    expect(await main(['seed-demo'], c.io)).toBe(0);
    expect(c.err.join('\n')).toContain('only the eight model towns are known');
    expect(c.err.join('\n')).toContain('Created 8 demo town spaces.');
    expect(c.out.join('\n')).toContain('Demo admin: admin@kleinstadt.example');
    const again = capture();
    expect(await main(['seed-demo'], again.io)).toBe(0);
    expect(again.err.join('\n')).toMatch(/Demo content was seeded on \d{4}-\d{2}-\d{2}; not seeding again\./);
  });

  it('creates an admin and explains bad input with exit code 2', async () => {
    const missing = capture();
    expect(await main(['create-admin', '--email', 'x@example.org'], missing.io)).toBe(2);
    expect(missing.err.join('\n')).toContain('--email and --password');
    const bad = capture();
    expect(await main(['create-admin', '--email', 'kaputt', '--password', 'kurz'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('email is not a valid email address; password must have at least 10 characters');
    const ok = capture();
    expect(await main(['create-admin', '--email', 'Chefin@Example.org', '--name', 'Chefin', '--password', 'lang-genug-1'], ok.io)).toBe(0);
    expect(ok.out.join('\n')).toContain('Created platform admin chefin@example.org.');
  });

  it('fails clearly when the municipality file is missing or damaged', async () => {
    const none = capture();
    expect(await main(['import-municipalities'], none.io)).toBe(2);
    expect(none.err.join('\n')).toContain('no file given and none found');
    const missing = capture();
    expect(await main(['import-municipalities', join(dir, 'fehlt.xlsx')], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toContain('fehlt.xlsx: file not found');
  });
});
