import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../../server/db/client.ts';
import { towns } from '../../../towns/server/schema.ts';
import type { FieldOfAction, OrgKind } from '../../taxonomy.ts';
import { academyOrgs, academyResearchAnswers, academyResearchers, academyResearchQuestions } from './schema.ts';

/**
 * Demo content of the network directory and the research network, written for the demo from the seed (ExWoSt-
 * Informationen 50/4): the research partners and authors named in its literature list, the associations that
 * pledged support at the congress 2018, and the institutions behind the research field. Contacts are left empty
 * where the seed names none; only web addresses printed in the seed are used.
 */
interface DemoOrg {
  slug: string;
  name: string;
  kind: OrgKind;
  description: string;
  fieldsOfAction: FieldOfAction[];
  land: string | null;
  kreis?: string;
  website?: string;
  isPartner?: boolean;
  partnerSince?: number;
  partnerContribution?: string;
  status?: 'approved' | 'pending';
  contactName?: string;
  contactEmail?: string;
}

export const demoOrgs: DemoOrg[] = [
  {
    slug: 'bbsr',
    name: 'Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)',
    kind: 'bund_land',
    description:
      'Das BBSR hat das ExWoSt-Forschungsfeld „Potenziale von Kleinstädten in peripheren Lagen“ (2015–2018) mit acht Modellvorhaben betreut und die Idee einer Kleinstadtakademie mit Forschungsassistenz und Beirat entwickelt. Es begleitet die Initiative „Kleinstädte in Deutschland“ mit Forschungsvorhaben, etwa zu Hidden Champions und zur Innenentwicklung in kleinen Kommunen.',
    fieldsOfAction: ['kooperation', 'wohnen', 'wirtschaft', 'engagement'],
    land: null,
    kreis: '',
    website: 'https://www.bbsr.bund.de',
    isPartner: true,
    partnerSince: 2019,
    partnerContribution: 'Fachliche Begleitung der Akademie, Forschungsergebnisse und die Laufende Raumbeobachtung als Datengrundlage.',
  },
  {
    slug: 'forschungsgruppe-stadt-dorf',
    name: 'Forschungsgruppe Stadt + Dorf',
    kind: 'forschung',
    description: 'Auftragnehmerin der „Expertise Kleinstädte“ (BBSR-Online-Publikation 19/2017): eine Sammlung von Ideen, Beispielen, Projekten und Szenarien zur Entwicklung zukunftsfähiger Kleinstädte.',
    fieldsOfAction: ['wohnen', 'gemeinschaft', 'kooperation'],
    land: 'Berlin',
  },
  {
    slug: 'foresightlab',
    name: 'foresightlab',
    kind: 'forschung',
    description: 'Auftragnehmer der Expertise „Urbane Kleinstädte“ (Sonderveröffentlichung des BBSR, 2018): Zukunftsforschung und Szenarien für kleinere Städte.',
    fieldsOfAction: ['digital', 'wirtschaft', 'gemeinschaft'],
    land: null,
  },
  {
    slug: 'nexus-institut',
    name: 'Nexus Institut für Kooperationsmanagement und interdisziplinäre Forschung',
    kind: 'forschung',
    description: 'Auftragnehmer der Expertise „Fokusgruppen Familien in Kleinstädten – Beteiligung von Familien im ländlichen Raum an der Entwicklung von Zukunftsbildern für Kleinstädte“ (2019).',
    fieldsOfAction: ['engagement', 'gemeinschaft', 'wohnen'],
    land: 'Berlin',
  },
  {
    slug: 'redlefsen-projektberatung',
    name: 'Redlefsen Projektberatung',
    kind: 'planung',
    description: 'Hat gemeinsam mit der Hochschule Neubrandenburg die JugendBarCamps in den acht Modellvorhaben ausgewertet (BBSR-Online-Publikation 06/2019). Beratung zu Jugendbeteiligung und Beteiligungsformaten.',
    fieldsOfAction: ['engagement', 'gemeinschaft'],
    land: null,
  },
  {
    slug: 'hochschule-neubrandenburg',
    name: 'Hochschule Neubrandenburg',
    kind: 'forschung',
    description: 'Forschungspartnerin bei der Auswertung der JugendBarCamps; viele Fotos der Modellvorhaben im Heft stammen von ihr. Lehre und Forschung zu ländlichen Räumen und Beteiligung.',
    fieldsOfAction: ['engagement', 'gemeinschaft', 'kooperation'],
    land: 'Mecklenburg-Vorpommern',
    kreis: 'Mecklenburgische Seenplatte',
    isPartner: true,
    partnerContribution: 'Auswertung von Beteiligungsformaten mit Jugendlichen; Studierende begleiten Summer Schools und JugendBarCamps.',
  },
  {
    slug: 'arl',
    name: 'Akademie für Raumforschung und Landesplanung (ARL)',
    kind: 'forschung',
    description: 'Hat das „Positionspapier Kleinstadtforschung“ erarbeitet und ein Netzwerk zur Kleinstadtforschung aufgebaut.',
    fieldsOfAction: ['kooperation', 'wirtschaft', 'wohnen'],
    land: 'Niedersachsen',
    kreis: 'Region Hannover',
    website: 'https://www.arl-net.de/de/projekte/kleinstadtforschung',
  },
  {
    slug: 'isw-muenchen',
    name: 'Institut für Städtebau und Wohnungswesen (ISW)',
    kind: 'planung',
    description: 'Herausgeber von „Planungspraxis kleiner und mittlerer Städte in Deutschland – Neue Materialien zur Planungskultur“ (München 2018). Fortbildung für Planerinnen und Planer.',
    fieldsOfAction: ['wohnen', 'kooperation'],
    land: 'Bayern',
    kreis: 'München',
    website: 'https://www.isw-isb.de',
  },
  {
    slug: 'dstgb',
    name: 'Deutscher Städte- und Gemeindebund',
    kind: 'kommunalverband',
    description: 'Kommunaler Spitzenverband der kreisangehörigen Städte und Gemeinden. Sein Präsident begrüßte auf dem Kongress „Kleinstädte in Deutschland“ 2018 die Initiative und sagte Unterstützung zu.',
    fieldsOfAction: ['kooperation', 'digital', 'wirtschaft'],
    land: null,
    isPartner: true,
    partnerContribution: 'Vermittelt die Akademie an seine Mitgliedsverbände in den Ländern und bringt Erfahrungen aus der kommunalen Praxis ein.',
  },
  {
    slug: 'deutscher-landkreistag',
    name: 'Deutscher Landkreistag',
    kind: 'kommunalverband',
    description: 'Kommunaler Spitzenverband der Landkreise; sagte auf dem Kongress 2018 seine Unterstützung für die Initiative „Kleinstädte in Deutschland“ zu.',
    fieldsOfAction: ['kooperation', 'mobilitaet'],
    land: null,
    isPartner: true,
    partnerContribution: 'Bringt die Sicht der Landkreise ein, etwa zu Mobilität und interkommunaler Zusammenarbeit.',
  },
  {
    slug: 'demo-stiftung-kleinstadtleben',
    name: 'Demo-Stiftung Kleinstadtleben',
    kind: 'stiftung',
    description: 'Ein erfundener Antrag für die Demo: eine Stiftung, die Engagement in Kleinstädten fördert und Partnerin der Akademie werden möchte.',
    fieldsOfAction: ['engagement', 'gemeinschaft'],
    land: 'Rheinland-Pfalz',
    kreis: 'Rhein-Hunsrück-Kreis',
    status: 'pending',
    contactName: 'Demo-Ansprechperson',
    contactEmail: 'stiftung@kleinstadt.example',
  },
];

const demoResearchers = [
  {
    slug: 'rudolf-schaefer',
    name: 'Prof. Dr. Rudolf Schäfer',
    institution: 'Forschungsgruppe Stadt + Dorf',
    org: 'forschungsgruppe-stadt-dorf',
    fieldsOfAction: ['wohnen', 'kooperation'] as FieldOfAction[],
    topics: ['Kleinstadtentwicklung', 'Szenarien', 'Praxisbeispiele'],
    bio: 'Mitautor der „Expertise Kleinstädte“ (BBSR-Online-Publikation 19/2017). Profil aus der Literaturliste des Forschungsfeldes, angelegt von der Redaktion.',
  },
  {
    slug: 'klaus-burmeister',
    name: 'Klaus Burmeister',
    institution: 'foresightlab',
    org: 'foresightlab',
    fieldsOfAction: ['digital', 'gemeinschaft'] as FieldOfAction[],
    topics: ['Urbanität', 'Zukunftsforschung'],
    bio: 'Mitautor der Expertise „Urbane Kleinstädte“ (BBSR 2018). Profil aus der Literaturliste des Forschungsfeldes, angelegt von der Redaktion.',
  },
  {
    slug: 'ben-rodenhaeuser',
    name: 'Ben Rodenhäuser',
    institution: 'foresightlab',
    org: 'foresightlab',
    fieldsOfAction: ['digital', 'wirtschaft'] as FieldOfAction[],
    topics: ['Urbanität', 'Szenarien'],
    bio: 'Mitautor der Expertise „Urbane Kleinstädte“ (BBSR 2018). Profil aus der Literaturliste des Forschungsfeldes, angelegt von der Redaktion.',
  },
];

const demoQuestions = [
  {
    slug: 'wirkung-von-szenarioprozessen-messen',
    title: 'Wie lässt sich die Wirkung eines Szenarioprozesses in einer Kleinstadt nach fünf Jahren messen?',
    body: 'Kastellaun hat 2016/2017 mit einer Szenariogruppe ein Zukunftsbild 2030 erarbeitet. Wir möchten wissen, was davon geblieben ist: Welche Indikatoren, Befragungen oder Vergleichsstädte eignen sich, um die Wirkung eines solchen Prozesses ehrlich zu bewerten?',
    fieldsOfAction: ['kooperation', 'engagement'] as FieldOfAction[],
    status: 'offen' as const,
    town: 'kastellaun',
  },
  {
    slug: 'ankerfunktion-peripherer-kleinstaedte',
    title: 'Welche Ankerfunktion haben Kleinstädte in peripheren Lagen nach dem Wandel im Handel für ihr Umland?',
    body: 'Früher waren Kleinstädte in peripheren Lagen Versorgungszentren für ihr Umland. Handel und Logistik haben sich verändert. Welche Funktionen übernehmen sie heute – Bildung, Gesundheit, Kultur, Arbeitsorte? Gesucht sind Fallstudien und Daten.',
    fieldsOfAction: ['wirtschaft', 'mobilitaet'] as FieldOfAction[],
    status: 'in_arbeit' as const,
    researcher: 'rudolf-schaefer',
    answer: {
      body: 'Die BBSR-Studie „Hidden Champions – Stabilisierungs- und Entwicklungsfaktoren von Kleinstädten in peripheren Lagen“ untersucht genau diese Frage an Fallbeispielen.',
      url: 'https://www.bbsr.bund.de/BBSR/DE/FP/ReFo/Staedtebau/2017/hidden-champions/start-node.html',
    },
  },
  {
    slug: 'ehrenamt-nachwuchs-vereine',
    title: 'Wie gewinnen Kleinstädte Nachwuchs für das Ehrenamt in ihren Vereinen?',
    body: 'In Malente tragen Vereine viele Angebote. Viele suchen Nachfolgerinnen und Nachfolger für Vorstände. Gibt es Untersuchungen, welche Formen des Engagements junge Menschen in Kleinstädten heute ansprechen?',
    fieldsOfAction: ['engagement', 'gemeinschaft'] as FieldOfAction[],
    status: 'offen' as const,
    town: 'malente',
  },
];

/** Seeds the directory and the research network. Idempotent (by slug). */
export async function seedNetworkDemo(db: Db): Promise<number> {
  const existing = new Set((await db.select({ slug: academyOrgs.slug }).from(academyOrgs).where(inArray(academyOrgs.slug, demoOrgs.map((o) => o.slug)))).map((r) => r.slug));
  const now = new Date();
  const missing = demoOrgs.filter((o) => !existing.has(o.slug));
  if (missing.length) {
    await db.insert(academyOrgs).values(
      missing.map((o) => ({
        slug: o.slug,
        name: o.name,
        kind: o.kind,
        description: o.description,
        fieldsOfAction: o.fieldsOfAction,
        land: o.land,
        kreis: o.kreis ?? '',
        website: o.website ?? null,
        isPartner: o.isPartner ?? false,
        partnerSince: o.partnerSince ?? null,
        partnerContribution: o.partnerContribution ?? '',
        status: o.status ?? 'approved',
        approvedAt: (o.status ?? 'approved') === 'approved' ? now : null,
        contactName: o.contactName ?? '',
        contactEmail: o.contactEmail ?? '',
      })),
    );
  }
  const orgIds = new Map((await db.select({ id: academyOrgs.id, slug: academyOrgs.slug }).from(academyOrgs)).map((r) => [r.slug, r.id]));
  const haveResearchers = new Set((await db.select({ slug: academyResearchers.slug }).from(academyResearchers)).map((r) => r.slug));
  for (const r of demoResearchers) {
    if (haveResearchers.has(r.slug)) continue;
    const { org, ...rest } = r;
    await db.insert(academyResearchers).values({ ...rest, orgId: orgIds.get(org) ?? null });
  }
  const researcherIds = new Map((await db.select({ id: academyResearchers.id, slug: academyResearchers.slug }).from(academyResearchers)).map((r) => [r.slug, r.id]));
  const haveQuestions = new Set((await db.select({ slug: academyResearchQuestions.slug }).from(academyResearchQuestions)).map((r) => r.slug));
  for (const q of demoQuestions) {
    if (haveQuestions.has(q.slug)) continue;
    const [town] = 'town' in q && q.town ? await db.select({ id: towns.id }).from(towns).where(eq(towns.slug, q.town)) : [];
    const researcherId = 'researcher' in q && q.researcher ? (researcherIds.get(q.researcher) ?? null) : null;
    const [row] = await db
      .insert(academyResearchQuestions)
      .values({ slug: q.slug, title: q.title, body: q.body, fieldsOfAction: q.fieldsOfAction, status: q.status, townId: town?.id ?? null, researcherId })
      .returning({ id: academyResearchQuestions.id });
    if ('answer' in q && q.answer) await db.insert(academyResearchAnswers).values({ questionId: row!.id, body: q.answer.body, url: q.answer.url, researcherId: null });
  }
  return missing.length;
}
