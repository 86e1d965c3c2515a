import type { Grant } from '../../../server/permissions.ts';
import type { Localized } from './components/define.ts';

/**
 * The stable keys of the format blueprints. Other modules (the academy's method guides) link to blueprints by
 * these keys; never rename one, only add.
 */
export const blueprintKeys = ['szenariowerkstatt', 'jugendbarcamp', 'stadtspaziergang', 'open_space', 'umfrage', 'buergerforum', 'summer_school', 'arbeitsgruppe'] as const;
export type BlueprintKey = (typeof blueprintKeys)[number];

export interface BlueprintPhase {
  name: string;
  description: string;
  /** Per-phase grants that differ from the component manifests' defaults, keyed `<component index>:<action>`. */
  grants?: Readonly<Record<string, readonly Grant[]>>;
}

export interface BlueprintComponent {
  type: string;
  title: string;
  settings?: Record<string, unknown>;
}

export interface Blueprint {
  key: BlueprintKey;
  title: Localized;
  summary: Localized;
  /** Short guide for the organiser, German, Markdown. */
  guideDe: string;
  phases: readonly BlueprintPhase[];
  components: readonly BlueprintComponent[];
  /** Format tools that later releases add to this blueprint (shown in the guide so organisers know). */
  plannedTools?: readonly string[];
}

const closed: readonly Grant[] = [];
/**
 * Where a phase closes `ideas:submit`, authors may no longer change their ideas either: `ideas:edit` stays with the
 * town's team (a test checks that every blueprint keeps the two together).
 */
const teamOnly: readonly Grant[] = ['town_admin', 'moderator'];

export const blueprints: Readonly<Record<BlueprintKey, Blueprint>> = {
  szenariowerkstatt: {
    key: 'szenariowerkstatt',
    title: { de: 'Szenariowerkstatt-Reihe', en: 'Scenario workshop series' },
    summary: {
      de: 'Eine Szenariogruppe entwickelt in drei Werkstätten ein Zukunftsbild und eine Zukunftsgeschichte 2030.',
      en: 'A scenario group develops a vision and a future story 2030 in three workshops.',
    },
    guideDe: `## So gehen Sie vor

1. **Szenariogruppe gründen.** Laden Sie bis zu 30 Menschen ein: Verwaltung, Rat, Wirtschaft, Vereine, Bürgerschaft und Jugend. Achten Sie auf eine gute Mischung – auch Menschen in schwierigen Lebenslagen sollen mitreden.
2. **Werkstatt I – Start:** Kennenlernen, Stärken und Schwächen der Stadt, Erwartungen an den Prozess.
3. **Werkstatt II – Einflussfaktoren:** Faktoren sammeln, die die Zukunft der Stadt bestimmen, und die Schlüsselfaktoren auswählen.
4. **Werkstatt III – Zukunftsbild:** Schlagzeilen aus dem Jahr 2030 schreiben und daraus das Zukunftsbild formen.
5. **Ideen sammeln** – auch von allen, die nicht in der Gruppe sind – und daraus Leit- und Starterprojekte ableiten.

Planen Sie zwischen den Werkstätten vier bis acht Wochen ein und veröffentlichen Sie nach jeder Werkstatt das Protokoll mit Fotos der Pinnwände.`,
    phases: [
      { name: 'Vorbereitung', description: 'Szenariogruppe zusammenstellen, Termine festlegen.', grants: { '2:submit': closed, '2:edit': teamOnly, '2:support': closed, '2:comment': closed } },
      { name: 'Werkstätten', description: 'Drei Szenariowerkstätten mit der Szenariogruppe.' },
      { name: 'Ideen und Projekte', description: 'Ideen sammeln, bewerten und Leit- und Starterprojekte ableiten.' },
      { name: 'Verstetigung', description: 'Umsetzung in Arbeitsgruppen, jährliches Forum.', grants: { '2:submit': closed, '2:edit': teamOnly } },
    ],
    components: [
      { type: 'info', title: 'Worum es geht', settings: { body: 'Die Szenariogruppe entwirft in drei Werkstätten ein gemeinsames Bild unserer Stadt im Jahr 2030.' } },
      { type: 'meetings', title: 'Szenariowerkstätten', settings: { defaultCapacity: 30 } },
      { type: 'ideas', title: 'Ideen für unsere Stadt', settings: { prompt: 'Was sollte unsere Stadt 2030 auszeichnen?' } },
      { type: 'scenario_group', title: 'Die Szenariogruppe', settings: { maxMembers: 30 } },
    ],
    plannedTools: ['SWOT', 'Einflussmatrix (Vester)', 'Cross-Impact-Bilanz', 'Schlagzeilen 2030'],
  },
  jugendbarcamp: {
    key: 'jugendbarcamp',
    title: { de: 'JugendBarCamp', en: 'Youth barcamp' },
    summary: { de: 'Jugendliche bestimmen selbst die Themen eines Tages voller Sessions.', en: 'Young people set the topics of a day full of sessions.' },
    guideDe: `## So gehen Sie vor

1. Gewinnen Sie Jugendliche als Mitorganisatorinnen und -organisatoren (Jugendrat, Schulen, Vereine).
2. Legen Sie Termin und Ort fest und begrenzen Sie die Plätze; bei Minderjährigen nur die nötigsten Daten erheben.
3. Am Tag selbst schlagen die Teilnehmenden Sessions vor, stimmen ab und bauen gemeinsam den Plan.
4. Dokumentieren Sie jede Session kurz und übernehmen Sie die Ergebnisse als Ideen in den Zukunftsprozess.
5. Sagen Sie den Jugendlichen, was aus ihren Ideen wird – das ist die wichtigste Form der Wertschätzung.`,
    phases: [
      { name: 'Einladen', description: 'Anmeldung öffnen, Themen sammeln.' },
      { name: 'BarCamp-Tag', description: 'Sessions vorschlagen, abstimmen, diskutieren.' },
      { name: 'Nachbereitung', description: 'Ergebnisse dokumentieren und weiterverfolgen.', grants: { '1:register': closed } },
    ],
    components: [
      { type: 'info', title: 'Was ist ein BarCamp?', settings: { body: 'Beim BarCamp gibt es keine festen Vorträge: Ihr bringt die Themen mit.' } },
      { type: 'meetings', title: 'BarCamp-Tag', settings: { defaultCapacity: 80 } },
      { type: 'ideas', title: 'Eure Ideen', settings: { prompt: 'Was würdet ihr in eurer Stadt verändern?' } },
    ],
    plannedTools: ['Sessionvorschläge und Abstimmung', 'Sessionplan'],
  },
  stadtspaziergang: {
    key: 'stadtspaziergang',
    title: { de: 'Stadtspaziergang', en: 'City walk' },
    summary: { de: 'Gemeinsam unterwegs: Orte ansehen, Eindrücke und Ideen vor Ort sammeln.', en: 'Walking together: looking at places, collecting impressions and ideas on the spot.' },
    guideDe: `## So gehen Sie vor

1. Planen Sie eine Route von 60 bis 90 Minuten mit fünf bis acht Stationen; achten Sie auf Barrierefreiheit.
2. Bitten Sie an jeder Station eine Person aus dem Ort um einen kurzen Impuls.
3. Halten Sie Eindrücke auf Karten oder im Smartphone fest und tragen Sie sie danach als Ideen ein.
4. Fotografieren Sie die Ergebnisse und veröffentlichen Sie sie mit dem Protokoll.`,
    phases: [
      { name: 'Einladung', description: 'Route und Termin bekannt machen.' },
      { name: 'Spaziergang und Auswertung', description: 'Unterwegs sein, Eindrücke als Ideen festhalten.' },
    ],
    components: [
      { type: 'meetings', title: 'Spaziergang', settings: { defaultCapacity: 40 } },
      { type: 'ideas', title: 'Beobachtungen und Ideen', settings: { prompt: 'Was ist Ihnen unterwegs aufgefallen?' } },
    ],
    plannedTools: ['Stationen auf der Karte'],
  },
  open_space: {
    key: 'open_space',
    title: { de: 'Open Space', en: 'Open Space' },
    summary: { de: 'Eine offene Konferenz, deren Themen die Teilnehmenden selbst setzen.', en: 'An open conference whose topics the participants set themselves.' },
    guideDe: `## So gehen Sie vor

1. Formulieren Sie eine offene, einladende Leitfrage („Wie wollen wir 2030 in unserer Stadt leben?“).
2. Laden Sie breit ein; wer kommt, sind die Richtigen.
3. Zu Beginn schlagen Teilnehmende Themen vor und verteilen sie auf Räume und Zeiten.
4. Jede Gruppe hält ihre Ergebnisse fest; am Ende werden sie vorgestellt und als Ideen übernommen.`,
    phases: [
      { name: 'Einladung', description: 'Leitfrage veröffentlichen, Anmeldung öffnen.' },
      { name: 'Konferenz und Dokumentation', description: 'Themengruppen, Ergebnisse festhalten.' },
    ],
    components: [
      { type: 'info', title: 'Die Leitfrage', settings: { body: 'Wie wollen wir 2030 in unserer Stadt leben?' } },
      { type: 'meetings', title: 'Open-Space-Konferenz' },
      { type: 'ideas', title: 'Ergebnisse der Themengruppen' },
    ],
  },
  umfrage: {
    key: 'umfrage',
    title: { de: 'Umfrage', en: 'Survey' },
    summary: { de: 'Viele Menschen mit wenig Aufwand erreichen – auch anonym über einen Link oder QR-Code.', en: 'Reach many people with little effort – also anonymously through a link or QR code.' },
    guideDe: `## So gehen Sie vor

1. Stellen Sie wenige, klare Fragen; testen Sie sie vorher mit zwei, drei Personen.
2. Entscheiden Sie, ob namentlich, mit Pseudonym oder anonym teilgenommen wird, und sagen Sie es offen.
3. Verteilen Sie den Link und den QR-Code (Aushang, Gemeindeblatt, Schulen, Vereine).
4. Veröffentlichen Sie die Ergebnisse und was daraus folgt.`,
    phases: [{ name: 'Befragung', description: 'Die Umfrage ist offen.' }, { name: 'Auswertung', description: 'Ergebnisse auswerten und veröffentlichen.', grants: { '1:submit': closed, '1:edit': teamOnly } }],
    components: [
      { type: 'info', title: 'Über die Umfrage' },
      { type: 'ideas', title: 'Ihre Anregungen', settings: { prompt: 'Was wünschen Sie sich für unsere Stadt?' } },
    ],
    plannedTools: ['Fragebogen mit Auswertung'],
  },
  buergerforum: {
    key: 'buergerforum',
    title: { de: 'Bürgerforum', en: 'Citizens’ forum' },
    summary: { de: 'Eine öffentliche Versammlung, in der Zwischenstände vorgestellt und diskutiert werden.', en: 'A public assembly that presents and discusses the state of the process.' },
    guideDe: `## So gehen Sie vor

1. Laden Sie öffentlich ein (Gemeindeblatt, Aushang, soziale Medien) und nennen Sie die Tagesordnung.
2. Stellen Sie kurz vor, was bisher entstanden ist, und lassen Sie viel Zeit für Fragen und Tischgespräche.
3. Sammeln Sie die Anregungen als Ideen und veröffentlichen Sie das Protokoll.
4. Ein jährliches Forum hält den Prozess lebendig.`,
    phases: [{ name: 'Forum', description: 'Einladung, Forum und Protokoll.' }],
    components: [
      { type: 'meetings', title: 'Bürgerforum' },
      { type: 'ideas', title: 'Anregungen aus dem Forum' },
    ],
  },
  summer_school: {
    key: 'summer_school',
    title: { de: 'Summer School', en: 'Summer school' },
    summary: { de: 'Studierende und Fachleute arbeiten einige Tage vor Ort an Fragen der Stadt.', en: 'Students and experts work on the town’s questions on site for a few days.' },
    guideDe: `## So gehen Sie vor

1. Gewinnen Sie eine Hochschule als Partnerin und formulieren Sie zwei, drei konkrete Aufgaben.
2. Organisieren Sie Unterkunft, Arbeitsraum und Gesprächspartnerinnen und -partner vor Ort.
3. Planen Sie eine öffentliche Abschlusspräsentation.
4. Übernehmen Sie die Vorschläge als Ideen und prüfen Sie, welche zu Projekten werden.`,
    phases: [
      { name: 'Vorbereitung', description: 'Aufgaben und Partner festlegen.' },
      { name: 'Summer School', description: 'Arbeitstage vor Ort.' },
      { name: 'Präsentation', description: 'Öffentliche Vorstellung der Ergebnisse.' },
    ],
    components: [
      { type: 'info', title: 'Die Aufgaben' },
      { type: 'meetings', title: 'Arbeitstage und Abschlusspräsentation' },
      { type: 'ideas', title: 'Vorschläge der Summer School' },
    ],
  },
  arbeitsgruppe: {
    key: 'arbeitsgruppe',
    title: { de: 'Arbeitsgruppe', en: 'Working group' },
    summary: { de: 'Eine feste Gruppe treibt ein Thema über längere Zeit voran.', en: 'A standing group carries a topic forward over a longer time.' },
    guideDe: `## So gehen Sie vor

1. Geben Sie der Gruppe ein klares Thema (z. B. „Lebensort“, „Erholungsort“, „Wirtschaftsort“).
2. Vereinbaren Sie einen festen Rhythmus, etwa zwei Treffen im Jahr, und eine Person, die einlädt.
3. Halten Sie jedes Treffen im Protokoll fest und verknüpfen Sie die Projekte der Gruppe.
4. Berichten Sie einmal im Jahr öffentlich über den Stand.`,
    phases: [{ name: 'Laufende Arbeit', description: 'Regelmäßige Treffen und Projekte.' }],
    components: [
      { type: 'meetings', title: 'Treffen der Arbeitsgruppe' },
      { type: 'ideas', title: 'Themenspeicher', settings: {} },
    ],
  },
};

export function blueprint(key: string): Blueprint | undefined {
  return (blueprintKeys as readonly string[]).includes(key) ? blueprints[key as BlueprintKey] : undefined;
}
