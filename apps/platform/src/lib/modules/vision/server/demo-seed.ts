import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { users } from '../../accounts/server/schema.ts';
import { processes, type FieldOfAction } from '../../processes/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { storyVersions, visionGoals, visions } from './schema.ts';

/** Malente's picture of the future, written for the demo along the three working groups of the seed. */
const MALENTE = {
  town: 'malente',
  process: 'malente-2030',
  author: 'malente@kleinstadt.example',
  intro:
    'Unter dem Leitgedanken **Malente 2030** haben Bürgerinnen und Bürger, Vereine, Betriebe und Verwaltung beschrieben, ' +
    'wie ihr Ort in Zukunft aussehen soll: als **Lebensort**, **Erholungsort** und **Wirtschaftsort** zugleich. ' +
    'Die drei Arbeitsgruppen arbeiten an diesen Zielen weiter.',
  goals: [
    { field: 'gemeinschaft', title: 'Treffpunkte für alle Generationen', description: 'Ortsmitte und Dorfgemeinschaftshäuser sind offen für Jung und Alt.' },
    { field: 'wohnen', title: 'Bezahlbar wohnen im Ort', description: 'Leerstand wird zu Wohnungen für junge Familien und Ältere.' },
    { field: 'besucher', title: 'Uferweg rund um den Dieksee', description: 'Gäste und Einheimische spazieren auf einem durchgängigen Weg um den See.' },
    { field: 'besucher', title: 'Kurpark als Bühne', description: 'Konzerte, Märkte und Sport im Kurpark ziehen Gäste das ganze Jahr an.' },
    { field: 'wirtschaft', title: 'Markthalle für regionale Produkte', description: 'Erzeuger aus der Holsteinischen Schweiz verkaufen in der Ortsmitte.' },
    { field: 'mobilitaet', title: 'Ohne Auto gut ankommen', description: 'Bahnhof, Rufbus und Radwege verbinden alle Ortsteile.' },
  ] satisfies { field: FieldOfAction; title: string; description: string }[],
  story: [
    'Es ist ein Samstag im Mai 2030. Am Bahnhof steigen Gäste aus dem Zug, die Räder stehen schon bereit, und der Rufbus wartet auf die, die in die Ortsteile wollen.',
    'In der Markthalle an der Bahnhofstraße verkaufen Höfe aus der Umgebung Käse, Gemüse und Fisch aus den Seen. Viele, die hier einkaufen, wohnen seit ein paar Jahren in den neuen Wohnungen über den früheren Leerständen.',
    'Am Nachmittag ist der Kurpark voll: Die Musikschule spielt, Kinder klettern, und wer mag, geht den Uferweg einmal rund um den Dieksee – seit 2028 ohne Lücke.',
    'Abends trifft sich die Arbeitsgruppe Lebensort im Dorfgemeinschaftshaus. Sie plant das nächste Bürgerforum, denn Malente 2030 ist kein fertiges Bild, sondern eines, an dem der Ort weiterarbeitet.',
  ].join('\n\n'),
};

/** Seeds Malente's published Zukunftsbild and Zukunftsgeschichte (idempotent); needs the demo accounts. */
export async function seedDemoVision(db: Db): Promise<number> {
  const [row] = await db
    .select({ processId: processes.id, townId: processes.townId })
    .from(processes)
    .innerJoin(towns, eq(towns.id, processes.townId))
    .where(and(eq(towns.slug, MALENTE.town), eq(processes.slug, MALENTE.process)));
  if (!row) return 0;
  const [existing] = await db.select({ id: visions.processId }).from(visions).where(eq(visions.processId, row.processId));
  if (existing) return 0;
  const [author] = await db.select({ id: users.id }).from(users).where(eq(users.email, MALENTE.author));
  await db.transaction(async (tx) => {
    const [version] = await tx
      .insert(storyVersions)
      .values({ processId: row.processId, townId: row.townId, number: 1, body: MALENTE.story, note: 'Aus dem Bürgerforum', authorId: author?.id ?? null })
      .returning({ id: storyVersions.id });
    await tx.insert(visions).values({ processId: row.processId, townId: row.townId, intro: MALENTE.intro, published: true, storyPublishedVersionId: version!.id });
    await tx.insert(visionGoals).values(MALENTE.goals.map((g, i) => ({ ...g, processId: row.processId, townId: row.townId, position: i })));
  });
  return 1;
}
