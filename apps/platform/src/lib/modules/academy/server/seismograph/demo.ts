import { inArray } from 'drizzle-orm';
import type { Db } from '../../../../server/db/client.ts';
import { towns } from '../../../towns/server/schema.ts';
import { atlasFacts } from '../../../atlas/server/schema.ts';
import type { SeismoQuestionKind } from '../../taxonomy.ts';
import { modelTownFacts } from '../demo-content.ts';
import { seismoAnswers, seismoQuestions, seismoResponses, seismoRounds } from './schema.ts';

/** The demo survey: the same eight questions in 2025 and 2026 (written for the demo; the answers are invented). */
export const demoSeismoQuestions: { key: string; text: string; hint?: string; kind: SeismoQuestionKind; options?: string[]; unit?: string }[] = [
  { key: 'beteiligung_zufriedenheit', text: 'Wie zufrieden ist die Verwaltung mit der Bürgerbeteiligung im vergangenen Jahr?', hint: '1 = gar nicht zufrieden, 5 = sehr zufrieden', kind: 'scale' },
  { key: 'jugend_beteiligung', text: 'Gibt es ein Beteiligungsformat für Jugendliche (z. B. JugendBarCamp, Jugendparlament)?', kind: 'choice', options: ['ja, dauerhaft', 'ja, als Projekt', 'nein, aber geplant', 'nein'] },
  { key: 'beteiligung_veranstaltungen', text: 'Wie viele öffentliche Beteiligungsveranstaltungen gab es im vergangenen Jahr?', kind: 'number', unit: 'Veranstaltungen' },
  { key: 'leerstand_innenstadt', text: 'Wie stark belastet Leerstand die Innenstadt?', hint: '1 = gar nicht, 5 = sehr stark', kind: 'scale' },
  { key: 'ehrenamt_entwicklung', text: 'Wie hat sich das ehrenamtliche Engagement in der Stadt entwickelt?', kind: 'choice', options: ['gewachsen', 'gleich geblieben', 'zurückgegangen'] },
  { key: 'zukunftsbild_umsetzung', text: 'Wie weit ist das Zukunftsbild der Stadt umgesetzt?', hint: '1 = noch gar nicht, 5 = weitgehend', kind: 'scale' },
  { key: 'kooperation_nachbarn', text: 'Arbeitet die Stadt mit Nachbargemeinden in festen Strukturen zusammen?', kind: 'choice', options: ['ja, in festen Strukturen', 'teilweise', 'nein'] },
  { key: 'zuversicht', text: 'Wie zuversichtlich blickt die Stadtgesellschaft in die Zukunft?', hint: '1 = sehr skeptisch, 5 = sehr zuversichtlich', kind: 'scale' },
];

type Answers = [number, string, number, number, string, number, string, number];
/** Invented demo answers per model town and year, in the order of the questions. */
const demoAnswers: Record<string, { visibility: 'aggregated' | 'named'; 2025: Answers; 2026?: Answers }> = {
  'bad-lobenstein': { visibility: 'aggregated', 2025: [4, 'ja, dauerhaft', 6, 3, 'gleich geblieben', 3, 'teilweise', 3], 2026: [4, 'ja, dauerhaft', 7, 3, 'gewachsen', 3, 'teilweise', 4] },
  beverungen: { visibility: 'named', 2025: [3, 'ja, als Projekt', 4, 4, 'zurückgegangen', 2, 'ja, in festen Strukturen', 3], 2026: [4, 'ja, als Projekt', 5, 3, 'gleich geblieben', 3, 'ja, in festen Strukturen', 4] },
  grossschoenau: { visibility: 'aggregated', 2025: [4, 'nein, aber geplant', 3, 2, 'gewachsen', 3, 'ja, in festen Strukturen', 4], 2026: [5, 'ja, als Projekt', 4, 2, 'gewachsen', 4, 'ja, in festen Strukturen', 4] },
  kastellaun: { visibility: 'aggregated', 2025: [5, 'ja, dauerhaft', 9, 2, 'gewachsen', 4, 'ja, in festen Strukturen', 4] },
  malente: { visibility: 'aggregated', 2025: [3, 'ja, als Projekt', 5, 3, 'gleich geblieben', 3, 'teilweise', 3], 2026: [4, 'ja, dauerhaft', 6, 3, 'gleich geblieben', 3, 'teilweise', 4] },
  'muecheln-geiseltal': { visibility: 'aggregated', 2025: [3, 'nein', 2, 4, 'zurückgegangen', 2, 'nein', 2], 2026: [3, 'nein, aber geplant', 3, 4, 'zurückgegangen', 2, 'teilweise', 3] },
  rodewisch: { visibility: 'named', 2025: [4, 'ja, als Projekt', 7, 4, 'gewachsen', 3, 'teilweise', 3], 2026: [5, 'ja, dauerhaft', 8, 3, 'gewachsen', 4, 'teilweise', 4] },
  'zell-am-harmersbach': { visibility: 'named', 2025: [4, 'ja, dauerhaft', 5, 2, 'gleich geblieben', 4, 'ja, in festen Strukturen', 4], 2026: [4, 'ja, dauerhaft', 5, 2, 'gleich geblieben', 4, 'ja, in festen Strukturen', 5] },
};

const FALLBACK_TYPE: Record<string, number> = { mittelstadt: 20, groessere_kleinstadt: 30, kleine_kleinstadt: 40, landgemeinde: 50 };

/**
 * Seeds the Seismograph rounds 2025 (closed, answered by all eight model towns) and 2026 (open; Kastellaun has not
 * answered yet). Idempotent: does nothing when a round exists.
 */
export async function seedSeismographDemo(db: Db): Promise<number> {
  const [existing] = await db.select({ id: seismoRounds.id }).from(seismoRounds).limit(1);
  if (existing) return 0;
  const modelTowns = await db.select({ id: towns.id, slug: towns.slug, ags: towns.ags }).from(towns).where(inArray(towns.slug, Object.keys(demoAnswers)));
  const facts = await db.select({ ags: atlasFacts.ags, typeCode: atlasFacts.typeCode, lage: atlasFacts.lage }).from(atlasFacts).where(inArray(atlasFacts.ags, modelTowns.map((t) => t.ags ?? '')));
  let responses = 0;
  for (const [year, status] of [[2025, 'closed'], [2026, 'open']] as const) {
    const [round] = await db
      .insert(seismoRounds)
      .values({
        slug: `seismograph-${year}`,
        year,
        title: `Kleinstadt-Seismograph ${year}`,
        intro: `Die jährliche Umfrage der Kleinstadtakademie unter den Stadtverwaltungen: dieselben Fragen wie jedes Jahr, damit Entwicklungen sichtbar werden. Antworten erscheinen nur zusammengefasst für Gruppen von mindestens drei Städten – außer eine Stadt erlaubt ausdrücklich die Nennung.`,
        status,
      })
      .returning();
    const questions = await db
      .insert(seismoQuestions)
      .values(demoSeismoQuestions.map((q, position) => ({ roundId: round!.id, position, key: q.key, text: q.text, hint: q.hint ?? '', kind: q.kind, options: q.options ?? [], unit: q.unit ?? '' })))
      .returning();
    for (const town of modelTowns) {
      const demo = demoAnswers[town.slug]!;
      const values = demo[year];
      if (!values) continue;
      const fact = facts.find((f) => f.ags === town.ags);
      const fallback = modelTownFacts[town.slug];
      const [response] = await db
        .insert(seismoResponses)
        .values({
          roundId: round!.id,
          townId: town.id,
          ags: town.ags,
          typeCode: fact?.typeCode ?? (fallback ? FALLBACK_TYPE[fallback.townType] : null) ?? null,
          lage: fact ? fact.lage : (fallback?.location ?? null),
          visibility: demo.visibility,
          submittedAt: new Date(Date.UTC(year, 2, 15)),
        })
        .returning();
      await db.insert(seismoAnswers).values(
        questions.map((q, i) => {
          const v = values[i]!;
          return { responseId: response!.id, questionId: q.id, numberValue: typeof v === 'number' ? v : null, choiceValue: typeof v === 'string' ? v : null };
        }),
      );
      responses++;
    }
  }
  return responses;
}
