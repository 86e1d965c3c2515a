import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { components, ideas, meetings, processes, type FieldOfAction } from '../../processes/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { visionGoals } from '../../vision/server/schema.ts';
import { projectGoals, projectIdeas, projectMilestones, projects, projectUpdates, workingGroupMeetings, workingGroups, type FundingProgramme, type ProjectStatus, type ProjectType } from './schema.ts';

/**
 * Demo projects and working groups of the model towns, written for this platform after the ExWoSt report (BBSR,
 * ExWoSt-Informationen 50/4, 2019, chapter "Wie geht es weiter in den Modellvorhaben?"). What the report names is
 * taken from it (Rodewisch's "Neue Mitte – selbst gemacht" and its first prize in "Ab in die Mitte!" 2018, Malente's
 * three working groups meeting twice a year and the Netzwerk Sport Malente, Zell am Harmersbach's six working groups
 * and 14 small projects with responsible persons, …); persons, dates, budgets and texts are illustrations.
 */
interface DemoGroup {
  slug: string;
  name: string;
  topic: string;
  rhythm: string;
  /** Slug of a demo process the group belongs to; its meetings are linked to the group. */
  process?: string;
  notes?: string;
}
interface DemoProject {
  slug: string;
  title: string;
  type: ProjectType;
  status: ProjectStatus;
  fields: FieldOfAction[];
  responsible: string;
  summary: string;
  partners?: string;
  group?: string;
  process?: string;
  startsOn?: string;
  endsOn?: string;
  budget?: string;
  funding?: string;
  programmes?: FundingProgramme[];
  /** Titles of demo ideas of the town this project came from. */
  ideas?: string[];
  milestones?: [string, string | null, boolean][];
  updates?: [string, string, string][];
}
interface DemoTown {
  town: string;
  groups?: DemoGroup[];
  projects: DemoProject[];
}

const zellSmall: [string, string, FieldOfAction[], string, string, ProjectStatus, string?][] = [
  ['fashion-food-and-fun', 'Fashion, Food and Fun', ['wirtschaft', 'gemeinschaft'], 'Gewerbeverein Zell, Arbeitskreis Innenstadt', 'Ein Abend im Spätsommer, an dem die Geschäfte der Hauptstraße Mode zeigen, Gastronomen auf der Straße kochen und Musik spielt.', 'umgesetzt', 'innenstadt-und-handel'],
  ['stadtfuehrungen-von-jugendlichen', 'Stadtführungen von Jugendlichen', ['besucher', 'engagement'], 'Jugendforum Zell', 'Jugendliche zeigen Gästen und Einheimischen „ihre“ Stadt: vom Storchenturm bis zum Lieblingsplatz am Harmersbach.', 'umgesetzt', 'vereine-und-jugend'],
  ['repair-cafe', 'Repair-Café', ['engagement', 'gemeinschaft'], 'Seniorenbüro mit ehrenamtlichen Handwerkern', 'Einmal im Monat reparieren Ehrenamtliche Geräte, Fahrräder und Kleidung gemeinsam mit den Besitzern.', 'umgesetzt', 'wohnen-und-lebensqualitaet'],
  ['baenke-in-der-hauptstrasse', 'Bänke zum Verweilen in der Hauptstraße', ['gemeinschaft', 'wohnen'], 'Bauhof der Stadt, Patenschaften durch Anlieger', 'Zehn Bänke entlang der Hauptstraße, jede mit einer Patin oder einem Paten aus der Nachbarschaft.', 'umgesetzt', 'innenstadt-und-handel'],
  ['leerstandsboerse', 'Leerstandsbörse für die Altstadt', ['wirtschaft', 'wohnen'], 'Wirtschaftsförderung der Stadt', 'Eigentümer melden leere Läden und Wohnungen, Interessierte finden sie auf einer gemeinsamen Liste.', 'umsetzung', 'innenstadt-und-handel'],
  ['willkommensmappe', 'Willkommensmappe für Neubürgerinnen und Neubürger', ['gemeinschaft', 'kooperation'], 'Bürgerbüro mit den Vereinen', 'Eine Mappe mit Vereinen, Ansprechpersonen und Gutscheinen der Geschäfte für alle, die neu nach Zell ziehen.', 'umgesetzt', 'wohnen-und-lebensqualitaet'],
  ['vereinskalender', 'Gemeinsamer Vereinskalender', ['digital', 'engagement'], 'Arbeitsgruppe Vereine und Jugend', 'Alle Termine der Vereine an einer Stelle, damit sich Feste nicht überschneiden.', 'umsetzung', 'vereine-und-jugend'],
  ['mitfahrbaenke', 'Mitfahrbänke in den Ortsteilen', ['mobilitaet', 'gemeinschaft'], 'Kompetenzteam Verkehr', 'Wer auf der Bank sitzt, möchte mitgenommen werden: eine einfache Ergänzung zum Bus zwischen Unterharmersbach und der Kernstadt.', 'vorbereitung', 'kompetenzteam-verkehr'],
  ['bluehstreifen', 'Blühstreifen am Harmersbach', ['wohnen', 'engagement'], 'Obst- und Gartenbauverein', 'Insektenfreundliche Blühstreifen auf städtischen Flächen, gepflegt von Freiwilligen.', 'umgesetzt', 'wohnen-und-lebensqualitaet'],
  ['kulturnacht', 'Kulturnacht in der Altstadt', ['besucher', 'gemeinschaft'], 'Arbeitsgruppe Tourismus und Kultur', 'Museen, Kirchen und Werkstätten öffnen einen Abend lang bis Mitternacht.', 'vorbereitung', 'tourismus-und-kultur'],
  ['regionaler-wochenmarkt', 'Wochenmarkt mit regionalen Produkten', ['wirtschaft', 'besucher'], 'Arbeitsgruppe Wirtschaft, Landwirtinnen aus dem Tal', 'Ein Samstagsmarkt auf dem Kirchplatz mit Erzeugerinnen und Erzeugern aus dem Harmersbachtal.', 'umsetzung', 'wirtschaft'],
  ['ausbildungsboerse', 'Ausbildungsbörse mit den Betrieben', ['wirtschaft', 'kooperation'], 'Arbeitsgruppe Wirtschaft mit der Bildungspartnerschaft der Schulen', 'Betriebe aus Industrie und Handwerk stellen sich Schülerinnen und Schülern vor, mit Schnuppertagen.', 'umgesetzt', 'wirtschaft'],
  ['spielplatz-paten', 'Spielplatz-Patenschaften', ['engagement', 'wohnen'], 'Familienzentrum', 'Eltern übernehmen Patenschaften für die Spielplätze und melden Schäden direkt an den Bauhof.', 'ruht', 'wohnen-und-lebensqualitaet'],
  ['fahrradabstellanlage-bahnhof', 'Überdachte Fahrradabstellanlage am Bahnhof', ['mobilitaet'], 'Kompetenzteam Verkehr, Bauamt', 'Sichere Stellplätze für Fahrräder und Pedelecs am Bahnhaltepunkt.', 'vorbereitung', 'kompetenzteam-verkehr'],
];

const demo: DemoTown[] = [
  {
    town: 'zell-am-harmersbach',
    groups: [
      { slug: 'wirtschaft', name: 'Arbeitsgruppe Wirtschaft', topic: 'Betriebe, Fachkräfte und Ausbildung im Harmersbachtal.', rhythm: 'alle zwei Monate', process: 'zukunftswerkstatt' },
      { slug: 'tourismus-und-kultur', name: 'Arbeitsgruppe Tourismus und Kultur', topic: 'Gäste, Museen, Feste und die Altstadt als Bühne.', rhythm: 'alle zwei Monate', process: 'zukunftswerkstatt' },
      { slug: 'innenstadt-und-handel', name: 'Arbeitsgruppe Innenstadt und Handel', topic: 'Leerstand, Einzelhandel und Aufenthaltsqualität in der Hauptstraße.', rhythm: 'monatlich', process: 'zukunftswerkstatt' },
      { slug: 'wohnen-und-lebensqualitaet', name: 'Arbeitsgruppe Wohnen und Lebensqualität', topic: 'Wohnen für alle Generationen, Grün in der Stadt, Nachbarschaft.', rhythm: 'alle zwei Monate', process: 'zukunftswerkstatt' },
      { slug: 'vereine-und-jugend', name: 'Arbeitsgruppe Vereine und Jugend', topic: 'Vereinsleben, Ehrenamt und Projekte von und für Jugendliche.', rhythm: 'alle zwei Monate', process: 'zukunftswerkstatt' },
      { slug: 'kompetenzteam-verkehr', name: 'Kompetenzteam Verkehr', topic: 'Verkehrskonzept, Durchgangsstraße, Rad- und Fußverkehr, Busanbindung der Ortsteile.', rhythm: 'vierteljährlich', process: 'zukunftswerkstatt' },
    ],
    projects: [
      {
        slug: 'sanierung-rathaus',
        title: 'Sanierung des Rathauses',
        type: 'leitprojekt',
        status: 'umsetzung',
        fields: ['gemeinschaft', 'kooperation'],
        responsible: 'Stadtverwaltung, Bauamt',
        summary: 'Das Rathaus wird saniert und barrierefrei; im Erdgeschoss entsteht ein Bürgerbüro, das auch Vereinen offensteht.',
        process: 'zukunftswerkstatt',
        startsOn: '2019-01-01',
        programmes: ['kleinere_staedte'],
        funding: 'Städtebauförderung und Eigenmittel der Stadt',
        milestones: [
          ['Planung abgeschlossen', '2019-06-30', true],
          ['Bauabschnitt 1: Erdgeschoss', '2020-12-31', false],
        ],
      },
      {
        slug: 'historischer-rundofen',
        title: 'Sanierung des historischen Rundofens',
        type: 'leitprojekt',
        status: 'vorbereitung',
        fields: ['besucher', 'gemeinschaft'],
        responsible: 'Stadtverwaltung mit dem Historischen Verein',
        summary: 'Der Rundofen der früheren Keramikfabrik ist ein Denkmal der Industriegeschichte. Er wird gesichert und als Ort für Führungen und Veranstaltungen geöffnet.',
        group: 'tourismus-und-kultur',
        process: 'zukunftswerkstatt',
      },
      {
        slug: 'durchgangsstrasse-verkehrskonzept',
        title: 'Durchgangsstraße und Verkehrskonzept',
        type: 'leitprojekt',
        status: 'vorbereitung',
        fields: ['mobilitaet', 'wohnen'],
        responsible: 'Kompetenzteam Verkehr, Stadtbauamt',
        summary: 'Die Durchgangsstraße wird umgestaltet: weniger Tempo, sichere Querungen, mehr Platz für Fuß- und Radverkehr. Grundlage ist das gemeinsam erarbeitete Verkehrskonzept.',
        group: 'kompetenzteam-verkehr',
        process: 'zukunftswerkstatt',
      },
      {
        slug: 'jugendhaus-die-linde',
        title: 'Jugendhaus „Die Linde“',
        type: 'starterprojekt',
        status: 'umgesetzt',
        fields: ['engagement', 'gemeinschaft'],
        responsible: 'Jugendforum Zell mit der Stadt',
        partners: 'Industrie- und Handwerksbetriebe aus Zell',
        summary: 'Jugendliche haben das Haus gemeinsam mit der Stadt und mit Betrieben aus Industrie und Handwerk umgebaut. Eröffnet im ersten Quartal 2019.',
        group: 'vereine-und-jugend',
        process: 'zukunftswerkstatt',
        endsOn: '2019-03-31',
        updates: [['Die Linde ist eröffnet', 'Nach vielen Samstagen auf der Baustelle ist das Jugendhaus eröffnet. Die Jugendlichen verwalten die Räume selbst.', '2019-03-30']],
      },
      ...zellSmall.map(
        ([slug, title, fields, responsible, summary, status, group]): DemoProject => ({
          slug,
          title,
          type: 'projekt',
          status,
          fields,
          responsible,
          summary,
          group,
          process: 'zukunftswerkstatt',
          ideas: title === 'Stadtführungen von Jugendlichen' || title === 'Repair-Café' ? [title] : undefined,
        }),
      ),
    ],
  },
  {
    town: 'rodewisch',
    groups: [
      { slug: 'leitungsgruppe', name: 'Leitungsgruppe', topic: 'Steuert die kooperative Stadtentwicklung nach dem Forschungsfeld: Bürgermeisterin, Verwaltung und Mitglieder der Szenariogruppe.', rhythm: 'vierteljährlich', process: 'neue-mitte' },
      { slug: 'ag-zukunftsgeschichte', name: 'Arbeitsgruppe Zukunftsgeschichte', topic: 'Strategiepapier und Leitbild; die Zukunftsgeschichte als Film, Postkarten, Malbücher und Tafeln mit Zukunftswimmelbildern im Stadtraum.', rhythm: 'monatlich', process: 'neue-mitte' },
    ],
    projects: [
      {
        slug: 'neue-mitte-selbst-gemacht',
        title: 'Neue Mitte – selbst gemacht',
        type: 'leitprojekt',
        status: 'umsetzung',
        fields: ['gemeinschaft', 'engagement', 'wohnen'],
        responsible: 'Stadt Rodewisch, Bürgermeisterin und Bauamt',
        partners: 'mehr als 60 Kinder, Jugendliche und Erwachsene aus Rodewisch; Gewerbetreibende der Innenstadt',
        summary:
          'Kernprojekt der Stadtentwicklung: Das Stadtzentrum wird gemeinsam entwickelt. Der Beitrag, den mehr als 60 Kinder, Jugendliche und Erwachsene erarbeitet haben, gewann 2018 den **1. Preis** im landesweiten Wettbewerb „Ab in die Mitte! Die City-Offensive Sachsen“. Das Preisgeld fließt in die Umsetzung im **ROWI-Park**.',
        group: 'leitungsgruppe',
        process: 'neue-mitte',
        startsOn: '2018-01-01',
        budget: 'Preisgeld aus „Ab in die Mitte!“ und Eigenmittel',
        funding: 'Preisgeld des Wettbewerbs, Eigenleistungen der Beteiligten',
        programmes: ['ab_in_die_mitte'],
        ideas: ['Sitzbänke und Schatten auf dem Markt', 'Jugendcafé in der Neuen Mitte'],
        milestones: [
          ['Wettbewerbsbeitrag eingereicht', '2018-05-31', true],
          ['Preisverleihung „Ab in die Mitte!“', '2018-09-30', true],
          ['Erster Bauabschnitt im ROWI-Park', '2019-10-31', false],
        ],
        updates: [
          ['1. Preis bei „Ab in die Mitte!“', 'Unser Beitrag „Neue Mitte – selbst gemacht“ hat den ersten Preis im Wettbewerb „Ab in die Mitte! Die City-Offensive Sachsen“ gewonnen. Danke an alle, die mitgemacht haben!', '2018-09-28'],
          ['Bauen im ROWI-Park beginnt', 'Mit dem Preisgeld beginnt die Umsetzung im ROWI-Park. Wer mitbauen möchte, meldet sich im Rathaus.', '2019-04-15'],
        ],
      },
      { slug: 'schlossinsel', title: 'Schlossinsel', type: 'projekt', status: 'vorbereitung', fields: ['besucher', 'gemeinschaft'], responsible: 'Stadt Rodewisch', summary: 'Die Schlossinsel wird als Ort für Kultur und Erholung weiterentwickelt.', process: 'neue-mitte' },
      { slug: 'busbahnhof', title: 'Busbahnhof', type: 'projekt', status: 'idee', fields: ['mobilitaet'], responsible: 'Stadt Rodewisch mit dem Verkehrsverbund', summary: 'Der Busbahnhof soll freundlicher und besser an die Innenstadt angebunden werden.', process: 'neue-mitte' },
      { slug: 'wohnen-in-der-innenstadt', title: 'Wohnen in der Innenstadt', type: 'projekt', status: 'idee', fields: ['wohnen'], responsible: 'Arbeitsgruppe Zukunftsgeschichte', summary: 'Wie kann das Wohnen in der Innenstadt attraktiver werden? Gespräche mit Eigentümern und der Wohnungsgesellschaft.', group: 'ag-zukunftsgeschichte', process: 'neue-mitte' },
    ],
  },
  {
    town: 'malente',
    groups: [
      { slug: 'lebensort', name: 'Arbeitsgruppe Lebensort', topic: 'Wohnen, Nahversorgung und Zusammenleben in Malente und seinen Ortsteilen.', rhythm: 'zweimal im Jahr', process: 'ag-lebensort', notes: 'Nächstes Treffen: Protokoll der letzten Sitzung vorher lesen. Ansprechpartnerin ist die Stabsstelle Gemeindeentwicklung.' },
      { slug: 'erholungsort', name: 'Arbeitsgruppe Erholungsort', topic: 'Tourismus, Kur und Natur in der Holsteinischen Schweiz.', rhythm: 'zweimal im Jahr', process: 'ag-erholungsort' },
      { slug: 'wirtschaftsort', name: 'Arbeitsgruppe Wirtschaftsort', topic: 'Handel, Handwerk und Fachkräfte in Malente.', rhythm: 'zweimal im Jahr', process: 'ag-wirtschaftsort' },
    ],
    projects: [
      {
        slug: 'netzwerk-sport-malente',
        title: 'Netzwerk Sport Malente e. V.',
        type: 'starterprojekt',
        status: 'umgesetzt',
        fields: ['engagement', 'kooperation'],
        responsible: 'Netzwerk Sport Malente e. V.',
        partners: 'Sportvereine und -verbände mit Sitz in der Gemeinde',
        summary: 'Eine Vereinigung der Sportvereine und Verbände der Gemeinde, die den Sport in Malente stärkt. Die Idee wurde in weniger als einem Jahr umgesetzt – das erste konkrete Projekt aus „Malente 2030“.',
        group: 'lebensort',
        process: 'malente-2030',
        updates: [['Der Verein ist gegründet', 'Die Sportvereine haben das Netzwerk Sport Malente gegründet. Weniger als ein Jahr nach der Idee ist es Wirklichkeit.', '2018-11-20']],
      },
      {
        slug: 'ortsmitte-aktive-zentren',
        title: 'Leitprojekte im Ortszentrum',
        type: 'leitprojekt',
        status: 'vorbereitung',
        fields: ['wirtschaft', 'besucher', 'wohnen'],
        responsible: 'Stabsstelle Gemeindeentwicklung',
        summary: 'Mit der Aufnahme in das Bund-Länder-Programm „Aktive Stadt- und Ortsteilzentren“ werden Projekte im zentralen Bereich der Gemeinde umgesetzt. Das Zukunftsbild von „Malente 2030“ ist in das Integrierte Gemeindeentwicklungskonzept eingegangen.',
        group: 'wirtschaftsort',
        process: 'malente-2030',
        programmes: ['aktive_zentren'],
        funding: 'Städtebauförderung, Eigenanteil der Gemeinde',
        ideas: ['Ortsmitte mit Markthalle'],
      },
      {
        slug: 'uferweg-dieksee',
        title: 'Uferweg am Dieksee',
        type: 'projekt',
        status: 'idee',
        fields: ['besucher', 'gemeinschaft'],
        responsible: 'Arbeitsgruppe Erholungsort',
        summary: 'Die Lücken im Uferweg schließen, damit Gäste und Einheimische rund um den See spazieren können.',
        group: 'erholungsort',
        process: 'malente-2030',
        ideas: ['Uferweg am Dieksee durchgängig machen'],
      },
    ],
  },
  {
    town: 'kastellaun',
    projects: [
      {
        slug: 'stadthalle-tivoli',
        title: 'Zukunft der Stadthalle „Tivoli“',
        type: 'leitprojekt',
        status: 'vorbereitung',
        fields: ['gemeinschaft', 'besucher'],
        responsible: 'Stadt Kastellaun, Stadtrat',
        summary: 'Die Stadthalle ist die wichtigste Herzensangelegenheit der Einwohnerschaft. Nach dem Erwerb des privaten Teils der Liegenschaft soll ein nicht-offener Planungswettbewerb Entwürfe für das gesamte Umfeld zeigen.',
        process: 'kastellaun-2030',
        milestones: [['Planungswettbewerb ausgelobt', null, false]],
      },
      {
        slug: 'pop-up-laeden',
        title: 'Pop-up-Läden in der Innenstadt',
        type: 'starterprojekt',
        status: 'vorbereitung',
        fields: ['wirtschaft', 'gemeinschaft'],
        responsible: 'Gewerbeverein Kastellaun',
        summary: 'Gründerinnen und Vereine nutzen leere Läden für einige Monate zu einer kleinen Miete.',
        process: 'kastellaun-2030',
        ideas: ['Leerstehende Läden als Pop-up-Räume'],
      },
    ],
  },
  {
    town: 'grossschoenau',
    projects: [
      { slug: 'webschule', title: 'Webschule als Ort textiler Kreativität', type: 'leitprojekt', status: 'vorbereitung', fields: ['wirtschaft', 'besucher'], responsible: 'Gemeinde Großschönau', summary: 'Die frühere Webschule wird ein Ort textiler Kreativität. Mit der Idee hat Großschönau im Landeswettbewerb „Ideen für den ländlichen Raum“ gewonnen und einen ersten Grundstock für die Umsetzung gesichert.', programmes: ['land_competition'] },
      { slug: 'bahnhof', title: 'Bahnhof mit Jugendtreff', type: 'leitprojekt', status: 'umsetzung', fields: ['engagement', 'mobilitaet'], responsible: 'Gemeinde Großschönau', summary: 'Eine Machbarkeitsstudie untersucht die Nutzung des Bahnhofs. Angestoßen durch das JugendBarCamp entsteht dort ein Jugendtreff; eine Stelle für Jugendsozialarbeit ist geschaffen.', process: 'jugendbarcamp' },
    ],
  },
  {
    town: 'bad-lobenstein',
    projects: [{ slug: 'bad-lobenstein-stipendium', title: 'Bad Lobenstein-Stipendium', type: 'starterprojekt', status: 'umsetzung', fields: ['wirtschaft', 'engagement'], responsible: 'Stadt Bad Lobenstein', summary: 'Ein Starterprojekt aus der Summer School: Ein Stipendium holt junge Menschen für eine Zeit nach Bad Lobenstein.' }],
  },
  {
    town: 'muecheln-geiseltal',
    projects: [{ slug: 'kunstaktionen', title: 'Kunstaktionen im städtischen Raum', type: 'starterprojekt', status: 'umgesetzt', fields: ['besucher', 'gemeinschaft'], responsible: 'Stadt Mücheln mit der Kunsthochschule Burg Giebichenstein', summary: 'Künstlerische Interventionen stärken die Achse zwischen Marina, Altstadt und Barockgarten.' }],
  },
];

async function seedTown(tx: Tx, townId: string, d: DemoTown): Promise<void> {
  const processRows = await tx.select({ id: processes.id, slug: processes.slug }).from(processes).where(eq(processes.townId, townId));
  const processId = (slug?: string) => (slug ? (processRows.find((p) => p.slug === slug)?.id ?? null) : null);
  const groupIds = new Map<string, string>();
  for (const g of d.groups ?? []) {
    const [row] = await tx
      .insert(workingGroups)
      .values({ townId, slug: g.slug, name: g.name, topic: g.topic, rhythm: g.rhythm, processId: processId(g.process), internalNotes: g.notes ?? '' })
      .returning({ id: workingGroups.id });
    groupIds.set(g.slug, row!.id);
    // The meetings of the group's own process are the group's meetings.
    const pid = processId(g.process);
    if (pid && g.process?.startsWith('ag-')) {
      const rows = await tx.select({ id: meetings.id }).from(meetings).innerJoin(components, eq(components.id, meetings.componentId)).where(eq(components.processId, pid));
      if (rows.length) await tx.insert(workingGroupMeetings).values(rows.map((r) => ({ groupId: row!.id, meetingId: r.id })));
    }
  }
  const ideaRows = await tx.select({ id: ideas.id, title: ideas.title }).from(ideas).where(eq(ideas.townId, townId));
  for (const p of d.projects) {
    const [project] = await tx
      .insert(projects)
      .values({
        townId,
        slug: p.slug,
        title: p.title,
        summary: p.summary,
        type: p.type,
        status: p.status,
        fields: p.fields,
        responsibleName: p.responsible,
        partners: p.partners ?? '',
        workingGroupId: p.group ? (groupIds.get(p.group) ?? null) : null,
        processId: processId(p.process),
        startsOn: p.startsOn ?? null,
        endsOn: p.endsOn ?? null,
        budget: p.budget ?? '',
        funding: p.funding ?? '',
        fundingProgrammes: p.programmes ?? [],
        published: true,
      })
      .returning({ id: projects.id });
    const linked = ideaRows.filter((i) => p.ideas?.includes(i.title));
    if (linked.length) {
      await tx.insert(projectIdeas).values(linked.map((i) => ({ projectId: project!.id, ideaId: i.id })));
      await tx
        .update(ideas)
        .set({ status: p.status === 'umgesetzt' ? 'umgesetzt' : 'wird_projekt' })
        .where(and(inArray(ideas.id, linked.map((i) => i.id)), inArray(ideas.status, ['neu', 'geprueft'])));
    }
    if (p.milestones?.length) await tx.insert(projectMilestones).values(p.milestones.map(([title, dueOn, done]) => ({ projectId: project!.id, title, dueOn, done })));
    if (p.updates?.length) await tx.insert(projectUpdates).values(p.updates.map(([title, body, at]) => ({ projectId: project!.id, title, body, createdAt: new Date(`${at}T10:00:00Z`) })));
  }
}

/** Seeds the demo projects and working groups into model towns that have none yet. Returns how many towns got them. */
export async function seedDemoProjects(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    let seeded = 0;
    for (const d of demo) {
      const [town] = await tx.select({ id: towns.id }).from(towns).where(eq(towns.slug, d.town));
      if (!town) continue;
      const [existing] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.townId, town.id), eq(projects.slug, d.projects[0]!.slug)));
      if (existing) continue;
      await seedTown(tx, town.id, d);
      seeded++;
    }
    return seeded;
  });
}

/**
 * Links demo projects to the goals of Malente's demo Zukunftsbild and gives some demo projects a place on the town
 * map (after `seedDemoVision`, which writes the goals). Idempotent: only projects without goals or without a place are
 * touched. Places are illustrations inside the towns' outlines.
 */
export async function seedDemoProjectGoalsAndPlaces(db: Db): Promise<number> {
  const links: { town: string; project: string; goals?: string[]; place?: [number, number] }[] = [
    { town: 'malente', project: 'netzwerk-sport-malente', goals: ['Treffpunkte für alle Generationen', 'Kurpark als Bühne'], place: [54.1705, 10.5605] },
    { town: 'malente', project: 'ortsmitte-aktive-zentren', goals: ['Markthalle für regionale Produkte', 'Bezahlbar wohnen im Ort'], place: [54.1722, 10.5567] },
    { town: 'malente', project: 'uferweg-dieksee', goals: ['Uferweg rund um den Dieksee'], place: [54.1662, 10.5482] },
    { town: 'kastellaun', project: 'stadthalle-tivoli', place: [50.0699, 7.4413] },
    { town: 'kastellaun', project: 'pop-up-laeden', place: [50.0689, 7.4398] },
  ];
  let changed = 0;
  for (const link of links) {
    await db.transaction(async (tx) => {
      const [project] = await tx
        .select({ id: projects.id, processId: projects.processId, latitude: projects.latitude })
        .from(projects)
        .innerJoin(towns, eq(towns.id, projects.townId))
        .where(and(eq(towns.slug, link.town), eq(projects.slug, link.project)));
      if (!project) return;
      if (link.place && project.latitude === null) {
        await tx.update(projects).set({ latitude: link.place[0], longitude: link.place[1] }).where(eq(projects.id, project.id));
        changed++;
      }
      if (link.goals && project.processId) {
        const [existing] = await tx.select().from(projectGoals).where(eq(projectGoals.projectId, project.id)).limit(1);
        if (existing) return;
        const goals = await tx.select({ id: visionGoals.id }).from(visionGoals).where(and(eq(visionGoals.processId, project.processId), inArray(visionGoals.title, link.goals)));
        if (goals.length) {
          await tx.insert(projectGoals).values(goals.map((g) => ({ projectId: project.id, goalId: g.id })));
          changed++;
        }
      }
    });
  }
  return changed;
}
