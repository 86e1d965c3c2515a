import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { towns } from '../../towns/server/schema.ts';
import { blueprints, type BlueprintKey } from './blueprints.ts';
import { ideas, meetings, phases, processes, type FieldOfAction, type IdeaStatus } from './schema.ts';
import { instantiateBlueprint } from './service.ts';

/**
 * Demo processes of the model towns, written for this platform after the ExWoSt report (BBSR, ExWoSt-Informationen
 * 50/4, 2019). Names, dates and texts are illustrations of what the towns did, not records of their meetings.
 */
interface DemoMeeting {
  title: string;
  /** ISO date-time, or days from today for upcoming meetings. */
  at: string | number;
  hours?: number;
  place: string;
  address: string;
  agenda: string;
  capacity?: number;
  protocol?: string;
}
interface DemoIdea {
  title: string;
  body: string;
  field: FieldOfAction;
  status?: IdeaStatus;
  statusReason?: string;
  /** A place in the town: name and point (WGS84), for the idea map. */
  at?: [place: string, latitude: number, longitude: number];
}
interface DemoProcess {
  town: string;
  slug: string;
  title: string;
  blueprint: BlueprintKey;
  summary: string;
  currentPhase: number;
  phaseDates?: [string | null, string | null][];
  meetings?: DemoMeeting[];
  ideas?: DemoIdea[];
}

const demo: DemoProcess[] = [
  {
    town: 'kastellaun',
    slug: 'kastellaun-2030',
    title: 'Zukunftsprozess Kastellaun 2030',
    blueprint: 'szenariowerkstatt',
    summary:
      'Eine Szenariogruppe aus Verwaltung, Rat, Wirtschaft, Vereinen und Bürgerschaft hat in **drei Szenariowerkstätten** ein Zukunftsbild für Kastellaun im Jahr 2030 entwickelt. Jetzt sammeln wir Ideen und machen daraus Leit- und Starterprojekte.',
    currentPhase: 2,
    phaseDates: [
      ['2016-09-01', '2016-12-31'],
      ['2017-01-15', '2017-06-30'],
      ['2017-07-01', null],
      [null, null],
    ],
    meetings: [
      {
        title: 'Szenariowerkstatt I: Die Gruppe findet sich',
        at: '2017-01-21T09:30:00+01:00',
        hours: 6,
        place: 'Stadthalle Kastellaun, kleiner Saal',
        address: 'Bopparder Straße 1, 56288 Kastellaun',
        agenda: '- Kennenlernen\n- Stärken und Schwächen Kastellauns\n- Erwartungen an den Prozess',
        capacity: 30,
        protocol:
          '## Ergebnisse\n\n26 Mitglieder der Szenariogruppe haben Stärken (Lage im Hunsrück, Vereinsleben, Burg) und Schwächen (Leerstand in der Innenstadt, wenig Angebote für Jugendliche) gesammelt.\n\n## Nächste Schritte\n\nIn Werkstatt II sammeln wir Einflussfaktoren.',
      },
      {
        title: 'Szenariowerkstatt II: Einflussfaktoren und Schlüsselfaktoren',
        at: '2017-03-18T09:30:00+01:00',
        hours: 6,
        place: 'Stadthalle Kastellaun, kleiner Saal',
        address: 'Bopparder Straße 1, 56288 Kastellaun',
        agenda: '- Einflussfaktoren sammeln\n- Wirkungen bewerten\n- Schlüsselfaktoren wählen',
        capacity: 30,
        protocol: '## Ergebnisse\n\nAus 34 Einflussfaktoren hat die Gruppe acht Schlüsselfaktoren gewählt, darunter *Innenstadtleben*, *Mobilität im ländlichen Raum* und *Ehrenamt*.',
      },
      {
        title: 'Szenariowerkstatt III: Schlagzeilen aus dem Jahr 2030',
        at: '2017-05-13T09:30:00+02:00',
        hours: 6,
        place: 'Stadthalle Kastellaun, kleiner Saal',
        address: 'Bopparder Straße 1, 56288 Kastellaun',
        agenda: '- Schlagzeilen 2030 schreiben\n- Zukunftsbild formen',
        capacity: 30,
        protocol: '## Ergebnisse\n\n> „Kastellaun 2030: Die Innenstadt lebt – Wohnen über den Läden ist wieder gefragt“\n\nAus 40 Schlagzeilen ist das Zukunftsbild entstanden.',
      },
      {
        title: 'Ideenabend: Was machen wir zuerst?',
        at: 21,
        hours: 2.5,
        place: 'Rathaus Kastellaun, Sitzungssaal',
        address: 'Kirchstraße 1, 56288 Kastellaun',
        agenda: '- Vorstellung des Zukunftsbildes\n- Ideen bewerten\n- Starterprojekte auswählen',
        capacity: 40,
      },
    ],
    ideas: [
      { title: 'Leerstehende Läden als Pop-up-Räume', body: 'Junge Gründerinnen und Vereine könnten leere Läden in der Innenstadt für einige Monate günstig nutzen.', field: 'wirtschaft', status: 'wird_projekt', at: ['Hauptstraße', 50.0706, 7.4405] },
      { title: 'Bürgerbus in die Dörfer', body: 'Ein ehrenamtlich gefahrener Bürgerbus verbindet die Ortsgemeinden zweimal pro Woche mit der Stadt.', field: 'mobilitaet', status: 'geprueft' },
      { title: 'Treffpunkt für Jugendliche am Burgberg', body: 'Ein überdachter Treffpunkt mit WLAN, den Jugendliche selbst gestalten.', field: 'gemeinschaft', at: ['Burgberg', 50.0688, 7.4438] },
      { title: 'Wohnen über den Läden', body: 'Beratung für Eigentümer, die leere Obergeschosse in der Innenstadt zu Wohnungen umbauen möchten.', field: 'wohnen', at: ['Innenstadt', 50.0713, 7.4396] },
    ],
  },
  {
    town: 'rodewisch',
    slug: 'neue-mitte',
    title: 'Neue Mitte – selbst gemacht',
    blueprint: 'szenariowerkstatt',
    summary: 'Rodewisch gestaltet seine Innenstadt gemeinsam: Bürgerinnen und Bürger, Jugendliche und Gewerbe entwickeln die **Neue Mitte** und setzen kleine Projekte selbst um.',
    currentPhase: 2,
    meetings: [
      {
        title: 'Werkstatt Neue Mitte',
        at: 35,
        hours: 3,
        place: 'Rathaus Rodewisch',
        address: 'Wernesgrüner Straße 32, 08228 Rodewisch',
        agenda: '- Rundgang über den Marktplatz\n- Ideen für die Neue Mitte\n- Wer macht mit?',
        capacity: 25,
      },
    ],
    ideas: [
      { title: 'Sitzbänke und Schatten auf dem Markt', body: 'Mehr Bänke und Bäume machen den Markt zu einem Ort zum Verweilen.', field: 'gemeinschaft', status: 'umgesetzt', statusReason: 'Im Sommer 2018 mit dem Bauhof aufgestellt.', at: ['Markt', 50.5316, 12.4118] },
      { title: 'Jugendcafé in der Neuen Mitte', body: 'Ein Raum, den Jugendliche selbst verwalten.', field: 'engagement', status: 'wird_projekt' },
    ],
  },
  {
    town: 'rodewisch',
    slug: 'jugendbarcamp',
    title: 'JugendBarCamp Rodewisch',
    blueprint: 'jugendbarcamp',
    summary: 'Jugendliche aus Rodewisch setzen die Themen: Was braucht ihr in eurer Stadt?',
    currentPhase: 0,
  },
  {
    town: 'malente',
    slug: 'malente-2030',
    title: 'Malente 2030',
    blueprint: 'szenariowerkstatt',
    summary: 'Unter dem Leitgedanken „Malente 2030“ arbeiten drei Arbeitsgruppen weiter: **Lebensort**, **Erholungsort** und **Wirtschaftsort**. Einmal im Jahr lädt die Gemeinde zum Bürgerforum.',
    currentPhase: 3,
    ideas: [
      { title: 'Uferweg am Dieksee durchgängig machen', body: 'Die Lücken im Uferweg schließen, damit Gäste und Einheimische rund um den See spazieren können.', field: 'besucher', status: 'geprueft', at: ['Dieksee', 54.1742, 10.5521] },
      { title: 'Ortsmitte mit Markthalle', body: 'Eine kleine Markthalle für regionale Produkte belebt die Ortsmitte.', field: 'wirtschaft' },
    ],
  },
  {
    town: 'malente',
    slug: 'ag-lebensort',
    title: 'Arbeitsgruppe Lebensort',
    blueprint: 'arbeitsgruppe',
    summary: 'Wohnen, Nahversorgung und Zusammenleben in Malente. Die Gruppe trifft sich zweimal im Jahr.',
    currentPhase: 0,
    meetings: [{ title: 'Treffen der AG Lebensort', at: 49, hours: 2, place: 'Haus des Kurgastes', address: 'Bahnhofstraße 4a, 23714 Malente', agenda: '- Stand der Projekte\n- Nächste Schritte' }],
  },
  {
    town: 'malente',
    slug: 'ag-erholungsort',
    title: 'Arbeitsgruppe Erholungsort',
    blueprint: 'arbeitsgruppe',
    summary: 'Tourismus, Kur und Natur in der Holsteinischen Schweiz.',
    currentPhase: 0,
  },
  {
    town: 'malente',
    slug: 'ag-wirtschaftsort',
    title: 'Arbeitsgruppe Wirtschaftsort',
    blueprint: 'arbeitsgruppe',
    summary: 'Handel, Handwerk und Fachkräfte in Malente.',
    currentPhase: 0,
  },
  {
    town: 'zell-am-harmersbach',
    slug: 'zukunftswerkstatt',
    title: 'Zukunftswerkstatt Zell am Harmersbach',
    blueprint: 'szenariowerkstatt',
    summary: 'Aus der Zukunftswerkstatt sind 14 kleine Projekte entstanden, jedes mit einer Person, die sich kümmert.',
    currentPhase: 3,
    ideas: [
      { title: 'Stadtführungen von Jugendlichen', body: 'Jugendliche zeigen Gästen ihre Stadt.', field: 'besucher', status: 'umgesetzt' },
      { title: 'Repair-Café', body: 'Einmal im Monat reparieren Ehrenamtliche Geräte gemeinsam mit den Besitzern.', field: 'engagement', status: 'umgesetzt' },
    ],
  },
  { town: 'grossschoenau', slug: 'jugendbarcamp', title: 'JugendBarCamp Großschönau', blueprint: 'jugendbarcamp', summary: 'Jugendliche im Dreiländereck diskutieren ihre Themen.', currentPhase: 2 },
  { town: 'beverungen', slug: 'stadtspaziergang', title: 'Stadtspaziergang Kernstadt und Dörfer', blueprint: 'stadtspaziergang', summary: 'Unterwegs von der Weserpromenade in die Ortschaften.', currentPhase: 0 },
  { town: 'muecheln-geiseltal', slug: 'umfrage-see-und-altstadt', title: 'Umfrage: See und Altstadt', blueprint: 'umfrage', summary: 'Wie sollen der Geiseltalsee und die Altstadt zusammenwachsen?', currentPhase: 0 },
  { town: 'bad-lobenstein', slug: 'buergerforum', title: 'Bürgerforum Bad Lobenstein', blueprint: 'buergerforum', summary: 'Wohnen, Gesundheit und Zusammenhalt in der Kernstadt.', currentPhase: 0 },
];

function meetingTimes(m: DemoMeeting): { startsAt: Date; endsAt: Date } {
  let startsAt: Date;
  if (typeof m.at === 'number') {
    startsAt = new Date(Date.now() + m.at * 86_400_000);
    startsAt.setUTCHours(17, 0, 0, 0);
  } else startsAt = new Date(m.at);
  return { startsAt, endsAt: new Date(startsAt.getTime() + (m.hours ?? 2) * 3_600_000) };
}

async function seedOne(tx: Tx, townId: string, d: DemoProcess): Promise<void> {
  const { process, components } = await instantiateBlueprint(tx, townId, blueprints[d.blueprint], { title: d.title, slug: d.slug, summary: d.summary, currentPhaseIndex: d.currentPhase });
  if (d.phaseDates) {
    const rows = await tx.select().from(phases).where(eq(phases.processId, process.id));
    rows.sort((a, b) => a.position - b.position);
    for (const [i, [startsOn, endsOn]] of d.phaseDates.entries()) if (rows[i]) await tx.update(phases).set({ startsOn, endsOn }).where(eq(phases.id, rows[i]!.id));
  }
  const meetingsComponent = components.find((c) => c.type === 'meetings');
  if (meetingsComponent && d.meetings?.length) {
    await tx.insert(meetings).values(
      d.meetings.map((m) => ({ townId, componentId: meetingsComponent.id, title: m.title, ...meetingTimes(m), place: m.place, address: m.address, agenda: m.agenda, capacity: m.capacity ?? null, protocol: m.protocol ?? '' })),
    );
  }
  const ideasComponent = components.find((c) => c.type === 'ideas');
  if (ideasComponent && d.ideas?.length) {
    const base = Date.now() - d.ideas.length * 86_400_000;
    await tx.insert(ideas).values(
      d.ideas.map((idea, i) => ({
        townId,
        processId: process.id,
        componentId: ideasComponent.id,
        title: idea.title,
        body: idea.body,
        field: idea.field,
        status: idea.status ?? 'neu',
        statusReason: idea.statusReason ?? '',
        ...(idea.at ? { place: idea.at[0], latitude: idea.at[1], longitude: idea.at[2] } : {}),
        createdAt: new Date(base + i * 86_400_000),
      })),
    );
  }
}

/** Seeds the demo processes into the model towns that exist and have none of them yet. Returns how many were made. */
export async function seedDemoProcesses(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    let created = 0;
    for (const d of demo) {
      const [town] = await tx.select({ id: towns.id }).from(towns).where(eq(towns.slug, d.town));
      if (!town) continue;
      const [existing] = await tx.select({ id: processes.id }).from(processes).where(and(eq(processes.townId, town.id), eq(processes.slug, d.slug)));
      if (existing) continue;
      await seedOne(tx, town.id, d);
      created++;
    }
    return created;
  });
}
