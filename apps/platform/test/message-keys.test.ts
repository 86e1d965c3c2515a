import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const messagesDir = join(import.meta.dirname, '../messages');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.json') ? [join(dir, f)] : []));
const settings = JSON.parse(readFileSync(join(import.meta.dirname, '../project.inlang/settings.json'), 'utf8')) as { locales: string[]; 'plugin.inlang.messageFormat': { pathPattern: string[] } };

/**
 * Every message key is defined once per locale. A key in two files makes the later file's text win silently (the
 * academy's link error said "https:// only" for a field that accepts http) and switches inlang's bulk import off,
 * which made one Paraglide compile take minutes instead of seconds.
 */
describe('message files', () => {
  const files = walk(messagesDir);
  const keysByLocale = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const locale = file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
    const byKey = keysByLocale.get(locale) ?? new Map<string, string[]>();
    keysByLocale.set(locale, byKey);
    for (const key of Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)) {
      if (key.startsWith('$')) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), relative(messagesDir, file)]);
    }
  }

  it('define no key twice', () => {
    const twice = [...keysByLocale].flatMap(([locale, byKey]) => [...byKey].filter(([, where]) => where.length > 1).map(([key, where]) => `${locale}: ${key} in ${where.join(', ')}`));
    expect(twice).toEqual([]);
  });

  it('define the same keys in every locale', () => {
    const [first, ...rest] = settings.locales;
    const reference = new Set(keysByLocale.get(first!)!.keys());
    for (const locale of rest) {
      const keys = new Set(keysByLocale.get(locale)!.keys());
      expect([...reference].filter((k) => !keys.has(k)), `missing in ${locale}`).toEqual([]);
      expect([...keys].filter((k) => !reference.has(k)), `only in ${locale}`).toEqual([]);
    }
  });

  it('are all listed in the inlang project', () => {
    const patterns = new Set(settings['plugin.inlang.messageFormat'].pathPattern.map((p) => p.replace('./messages/', '').replace('{locale}', 'LOCALE')));
    const listed = files.map((f) => relative(messagesDir, f).replace(/[^/]+\.json$/, 'LOCALE.json'));
    expect([...new Set(listed)].filter((f) => !patterns.has(f))).toEqual([]);
  });
});
