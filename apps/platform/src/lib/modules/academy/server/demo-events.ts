import { inArray } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { towns } from '../../towns/server/schema.ts';
import { academyEvents } from './events-schema.ts';

/**
 * Five upcoming demo events, one past event with documentation. Dates are relative to the day of seeding (at 10:00
 * German time), so the demo calendar is never empty.
 */
function day(offsetDays: number, hour: number, minute = 0): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  // 10:00 in Berlin is 09:00 UTC in winter and 08:00 in summer; an hour off in summer is fine for demo content.
  d.setUTCHours(hour - 1, minute, 0, 0);
  return d;
}

export async function seedAcademyEvents(db: Db): Promise<number> {
  const townRows = await db.select({ id: towns.id, slug: towns.slug }).from(towns);
  const town = (slug: string) => townRows.find((t) => t.slug === slug)?.id ?? null;
  const events: (typeof academyEvents.$inferInsert)[] = [
    {
      slug: 'erfahrungswerkstatt-jugend-beteiligen',
      form: 'erfahrungswerkstatt',
      title: 'Erfahrungswerkstatt: Jugend beteiligen – aber wie?',
      summary: 'Kleinstädte tauschen aus, wie sie Jugendliche dauerhaft einbinden: JugendBarCamps, Jugendrat, Jugendparlament.',
      programme: '## Programm\n\n- 10:00 Ankommen und Kennenlernen\n- 10:30 Kastellaun: Das BarCamp als „die“ Entdeckung des Prozesses\n- 11:30 Werkstattgruppen: Was hat bei Ihnen funktioniert?\n- 13:00 Mittagessen\n- 14:00 Von der Idee zum Jugendrat\n- 15:30 Verabredungen und Abschluss',
      speakers: 'Stadtverwaltung Kastellaun; Jugendbeteiligung Rodewisch; Akademie-Redaktion',
      startsAt: day(21, 10),
      endsAt: day(21, 16),
      place: 'Stadthalle Kastellaun, Kastellaun',
      land: 'Rheinland-Pfalz',
      fieldsOfAction: ['engagement', 'gemeinschaft'],
      capacity: 25,
      hostTownId: town('kastellaun'),
    },
    {
      slug: 'regionale-akademie-sachsen-innenstadt',
      form: 'regional',
      title: 'Regionale Akademie Sachsen: Innenstadt und Leerstand',
      summary: 'Ein Tag für Kleinstädte in Sachsen: Wie die Mitte wieder lebendig wird – mit dem Beispiel „Neue Mitte – selbst gemacht“.',
      programme: '## Programm\n\n- Rundgang durch den ROWI-Park\n- Impulse aus Rodewisch und Großschönau\n- Werkstatt: Leerstand als Chance',
      speakers: 'Stadt Rodewisch; Gemeinde Großschönau',
      startsAt: day(45, 10),
      endsAt: day(45, 16),
      place: 'Rathaus Rodewisch',
      land: 'Sachsen',
      fieldsOfAction: ['gemeinschaft', 'wohnen', 'wirtschaft'],
      capacity: 40,
      hostTownId: town('rodewisch'),
    },
    {
      slug: 'digitale-akademie-szenarien-einfuehrung',
      form: 'digital',
      title: 'Digitale Akademie: Szenarien in der Kleinstadt – eine Einführung',
      summary: 'Webinar: Wie eine Szenariogruppe in fünf Werkstätten zu einem Zukunftsbild kommt.',
      programme: '## Ablauf\n\n- Die Methode in 20 Minuten\n- Erfahrungen aus zwei Modellstädten\n- Fragen und Antworten',
      speakers: 'Akademie-Redaktion',
      startsAt: day(10, 18),
      endsAt: day(10, 19, 30),
      place: '',
      onlineUrl: 'https://akademie.kleinstadt.example/webinar/szenarien',
      fieldsOfAction: ['kooperation', 'engagement'],
      capacity: 100,
    },
    {
      slug: 'kleinstadt-forum-malente',
      form: 'forum',
      title: 'Kleinstadt-Forum Nord: Tourismus und Stadtgesellschaft zusammen denken',
      summary: 'Wie Gäste und Einheimische gemeinsam von einer lebendigen Ortsmitte profitieren – mit Beispielen aus Malente und Beverungen.',
      programme: '## Programm\n\n- Malente 2030: Lebensort, Erholungsort, Wirtschaftsort\n- Beverungen: Erlebnis Fluss\n- Diskussion',
      speakers: 'Gemeinde Malente; Stadt Beverungen',
      startsAt: day(60, 10),
      endsAt: day(60, 15),
      place: 'Kurpark-Pavillon, Malente',
      land: 'Schleswig-Holstein',
      fieldsOfAction: ['besucher', 'wirtschaft'],
      capacity: 60,
      hostTownId: town('malente'),
    },
    {
      slug: 'kongress-kleinstaedte',
      form: 'kongress',
      title: 'Kongress „Kleinstädte in Deutschland“',
      summary: 'Der bundesweite Kongress der Kleinstädte: Politik, Wissenschaft und Praxis im Gespräch.',
      programme: '## Themen\n\n- Kleinstädtische Urbanität\n- Lernende Kleinstadt\n- Kooperation nach innen und außen',
      speakers: 'Bund, Länder, Kommunen, Forschung',
      startsAt: day(120, 10),
      endsAt: day(121, 16),
      place: 'Berlin',
      land: 'Berlin',
      fieldsOfAction: ['kooperation', 'digital', 'engagement'],
      capacity: 300,
    },
    {
      slug: 'mobile-akademie-muecheln',
      form: 'mobil',
      title: 'Mobile Akademie in Mücheln: Bürgerspaziergang und Kunst im Stadtraum',
      summary: 'Die Akademie war zu Gast in Mücheln: ein Spaziergang zwischen Marina, Altstadt und Barockgarten.',
      programme: '## Programm\n\n- Bürgerspaziergang\n- Werkstatt zu Kunstaktionen im Stadtraum',
      speakers: 'Stadt Mücheln (Geiseltal)',
      startsAt: day(-30, 10),
      endsAt: day(-30, 14),
      place: 'Marktplatz Mücheln',
      land: 'Sachsen-Anhalt',
      fieldsOfAction: ['gemeinschaft', 'besucher'],
      capacity: 30,
      hostTownId: town('muecheln-geiseltal'),
      documentation: '## Protokoll\n\n25 Menschen gingen mit. An fünf Stationen sammelten sie Ideen für die Achse zwischen Marina, Altstadt und Barockgarten.\n\n- Folien: Einführung Kunst im Stadtraum (PDF, bei der Stadt erhältlich)\n- Fotos: Bänke am Barockgarten, Lichtinstallation an der Marina',
    },
  ];
  const existing = new Set((await db.select({ slug: academyEvents.slug }).from(academyEvents).where(inArray(academyEvents.slug, events.map((e) => e.slug)))).map((e) => e.slug));
  const missing = events.filter((e) => !existing.has(e.slug));
  if (missing.length) await db.insert(academyEvents).values(missing);
  return missing.length;
}

