import { inArray } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { towns } from '../../towns/server/schema.ts';
import { academyEntries } from './schema.ts';
import { methodGuides } from './demo-methods.ts';

/**
 * Demo content of the knowledge base: the seed's literature list (as Publikation and Link entries), what the eight
 * model towns did after the research field (from the seed's chapter "Wie geht es weiter in den Modellvorhaben?",
 * retold for this platform) and the eight method guides. Everything is published and licensed CC BY 4.0.
 */

const SOURCE = 'Nach: BBSR (Hrsg.), ExWoSt-Informationen 50/4, Bonn 2019.';

const publications: { slug: string; title: string; authors: string; year: number | null; citation: string; url: string | null; summary: string }[] = [
  { slug: 'expertise-kleinstaedte-2017', title: 'Expertise Kleinstädte. Sammlung von Ideen, Beispielen, Projekten, Szenarien zur Entwicklung zukunftsfähiger Kleinstädte', authors: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2017, citation: 'BBSR-Online-Publikation 19/2017. Bonn 2017.', url: 'https://www.bbsr.bund.de/BBSR/DE/Veroeffentlichungen/BBSROnline/2017/bbsr-online-19-2017-dl.pdf', summary: 'Ideen, Beispiele, Projekte und Szenarien für zukunftsfähige Kleinstädte.' },
  { slug: 'zukunftsweisende-ansaetze-2017', title: 'Zukunftsweisende Ansätze in kleineren Städten und Gemeinden', authors: 'Bundesministerium für Umwelt, Naturschutz, Bau und Reaktorsicherheit (Hrsg.)', year: 2017, citation: 'Berlin 2017.', url: 'https://www.bmi.bund.de/SharedDocs/downloads/DE/publikationen/themen/bauen/wohnen/kleinstaedte-ansaetze.pdf', summary: 'Ansätze und Beispiele aus kleineren Städten und Gemeinden.' },
  { slug: 'izr-6-2018-kleinstaedte', title: 'Kleinstädte: Chancen, Dynamiken, Potenziale', authors: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2018, citation: 'Informationen zur Raumentwicklung 6. Bonn 2018.', url: 'https://www.bbsr.bund.de/BBSR/DE/Veroeffentlichungen/IzR/2018/6/izr-6-2018-node.html', summary: 'Themenheft der Informationen zur Raumentwicklung über Chancen und Dynamiken von Kleinstädten.' },
  { slug: 'kleinstaedte-in-deutschland-kongress-2018', title: 'Kleinstädte in Deutschland. Urbanität. Vielfalt. Perspektiven. Hintergrundinformationen zum Kongress', authors: 'Bundesministerium des Innern, für Bau und Heimat; Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2018, citation: 'Bonn 2018.', url: 'https://www.kleinstaedteindeutschland.de/hintergrundinformationen_zum_kongress.pdf', summary: 'Hintergrundinformationen zum Kongress über Urbanität, Vielfalt und Perspektiven von Kleinstädten.' },
  { slug: 'urbane-kleinstaedte-2018', title: 'Urbane Kleinstädte', authors: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2018, citation: 'Sonderveröffentlichung. Bonn 2018.', url: 'https://www.bbsr.bund.de/BBSR/DE/Veroeffentlichungen/Sonderveroeffentlichungen/2018/urbane-kleinstaedte-dl.pdf', summary: 'Sonderveröffentlichung über kleinstädtische Urbanität.' },
  { slug: 'kleinere-staedte-netzwerke-2018', title: 'Kleinere Städte und Gemeinden – überörtliche Zusammenarbeit und Netzwerke. Zweiter Statusbericht zum Städtebauförderungsprogramm', authors: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2018, citation: 'Bonn 2018.', url: 'https://www.bbsr.bund.de/BBSR/DE/Veroeffentlichungen/aktuelle-meldungen/km-kleinere-staedte-gemeinden.html', summary: 'Statusbericht über überörtliche Zusammenarbeit und Netzwerke kleinerer Städte und Gemeinden.' },
  { slug: 'planungspraxis-kleiner-staedte-2018', title: 'Planungspraxis kleiner und mittlerer Städte in Deutschland – Neue Materialien zur Planungskultur', authors: 'Institut für Städtebau und Wohnungswesen (Hrsg.)', year: 2018, citation: 'München 2018.', url: 'https://www.isw-isb.de/fileadmin/Content/pdf/Formulare/Planungspraxis_kleiner_und_mittlerer_Staedte_in_Deutschland_final.pdf', summary: 'Materialien zur Planungskultur kleiner und mittlerer Städte.' },
  { slug: 'jugendbarcamps-abschlussbericht-2019', title: 'Auswertungs- und Abschlussbericht JugendBarCamps in acht Modellvorhaben des ExWoSt-Forschungsfeldes „Potenziale von Kleinstädten in peripheren Lagen“', authors: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2019, citation: 'BBSR-Online-Publikation Nr. 06/2019. Bonn 2019.', url: 'https://www.bbsr.bund.de/BBSR/DE/Veroeffentlichungen/BBSROnline/2019/bbsr-online-06-2019-dl.pdf', summary: 'Auswertung der JugendBarCamps in den acht Modellvorhaben.' },
  { slug: 'positionspapier-kleinstadtforschung', title: 'Positionspapier Kleinstadtforschung', authors: 'Akademie für Raumforschung und Landesplanung (Hrsg.)', year: null, citation: 'Im Erscheinen (Stand 2019).', url: null, summary: 'Positionspapier der ARL zur Kleinstadtforschung.' },
  { slug: 'jahrbuch-stadterneuerung-2020', title: 'Stadterneuerung in Klein- und Mittelstädten. Jahrbuch Stadterneuerung 2020', authors: 'Altrock, Kunze et al. (Hrsg.)', year: 2020, citation: 'Im Erscheinen (Stand 2019).', url: null, summary: 'Jahrbuch Stadterneuerung mit dem Schwerpunkt Klein- und Mittelstädte.' },
  { slug: 'exwost-potenziale-kleinstaedte-2019', title: 'Potenziale von Kleinstädten in peripheren Lagen', authors: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (Hrsg.)', year: 2019, citation: 'ExWoSt-Informationen 50/4. Bonn 2019.', url: null, summary: 'Ergebnisse des ExWoSt-Forschungsfeldes mit den acht Modellvorhaben, den zehn Punkten für eine zukunftsfähige Kleinstadtentwicklung und der Idee der Kleinstadtakademie.' },
];

const links: { slug: string; title: string; url: string; summary: string }[] = [
  { slug: 'link-exwost-kleinstaedte', title: 'ExWoSt-Forschungsfeld „Potenziale von Kleinstädten in peripheren Lagen“', url: 'https://www.exwost-kleinstaedte.de', summary: 'Webseite des Forschungsfeldes mit den acht Modellvorhaben.' },
  { slug: 'link-lage-und-zukunft-der-kleinstaedte', title: 'ExWoSt-Studie „Lage und Zukunft der Kleinstädte in Deutschland“', url: 'https://www.bbsr.bund.de/BBSR/DE/FP/ExWoSt/Studien/2016/Kleinstaedte/01-start.html', summary: 'Bestandsaufnahme zur Situation der Kleinstädte in zentralen Lagen.' },
  { slug: 'link-hidden-champions', title: 'Hidden Champions – Stabilisierungs- und Entwicklungsfaktoren von Kleinstädten in peripheren Lagen', url: 'https://www.bbsr.bund.de/BBSR/DE/FP/ReFo/Staedtebau/2017/hidden-champions/start-node.html', summary: 'Studie der Ressortforschung des BBSR.' },
  { slug: 'link-innenentwicklung-kleinere-staedte', title: 'Innenentwicklung in kleineren Städten und Gemeinden', url: 'https://www.bbsr.bund.de/BBSR/DE/FP/ReFo/Staedtebau/2018/innenentwicklung-kleinere-staedte/start-node.html', summary: 'Strategien zur Sicherung lebendiger und nutzungsgemischter Wohn- und Versorgungsstandorte.' },
  { slug: 'link-staedtebaufoerderung', title: 'Programme der Städtebauförderung', url: 'https://www.staedtebaufoerderung.info', summary: 'Informationen zu den Programmen der Städtebauförderung von Bund und Ländern.' },
  { slug: 'link-arl-kleinstadtforschung', title: 'Akademie für Raumforschung und Landesplanung: Kleinstadtforschung', url: 'https://www.arl-net.de/de/projekte/kleinstadtforschung', summary: 'Projekte der ARL zur Kleinstadtforschung.' },
];

/** Town facts of the model towns (BBSR type and location, simplified). */
export const modelTownFacts: Record<string, { townType: string; location: string }> = {
  'bad-lobenstein': { townType: 'kleine_kleinstadt', location: 'sehr_peripher' },
  beverungen: { townType: 'groessere_kleinstadt', location: 'peripher' },
  grossschoenau: { townType: 'landgemeinde', location: 'peripher' },
  kastellaun: { townType: 'kleine_kleinstadt', location: 'peripher' },
  malente: { townType: 'groessere_kleinstadt', location: 'peripher' },
  'muecheln-geiseltal': { townType: 'kleine_kleinstadt', location: 'peripher' },
  rodewisch: { townType: 'kleine_kleinstadt', location: 'peripher' },
  'zell-am-harmersbach': { townType: 'kleine_kleinstadt', location: 'sehr_peripher' },
};

export const demoExamples: { town: string; slug: string; title: string; summary: string; body: string; fieldsOfAction: string[]; goals: string[] }[] = [
  {
    town: 'bad-lobenstein',
    slug: 'bad-lobenstein-szenariogruppe-bleibt',
    title: 'Bad Lobenstein: Szenariogruppe, Campusrat und Jugendparlament',
    summary: 'Die Szenariogruppe tagt weiter einmal im Jahr; Jugendliche haben mit Campusrat und Jugendparlament eine neue Stimme.',
    fieldsOfAction: ['engagement', 'besucher', 'wirtschaft'],
    goals: ['lernend', 'kooperativ'],
    body: `Die Szenariogruppe soll mindestens einmal im Jahr tagen, vor allem um den laufenden Prozess zu bewerten. Aus der Gruppe haben sich **projektbezogene Untergruppen** gebildet, außerdem ein Unternehmerstammtisch.

Ausdruck einer neuen Kultur der Jugendbeteiligung sind die Gründung eines **Campusrates** und eines **Jugendparlaments**. Ein Kurentwicklungskonzept soll die Arbeit inhaltlich bündeln. Aus der Summer School sind zahlreiche kleine Starterprojekte wie das „Bad Lobenstein-Stipendium“ entstanden, die Schritt für Schritt umgesetzt werden.`,
  },
  {
    town: 'beverungen',
    slug: 'beverungen-weser-und-innenstadt-neu-entdeckt',
    title: 'Beverungen: Weser und Innenstadt neu entdeckt',
    summary: 'Das Zukunftsbild ist in das Handlungskonzept eingegangen; Arbeitsgruppen setzen Maßnahmen um, zuerst zur Mobilität der Ortsteile.',
    fieldsOfAction: ['mobilitaet', 'besucher', 'kooperation'],
    goals: ['kooperativ', 'urbanitaet'],
    body: `Das im Szenarioprozess entstandene Zukunftsbild ist in Teilen in das Handlungskonzept der Stadt übergegangen und wird nun umgesetzt. Neben einer **Arbeitsgruppe Mobilität und Anbindung der Ortsteile** sollen weitere Arbeitsgruppen zur Umsetzung folgen.

Im Modellvorhaben wurden die Weser und die Innenstadt neu „entdeckt“. Als Schlüsselmaßnahme sollen der Zugang zum Weserufer und sein Umfeld verbessert und so das „Erlebnis Fluss“ gesteigert werden.`,
  },
  {
    town: 'grossschoenau',
    slug: 'grossschoenau-webschule-und-bahnhof',
    title: 'Großschönau: Leitprojekte Webschule und Bahnhof',
    summary: 'Aus dem JugendBarCamp entstand die Idee eines Jugendtreffs im Bahnhof; die Webschule soll ein Ort textiler Kreativität werden.',
    fieldsOfAction: ['engagement', 'wirtschaft', 'gemeinschaft'],
    goals: ['urbanitaet', 'kooperativ'],
    body: `Der Schwung der Beteiligung soll auch helfen, Menschen für eine **Kandidatur bei der Kommunalwahl** zu gewinnen. Die Szenariogruppe bleibt bestehen, wird aber nur noch projektbezogen einberufen.

Im Mittelpunkt stehen die Leitprojekte **Webschule** und **Bahnhof**. Für den Bahnhof prüft eine Machbarkeitsstudie eine sinnvolle und nachhaltige Nutzung; angestoßen durch das JugendBarCamp soll dort ein Jugendtreff entstehen. Ein Jugendtreff und eine Stelle für Jugendsozialarbeit sind schon verwirklicht. Mit der Idee, die Webschule zu einem Ort textiler Kreativität zu machen, gewann Großschönau im Landeswettbewerb „Ideen für den ländlichen Raum“.`,
  },
  {
    town: 'kastellaun',
    slug: 'kastellaun-barcamps-und-stadthalle-tivoli',
    title: 'Kastellaun: jährliche BarCamps und die Zukunft der Stadthalle',
    summary: 'Ein Stadtentwicklungsausschuss, jährliche BarCamps für alle und ein Planungswettbewerb für die Stadthalle „Tivoli“.',
    fieldsOfAction: ['engagement', 'gemeinschaft', 'wohnen'],
    goals: ['kooperativ', 'lernend'],
    body: `Aus dem Bau- und Liegenschaftsausschuss soll ein **Stadtentwicklungsausschuss** werden. Bürgerinnen und Bürger, besonders die bisherige Szenariogruppe, sollen in **jährlichen BarCamps** ihre Vorstellungen zur Entwicklung der Stadt einbringen – das BarCamp gilt vor Ort als „die“ methodische Entdeckung des Prozesses.

Das Herzensthema der Einwohnerschaft ist die sanierungsbedürftige Stadthalle „Tivoli“. Der Stadtrat hat einen nicht-offenen Planungswettbewerb beschlossen, um alternative Entwürfe für das gesamte Umfeld zu bekommen.`,
  },
  {
    town: 'malente',
    slug: 'malente-2030-forum-und-stabsstelle',
    title: 'Malente 2030: Forum, Stabsstelle und Netzwerk Sport',
    summary: '„Malente 2030“ bündelt die Stadtentwicklung; eine Stabsstelle, ein jährliches Forum und Arbeitsgruppen führen den Prozess fort.',
    fieldsOfAction: ['kooperation', 'engagement', 'besucher', 'wirtschaft'],
    goals: ['kooperativ', 'nachhaltig'],
    body: `Der Slogan „Malente 2030“ ist zum festen Begriff für einen übergreifenden Stadtentwicklungsprozess geworden. Ein erster großer Erfolg ist die Aufnahme in das Städtebauförderprogramm **Aktive Stadt- und Ortsteilzentren**.

Zur Verstetigung wurde eine **Stabsstelle Gemeindeentwicklung** eingerichtet. Das **Malente-Forum** soll einmal jährlich stattfinden; ein Malente-Rat aus 20 bis 30 Personen könnte die Kommunalpolitik begleiten. Die Szenariogruppe arbeitet in drei Arbeitsgruppen weiter: Lebensort, Erholungsort und Wirtschaftsort. Die Jugendbeteiligung wird mit BarCamps und einem Jugendrat verstetigt. In weniger als einem Jahr entstand das **Netzwerk Sport Malente e.V.**`,
  },
  {
    town: 'muecheln-geiseltal',
    slug: 'muecheln-buergerspaziergaenge-und-kunstaktionen',
    title: 'Mücheln: Bürgerspaziergänge und Kunstaktionen im Stadtraum',
    summary: 'Thematische Arbeitsgruppen statt Szenariogruppe, Bürgerspaziergänge und ein Kunstwettbewerb zwischen Marina, Altstadt und Barockgarten.',
    fieldsOfAction: ['gemeinschaft', 'besucher', 'engagement'],
    goals: ['urbanitaet', 'kooperativ'],
    body: `Statt der Szenariogruppe arbeiten in Mücheln **Arbeitsgruppen zu Themen und Orten** weiter, etwa zum Sport und zum Schützenhaus. **Bürgerspaziergänge** bleiben ein wichtiges Format: An zwei Spaziergängen nahmen jeweils 20 bis 25 Menschen teil.

Eines der sichtbarsten Projekte war der mit der Kunsthochschule Burg Giebichenstein durchgeführte Wettbewerb „Kunstaktionen im städtischen Raum“. Künstlerische Interventionen stärken die Achse zwischen Marina, Altstadt und Barockgarten. Inzwischen gab es ein weiteres JugendBarCamp im größten Ortsteil.`,
  },
  {
    town: 'rodewisch',
    slug: 'rodewisch-neue-mitte-selbst-gemacht',
    title: 'Rodewisch: „Neue Mitte – selbst gemacht“',
    summary: 'Mit mehr als 60 Kindern, Jugendlichen und Erwachsenen gewann die Stadt den Landeswettbewerb „Ab in die Mitte!“ 2018.',
    fieldsOfAction: ['gemeinschaft', 'engagement', 'wohnen'],
    goals: ['urbanitaet', 'lernend'],
    body: `Bürgermeisterin und Verwaltung setzen mit der Einwohnerschaft weiter auf kooperative Stadtentwicklung. Eine **Leitungsgruppe** und **thematische Arbeitsgruppen** führen die Szenariogruppe fort; eine Arbeitsgruppe Zukunftsgeschichte erarbeitet Strategiepapier und Leitbild. Die Zukunftsgeschichte erscheint als Film, Postkarten, Malbücher und Tafeln mit Zukunftswimmelbildern im Stadtraum.

Kernprojekt ist das Stadtzentrum „Neue Mitte – selbst gemacht“: Der gemeinsam erarbeitete Beitrag gewann 2018 den 1. Preis im Wettbewerb „Ab in die Mitte! Die City-Offensive Sachsen“. Die Jugendbeteiligung ist **Chefsache** und wird weitergeführt.`,
  },
  {
    town: 'zell-am-harmersbach',
    slug: 'zell-arbeitsgruppen-und-jugendhaus-linde',
    title: 'Zell am Harmersbach: 14 kleine Projekte und das Jugendhaus „Die Linde“',
    summary: 'Thematische Arbeitsgruppen, 14 kleine Projekte mit klaren Verantwortlichen und ein Jugendhaus, das Jugendliche mit Betrieben umbauen.',
    fieldsOfAction: ['wirtschaft', 'besucher', 'engagement', 'mobilitaet'],
    goals: ['kooperativ', 'urbanitaet'],
    body: `Thematische Arbeitsgruppen verstetigen die Beteiligung: Wirtschaft, Tourismus und Kultur, Innenstadt und Handel, Wohnen und Lebensqualität, Vereine und Jugend sowie ein Kompetenzteam Verkehr. Im Mittelpunkt der Umsetzung stehen die Sanierung des Rathauses, des historischen Rundofens und der Durchgangsstraße mit einem Verkehrskonzept.

**14 kleine Projekte** haben konkrete Verantwortliche und werden Schritt für Schritt umgesetzt – etwa „Fashion, Food and Fun“. Zentral für die Jugendarbeit ist das neue Jugendhaus **„Die Linde“**, das Jugendliche mit Stadt, Industrie und Handwerksbetrieben umbauen.`,
  },
];

/** Seeds the demo content (idempotent). Returns the number of entries created. */
export async function seedAcademyDemo(db: Db): Promise<number> {
  const townRows = await db.select({ id: towns.id, slug: towns.slug, land: towns.landName }).from(towns);
  const townBySlug = new Map(townRows.map((t) => [t.slug, t]));
  const publishedAt = new Date('2026-11-01T09:00:00Z');
  const rows: (typeof academyEntries.$inferInsert)[] = [
    ...publications.map((p) => ({ slug: p.slug, kind: 'publikation' as const, title: p.title, summary: p.summary, authors: p.authors, year: p.year, citation: p.citation, url: p.url, fieldsOfAction: [], goals: ['lernend'], licence: 'all-rights-reserved' })),
    ...links.map((l) => ({ slug: l.slug, kind: 'link' as const, title: l.title, summary: l.summary, url: l.url, fieldsOfAction: [], goals: ['lernend'], licence: 'all-rights-reserved' })),
    ...demoExamples.map((e) => {
      const town = townBySlug.get(e.town);
      return { slug: e.slug, kind: 'praxisbeispiel' as const, title: e.title, summary: e.summary, body: e.body, fieldsOfAction: e.fieldsOfAction, goals: e.goals, townId: town?.id ?? null, land: town?.land ?? null, ...modelTownFacts[e.town], year: 2019, citation: SOURCE, authors: 'Redaktion Kleinstadtakademie' };
    }),
    ...methodGuides.map((g) => ({ slug: g.slug, kind: 'methode' as const, title: g.title, summary: g.summary, body: g.body, fieldsOfAction: g.fieldsOfAction, goals: g.goals, authors: 'Redaktion Kleinstadtakademie', year: 2026 })),
  ];
  const existing = new Set((await db.select({ slug: academyEntries.slug }).from(academyEntries).where(inArray(academyEntries.slug, rows.map((r) => r.slug)))).map((r) => r.slug));
  const missing = rows.filter((r) => !existing.has(r.slug)).map((r) => ({ ...r, status: 'published' as const, publishedAt }));
  if (missing.length) await db.insert(academyEntries).values(missing);
  return missing.length;
}

/** The towns that used a format (method guide slug → town slugs), for the method library. */
export function townsUsing(methodSlug: string): string[] {
  return methodGuides.find((g) => g.slug === methodSlug)?.towns ?? [];
}

