import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { m } from '../src/lib/paraglide/messages.js';

/** Counters must use plural variants: "1 Veranstaltung", never "1 Veranstaltungen" (issue #5). */
describe('plural forms of counters', () => {
  const cases: [string, (locale: 'de' | 'en') => string, string, string][] = [
    ['map marker, one', (locale) => m.academy_events_map_marker({ town: 'Malente', count: 1 }, { locale }), 'Malente: 1 Veranstaltung', 'Malente: 1 event'],
    ['map marker, two', (locale) => m.academy_events_map_marker({ town: 'Malente', count: 2 }, { locale }), 'Malente: 2 Veranstaltungen', 'Malente: 2 events'],
    ['map marker, none', (locale) => m.academy_events_map_marker({ town: 'Malente', count: 0 }, { locale }), 'Malente: 0 Veranstaltungen', 'Malente: 0 events'],
    ['seismograph responses', (locale) => m.academy_seismo_responses({ count: 1 }, { locale }), '1 Stadt hat geantwortet', '1 town answered'],
    ['places free', (locale) => m.academy_event_places_free({ free: 1, capacity: 1 }, { locale }), '1 von 1 Platz frei', '1 of 1 place free'],
    ['places free, more', (locale) => m.academy_event_places_free({ free: 1, capacity: 12 }, { locale }), '1 von 12 Plätzen frei', '1 of 12 places free'],
    ['search results', (locale) => m.academy_search_results({ count: 1 }, { locale }), '1 Treffer', '1 result'],
    ['formatted thousands', (locale) => m.atlas_results({ count: locale === 'de' ? '1.234' : '1,234' }, { locale }), '1.234 Gemeinden gefunden', '1,234 municipalities found'],
    ['formatted one', (locale) => m.atlas_results({ count: '1' }, { locale }), '1 Gemeinde gefunden', '1 municipality found'],
    ['digest', (locale) => m.notify_digest_intro({ count: 1 }, { locale }), 'Hier ist 1 Nachricht seit Ihrer letzten Zusammenfassung.', 'Here is 1 message since your last digest.'],
    ['link redemptions', (locale) => m.link_redemptions({ count: 1 }, { locale }), 'einmal genutzt', 'used once'],
    ['audit caption', (locale) => m.audit_caption({ total: 1, page: 1, pages: 1 }, { locale }), '1 Eintrag, Seite 1 von 1', '1 entry, page 1 of 1'],
  ];
  it.each(cases)('%s', (_, render, de, en) => {
    expect(render('de')).toBe(de);
    expect(render('en')).toBe(en);
  });

  it('has no plain message that puts a count in front of a word (use plural variants)', () => {
    // Counts followed by words that do not change with the number ("1 auf der Warteliste", "1 × unterstützt").
    const allowed = new Set(['academy_event_waiting_count', 'project_idea_supports', 'meeting_seats_unlimited']);
    const offenders: string[] = [];
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.json') ? [join(dir, f)] : []));
    for (const file of walk(join(import.meta.dirname, '../messages'))) {
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [key, text] of Object.entries(messages)) {
        if (typeof text === 'string' && /\{(count|n|total|capacity|max)\}\s*\p{L}/u.test(text) && !allowed.has(key)) offenders.push(`${file}: ${key}: ${text}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
