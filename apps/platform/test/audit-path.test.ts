import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../src');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? (f === 'paraglide' ? [] : walk(join(dir, f))) : /\.(ts|svelte)$/.test(f) ? [join(dir, f)] : []));

/** The audit log has one writer (`recordAudit` in modules/audit/server/record.ts); a second path would drift. */
describe('the audit path', () => {
  it('no module inserts into the audit log except through recordAudit', () => {
    const offenders = walk(src)
      .filter((f) => !f.endsWith(join('audit', 'server', 'record.ts')))
      .filter((f) => /\.insert\(\s*auditLog\s*\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });
});

describe('the audit log in words', () => {
  const messages = { ...JSON.parse(readFileSync(join(import.meta.dirname, '../messages/de.json'), 'utf8')), ...JSON.parse(readFileSync(join(import.meta.dirname, '../messages/en.json'), 'utf8')) } as Record<string, unknown>;
  it('has a name for every action the code records', () => {
    const actions = new Set<string>();
    for (const file of walk(join(src, 'lib/modules'))) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!/audit|action:/i.test(line)) continue;
        for (const m of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) if (!/\.(ts|js|csv|json|ics|pdf|png|webp)$/.test(m[1]!)) actions.add(m[1]!);
      }
    }
    expect(actions.size).toBeGreaterThan(80);
    expect([...actions].filter((a) => !(`audit_action_${a.replace('.', '_')}` in messages)).sort()).toEqual([]);
  });
});
