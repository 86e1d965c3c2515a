import { describe, expect, it } from 'vitest';
import { uniqueSlug } from '../src/lib/modules/academy/server/slug.ts';

describe('academy slugs', () => {
  it('keeps the words after a comma, transliterates and adds a random suffix', () => {
    expect(uniqueSlug('Markt, Platz und Straße', 'eintrag')).toMatch(/^markt-platz-und-strasse-[a-z0-9]{5}$/);
    expect(uniqueSlug('Markt', 'eintrag')).not.toBe(uniqueSlug('Markt', 'eintrag'));
  });
  it('falls back for text without letters and cuts long titles at 60 characters', () => {
    expect(uniqueSlug('?!', 'frage')).toMatch(/^frage-[a-z0-9]{5}$/);
    const long = uniqueSlug('Wie '.repeat(40), 'frage');
    expect(long.length).toBeLessThanOrEqual(66);
    expect(long).not.toMatch(/--/);
  });
});
