/**
 * The method library: guides for the eight formats the model towns used, written for this platform in plain German
 * from the ExWoSt report (BBSR, ExWoSt-Informationen 50/4, 2019) and common practice of the formats. Each guide has
 * the same sections: Wozu, Wann, Vorbereitung, Ablauf, Material, Stolpersteine, Beispiele aus Kleinstädten.
 */
export interface MethodGuide {
  slug: string;
  title: string;
  summary: string;
  body: string;
  fieldsOfAction: string[];
  goals: string[];
  /** Slugs of the model towns that used the format. */
  towns: string[];
}

export const methodGuides: MethodGuide[] = [
  {
    slug: 'szenariowerkstatt',
    title: 'Szenariowerkstatt',
    summary: 'Eine feste Gruppe aus der Stadtgesellschaft entwickelt in mehreren Werkstätten Zukunftsbilder für ihre Stadt – vom Einflussfaktor bis zur Schlagzeile aus dem Jahr 2030.',
    fieldsOfAction: ['gemeinschaft', 'kooperation', 'engagement'],
    goals: ['lernend', 'kooperativ'],
    towns: ['bad-lobenstein', 'beverungen', 'grossschoenau', 'kastellaun', 'malente', 'muecheln-geiseltal', 'rodewisch', 'zell-am-harmersbach'],
    body: `## Wozu
Die Szenariowerkstatt bringt 20 bis 30 Menschen zusammen, die sonst selten an einem Tisch sitzen: aus Verwaltung und Rat, Vereinen, Unternehmen, Schulen, Kirchen und Nachbarschaften. Gemeinsam denken sie über die Zukunft ihrer Stadt nach – nicht als Wunschliste, sondern als durchdachte Bilder möglicher Zukünfte, aus denen die Stadt ein gewünschtes Zukunftsbild wählt.

## Wann
- wenn eine Stadt ein Leitbild oder ein Entwicklungskonzept erarbeiten will, das von vielen getragen wird,
- wenn Politik und Verwaltung bereit sind, sich auf offene Ergebnisse einzulassen,
- wenn für mindestens ein halbes Jahr Zeit und eine Moderation zur Verfügung stehen.

## Vorbereitung
1. Szenariogruppe bewusst gemischt zusammensetzen (Alter, Ortsteile, Branchen, Neubürger und Alteingesessene).
2. Rat beschließen lassen, dass die Ergebnisse ernsthaft beraten werden.
3. Vier bis fünf Werkstatttermine festlegen, Räume und Verpflegung sichern.
4. Eine externe Moderation beauftragen, die den methodischen Rahmen hält.

## Ablauf
1. **Gruppe gründen:** Kennenlernen, Erwartungen, Spielregeln.
2. **Einflussfaktoren sammeln:** Was wirkt auf unsere Stadt? Bevölkerung, Arbeit, Mobilität, Wohnen, Gemeinschaft …
3. **Schlüsselfaktoren wählen:** Mit einer Einflussmatrix die Faktoren finden, die am meisten bewegen.
4. **Zukunftsprojektionen:** Für jeden Schlüsselfaktor zwei bis drei mögliche Entwicklungen bis 2030 beschreiben.
5. **Szenarien bilden:** Stimmige Kombinationen zu Zukunftsbildern verdichten, Schlagzeilen aus dem Jahr 2030 schreiben.
6. **Zukunftsbild wählen:** Das gewünschte Bild beschreiben und daraus Handlungsfelder, Leit- und Starterprojekte ableiten.

## Material
Moderationskoffer, Pinnwände, große Plakate für die Einflussmatrix, Punkte zum Bewerten, Fotoprotokoll nach jeder Werkstatt.

## Stolpersteine
- Eine Gruppe nur aus den „üblichen Verdächtigen“ – gezielt Menschen ansprechen, die sonst fehlen.
- Ergebnisse, die im Rathaus in der Schublade verschwinden – Rückkopplung in den Rat fest einplanen.
- Zu lange Pausen zwischen den Werkstätten – höchstens sechs bis acht Wochen.

## Beispiele aus Kleinstädten
Alle acht Modellvorhaben haben mit Szenariogruppen gearbeitet. In **Kastellaun** entstanden in drei Schritten Schlagzeilen aus dem Jahr 2030; in **Bad Lobenstein** trifft sich die Szenariogruppe weiter einmal im Jahr zur Bewertung des Prozesses.`,
  },
  {
    slug: 'jugendbarcamp',
    title: 'JugendBarCamp',
    summary: 'Eine „Unkonferenz“ für Jugendliche: Die Teilnehmenden bestimmen selbst die Themen, bieten Sessions an und entwickeln Projekte für ihre Stadt.',
    fieldsOfAction: ['engagement', 'gemeinschaft'],
    goals: ['lernend', 'kooperativ'],
    towns: ['kastellaun', 'malente', 'muecheln-geiseltal', 'grossschoenau', 'rodewisch', 'zell-am-harmersbach'],
    body: `## Wozu
Jugendliche sagen selbst, was sie in ihrer Stadt bewegt – ohne vorgegebene Tagesordnung. Ein BarCamp gibt ihnen eine Stimme und zeigt der Stadt, welche Ideen und welches Engagement in der jungen Generation stecken.

## Wann
- wenn Kinder und Jugendliche bisher kaum an der Stadtentwicklung beteiligt sind,
- wenn eine Stadt Jugendbeteiligung dauerhaft verankern will (Jugendrat, Jugendparlament),
- als jährliches Format, das Ergebnisse vom Vorjahr aufgreift.

## Vorbereitung
1. Jugendliche von Anfang an in die Planung holen (Schulen, Jugendtreff, Vereine).
2. Einen Tag am Wochenende oder in der Projektwoche wählen; Ort, an dem sich Jugendliche wohlfühlen.
3. Bürgermeisterin oder Bürgermeister für die Abschlussrunde gewinnen.
4. Raumplan mit vier bis sechs Sessionräumen und festen Zeitfenstern vorbereiten.

## Ablauf
1. **Begrüßung und Vorstellung:** Jede Person stellt sich mit drei Schlagworten vor.
2. **Sessionplanung:** Wer ein Thema hat, stellt es in 30 Sekunden vor; der Sessionplan entsteht gemeinsam an der Wand.
3. **Sessions:** 45 Minuten, parallel in mehreren Räumen; jede Session hält ihre Ergebnisse auf einem Plakat fest.
4. **Abschlussrunde:** Ergebnisse vorstellen, Verabredungen treffen, wer was mit wem weiterverfolgt.

## Material
Sessionplan-Wand, Moderationskarten, Plakate, Kameras oder Smartphones für die Dokumentation, Verpflegung.

## Stolpersteine
- Erwachsene, die die Sessions dominieren – Erwachsene hören zu und antworten nur auf Fragen.
- Keine Rückmeldung danach – Ergebnisse innerhalb von vier Wochen sichtbar aufgreifen.

## Beispiele aus Kleinstädten
In **Kastellaun** gilt das BarCamp als „die“ methodische Entdeckung des Prozesses und soll jährlich stattfinden. In **Großschönau** entstand aus dem BarCamp die Idee eines Jugendtreffs im Bahnhof; in **Mücheln** folgte ein weiteres BarCamp im größten Ortsteil.`,
  },
  {
    slug: 'stadtspaziergang',
    title: 'Stadtspaziergang',
    summary: 'Ein gemeinsamer Rundgang durch die Stadt: Vor Ort über Orte, Projekte und Ideen sprechen – niedrigschwellig und anschaulich.',
    fieldsOfAction: ['gemeinschaft', 'wohnen', 'mobilitaet'],
    goals: ['urbanitaet', 'kooperativ'],
    towns: ['muecheln-geiseltal', 'zell-am-harmersbach'],
    body: `## Wozu
Auf einem Stadtspaziergang sprechen Menschen dort über ihre Stadt, wo die Dinge sind: am leerstehenden Laden, am Bahnhof, am Ufer. Das erreicht auch Menschen, die nie in eine Abendveranstaltung gehen würden.

## Wann
- zum Einstieg in einen Beteiligungsprozess,
- wenn konkrete Orte verändert werden sollen (Ortsmitte, Brachfläche, Schulweg),
- um über geplante und bereits umgesetzte Projekte zu informieren.

## Vorbereitung
1. Route mit fünf bis sieben Stationen festlegen (höchstens 90 Minuten, barrierefrei).
2. An jeder Station eine Ansprechperson und eine Leitfrage vorbereiten.
3. Einladung über Presse, Aushänge, Vereine und soziale Medien.

## Ablauf
1. Treffpunkt, kurze Begrüßung, Ziel des Spaziergangs.
2. An jeder Station: kurzer Impuls, dann Fragen und Ideen der Teilnehmenden aufnehmen.
3. Abschluss an einem Ort zum Verweilen, gemeinsame Sammlung der wichtigsten Ideen.

## Material
Klemmbretter, Karte mit Route, Kamera, ggf. Megafon oder Lautsprecher, Wetterplan B.

## Stolpersteine
- Zu große Gruppen (über 30) – dann in zwei Gruppen teilen.
- Ideen werden gesammelt, aber nicht zurückgemeldet – Protokoll mit Fotos veröffentlichen.

## Beispiele aus Kleinstädten
In **Mücheln** nahmen an zwei Bürgerspaziergängen jeweils 20 bis 25 Menschen teil; die Stadt will das Format weiter nutzen.`,
  },
  {
    slug: 'open-space',
    title: 'Open Space',
    summary: 'Eine offene Konferenz ohne feste Tagesordnung: Viele Menschen bearbeiten in selbst organisierten Gruppen die Themen, die ihnen wichtig sind.',
    fieldsOfAction: ['gemeinschaft', 'engagement', 'kooperation'],
    goals: ['kooperativ', 'lernend'],
    towns: ['beverungen', 'zell-am-harmersbach'],
    body: `## Wozu
Open Space eignet sich, wenn viele Menschen (30 bis mehrere hundert) zu einer offenen Leitfrage zusammenkommen und selbst entscheiden, woran sie arbeiten. Es entstehen Themen und Verantwortliche für die weitere Arbeit.

## Wann
- wenn ein Thema viele betrifft und niemand die Lösung schon kennt,
- wenn Engagement für Arbeitsgruppen gewonnen werden soll.

## Vorbereitung
1. Eine einladende, offene Leitfrage formulieren („Wie wollen wir 2030 in unserer Innenstadt leben?“).
2. Großen Raum mit Stuhlkreis und mehrere Arbeitsecken vorbereiten.
3. Dokumentationsecke mit Laptop oder Vorlagen einrichten.

## Ablauf
1. Eröffnung im Kreis: Leitfrage, vier Grundsätze und das „Gesetz der zwei Füße“.
2. Marktplatz: Wer ein Anliegen hat, schreibt es auf und lädt zu einer Gruppe ein.
3. Arbeitsgruppen in Runden; jede Gruppe dokumentiert ihre Ergebnisse.
4. Abschlusskreis: Ergebnisse, Verabredungen, nächste Schritte.

## Material
Stuhlkreis, Papier und Stifte, Wand für den Zeitplan, Dokumentationsvorlagen.

## Stolpersteine
- Eine Leitfrage, auf die es schon eine Antwort gibt – dann ist Open Space das falsche Format.
- Keine Verantwortlichen für die Zeit danach – im Abschlusskreis Namen und Termine festhalten.

## Beispiele aus Kleinstädten
Mehrere Modellvorhaben haben ihre Szenariowerkstätten durch Open-Space-Veranstaltungen ergänzt; in **Zell am Harmersbach** arbeiten daraus thematische Arbeitsgruppen weiter.`,
  },
  {
    slug: 'summer-school',
    title: 'Summer School',
    summary: 'Studierende und Fachleute arbeiten einige Tage vor Ort mit der Stadtgesellschaft an Ideen für konkrete Orte – ein Blick von außen mit schnellen Ergebnissen.',
    fieldsOfAction: ['wohnen', 'wirtschaft', 'gemeinschaft'],
    goals: ['lernend', 'urbanitaet'],
    towns: ['bad-lobenstein'],
    body: `## Wozu
Eine Summer School bringt frische Perspektiven in die Stadt: Studierende aus Planung, Architektur oder Design arbeiten eine Woche lang mit Bürgerinnen und Bürgern an Orten und Fragen der Stadt. Sie liefern Entwürfe und Ideen, die Mut machen.

## Wann
- wenn ein Ort neu gedacht werden soll (Leerstand, Bahnhof, Kurpark),
- wenn die Stadt externe Impulse und den Blick von außen sucht.

## Vorbereitung
1. Partnerhochschule gewinnen, Aufgabenstellung gemeinsam formulieren.
2. Unterkunft, Arbeitsraum und Verpflegung organisieren (oft mit Vereinen und Betrieben).
3. Öffentliche Abschlusspräsentation ankündigen.

## Ablauf
1. Ankommen, Stadtrundgang, Gespräche mit Schlüsselpersonen.
2. Arbeitsphase in Teams, täglich offene Werkstatt für Besucherinnen und Besucher.
3. Abschlusspräsentation mit Ausstellung, Übergabe an Rat und Verwaltung.

## Material
Pläne und Luftbilder, Modellbaumaterial, Ausstellungswände.

## Stolpersteine
- Ergebnisse ohne Anschluss – vorher klären, wer die Ideen weiterverfolgt.

## Beispiele aus Kleinstädten
In **Bad Lobenstein** sind aus der Summer School zahlreiche kleine Starterprojekte entstanden, etwa das „Bad Lobenstein-Stipendium“.`,
  },
  {
    slug: 'buergerforum',
    title: 'Bürgerforum',
    summary: 'Eine regelmäßige, öffentliche Versammlung, in der die ganze Bürgerschaft über Stand und Richtung der Stadtentwicklung berät.',
    fieldsOfAction: ['engagement', 'gemeinschaft'],
    goals: ['kooperativ', 'lernend'],
    towns: ['malente'],
    body: `## Wozu
Das Bürgerforum macht Stadtentwicklung öffentlich: Einmal oder mehrmals im Jahr berichten Verwaltung, Arbeitsgruppen und Initiativen, und alle können mitreden. Es verstetigt einen Beteiligungsprozess über einzelne Projekte hinaus.

## Wann
- wenn nach einer intensiven Beteiligungsphase der Kontakt zur Bürgerschaft bleiben soll,
- wenn mehrere Arbeitsgruppen ihre Ergebnisse zusammenführen.

## Vorbereitung
1. Festen Termin im Jahreskalender verankern.
2. Berichte der Arbeitsgruppen kurz und anschaulich vorbereiten lassen.
3. Tische für Gespräche in kleinen Runden einplanen.

## Ablauf
1. Rückblick: Was ist seit dem letzten Forum passiert?
2. Themen-Tische: Bürgerinnen und Bürger diskutieren mit den Arbeitsgruppen.
3. Ausblick: Was nimmt die Stadt mit, was wird im Rat beraten?

## Material
Ausstellungstafeln, Thementische, Feedbackkarten.

## Stolpersteine
- Frontalveranstaltung mit langen Vorträgen – Redezeit der Verwaltung knapp halten.

## Beispiele aus Kleinstädten
In **Malente** soll das Malente-Forum einmal jährlich stattfinden; die Idee eines Malente-Rats mit 20 bis 30 Personen soll die Kommunalpolitik begleiten.`,
  },
  {
    slug: 'zukunftskonferenz',
    title: 'Zukunftskonferenz',
    summary: 'Eine zwei- bis dreitägige Konferenz, in der ein Querschnitt der Stadt Vergangenheit, Gegenwart und Zukunft durchgeht und gemeinsame Ziele vereinbart.',
    fieldsOfAction: ['kooperation', 'gemeinschaft', 'wirtschaft'],
    goals: ['kooperativ', 'nachhaltig'],
    towns: ['zell-am-harmersbach'],
    body: `## Wozu
Die Zukunftskonferenz (Future Search) versammelt 40 bis 80 Menschen, die „das ganze System“ der Stadt abbilden. In festen Phasen entsteht ein gemeinsames Verständnis und ein Bündel von Zielen, hinter denen alle stehen.

## Wann
- vor einem Leitbild- oder Strategieprozess,
- wenn Gruppen mit unterschiedlichen Interessen eine gemeinsame Richtung finden sollen.

## Vorbereitung
1. Planungsgruppe bildet die Teilnehmerliste nach Interessengruppen.
2. Zwei bis drei Tage fest reservieren; alle sollen die ganze Zeit dabei sein.

## Ablauf
1. **Vergangenheit:** Zeitleiste der Stadt, der Menschen, der Welt.
2. **Gegenwart:** Trends und Einflüsse als Mindmap; worauf sind wir stolz, was bedauern wir?
3. **Zukunft:** Ideale Zukunftsbilder in gemischten Gruppen, kreativ präsentiert.
4. **Gemeinsamkeiten:** Was wollen alle? Daraus Ziele.
5. **Maßnahmen:** Wer macht was bis wann?

## Material
Lange Wandzeitungen, Stifte, Klebepunkte, Material für kreative Präsentationen.

## Stolpersteine
- Teilnehmende, die nur zeitweise kommen – die Methode lebt vom gemeinsamen Weg.

## Beispiele aus Kleinstädten
**Zell am Harmersbach** hat mit einer Zukunftswerkstatt ein Bild der Stadt von morgen entwickelt und Arbeitsgruppen für die Umsetzung gebildet.`,
  },
  {
    slug: 'design-thinking',
    title: 'Design Thinking',
    summary: 'Ein Vorgehen in Schleifen: Bedürfnisse verstehen, Ideen entwickeln, schnell einfache Prototypen bauen und mit den Menschen vor Ort testen.',
    fieldsOfAction: ['digital', 'wirtschaft', 'gemeinschaft'],
    goals: ['lernend', 'urbanitaet'],
    towns: ['rodewisch', 'grossschoenau'],
    body: `## Wozu
Design Thinking hilft, Angebote von den Menschen her zu denken, die sie nutzen sollen: ein Jugendtreff, ein Bürgerbüro, ein digitales Angebot für Vereine. Statt lange zu planen, werden Ideen früh ausprobiert.

## Wann
- wenn ein konkretes Angebot oder ein Ort neu gestaltet werden soll,
- wenn schnelle, kleine Starterprojekte gesucht werden.

## Vorbereitung
1. Eine Frage aus Sicht der Nutzenden formulieren („Wie können wir Jugendlichen einen Ort geben, an dem …?“).
2. Interdisziplinäres Team von fünf bis acht Personen bilden.
3. Material für Prototypen bereitlegen.

## Ablauf
1. **Verstehen und beobachten:** Gespräche mit Nutzerinnen und Nutzern vor Ort.
2. **Sichtweise definieren:** Wichtigste Bedürfnisse auf den Punkt bringen.
3. **Ideen finden:** Viele Ideen, dann auswählen.
4. **Prototyp bauen:** Aus Pappe, als Rollenspiel oder als einfache Webseite.
5. **Testen:** Mit echten Nutzenden ausprobieren, lernen, verbessern.

## Material
Post-its, Pappe, Scheren, Klebeband, Legosteine, Kamera.

## Stolpersteine
- Prototypen, die zu schön sind – niemand mag sie dann noch verändern.

## Beispiele aus Kleinstädten
In **Rodewisch** haben mehr als 60 Kinder, Jugendliche und Erwachsene gemeinsam den Wettbewerbsbeitrag „Neue Mitte – selbst gemacht“ entwickelt; in **Großschönau** wird die Webschule als Ort textiler Kreativität neu gedacht.`,
  },
];
