import { eq } from 'drizzle-orm';
import type { Db } from '../../../server/db/client.ts';
import { modelTowns } from '../../atlas/server/demo-towns.ts';
import { towns } from './schema.ts';
import { slugify } from './validation.ts';

/**
 * Short descriptions of the eight model towns, written for this platform from the ExWoSt report (BBSR,
 * ExWoSt-Informationen 50/4, 2019). They describe what each town tried, not official statements of the towns.
 */
const descriptions: Record<string, { de: string; en: string }> = {
  '16075062': {
    de: 'Die Kurstadt im Thüringer Schiefergebirge hat mit ihrer Szenariogruppe über Wohnen, Gesundheit und den Zusammenhalt in der Kernstadt nachgedacht und daraus erste sichtbare Projekte entwickelt.',
    en: 'The spa town in the Thuringian Slate Mountains used its scenario group to think about housing, health and community in the town centre, and turned this into its first visible projects.',
  },
  '05762008': {
    de: 'Die Stadt an der Weser mit ihren vielen Ortschaften hat Bürgerinnen und Bürger aus Kernstadt und Dörfern zusammengebracht, um ein gemeinsames Zukunftsbild für Beverungen zu entwerfen.',
    en: 'The town on the Weser with its many villages brought together people from the centre and the villages to draw a shared picture of Beverungen’s future.',
  },
  '14626140': {
    de: 'Die Gemeinde im Zittauer Gebirge nahe der Grenze zu Tschechien hat Jugendliche gezielt einbezogen und über Tourismus, Handwerkstradition und das Leben im Dreiländereck diskutiert.',
    en: 'The municipality in the Zittau Mountains near the Czech border involved young people on purpose and discussed tourism, craft traditions and life in the border triangle.',
  },
  '07140064': {
    de: 'Die Hunsrückstadt hat ihre Szenariowerkstätten in drei Schritten aufgebaut: Gruppe gründen, Einflussfaktoren sammeln und Schlüsselfaktoren wählen, schließlich Schlagzeilen aus dem Jahr 2030 schreiben und daraus ein Zukunftsbild formen.',
    en: 'The Hunsrück town built its scenario workshops in three steps: founding the group, collecting influence factors and choosing key factors, and finally writing headlines from 2030 that became its vision.',
  },
  '01055028': {
    de: 'Die Gemeinde in der Holsteinischen Schweiz hat unter dem Leitgedanken „Malente 2030“ Ideen zu Ortsmitte, Tourismus und Mobilität gesammelt und mit einem Bürgerforum verstetigt.',
    en: 'The municipality in Holstein Switzerland collected ideas on its centre, tourism and mobility under the heading “Malente 2030” and continued the work with a citizens’ forum.',
  },
  '15088235': {
    de: 'Die Stadt am Geiseltalsee, geprägt vom Wandel des Braunkohlereviers, hat mit Bürgerschaft und Jugend darüber beraten, wie der neue See und die Altstadt zusammen eine Zukunft haben.',
    en: 'The town by Lake Geiseltal, shaped by the change of the former lignite district, discussed with its citizens and youth how the new lake and the old town can share a future.',
  },
  '14523360': {
    de: 'Die Stadt im Vogtland hat im Modellvorhaben Jugendbeteiligung, Innenstadt und Gemeinschaft in den Mittelpunkt gestellt und kleine Starterprojekte schnell umgesetzt.',
    en: 'The Vogtland town put youth participation, the town centre and community at the heart of its project and quickly carried out small starter projects.',
  },
  '08317146': {
    de: 'Die Stadt im Schwarzwald hat mit einer Zukunftswerkstatt und Formaten für junge Menschen ein Bild der Stadt von morgen entwickelt und Arbeitsgruppen für die Umsetzung gebildet.',
    en: 'The Black Forest town developed a picture of its future with a future workshop and formats for young people, and set up working groups to carry it out.',
  },
};

/**
 * Seeds the eight model towns as town spaces (idempotent: existing spaces are left as they are). Returns the
 * number of spaces created.
 */
export async function seedDemoTowns(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    let created = 0;
    for (const town of modelTowns) {
      const [existing] = await tx.select({ id: towns.id }).from(towns).where(eq(towns.ags, town.ags));
      if (existing) continue;
      const text = descriptions[town.ags]!;
      await tx.insert(towns).values({
        slug: slugify(town.name),
        name: town.name,
        ags: town.ags,
        landName: town.landName,
        descriptionDe: text.de,
        descriptionEn: text.en,
        internalNotes: 'Demo-Stadtraum: interne Notizen sind nur für Mitglieder sichtbar.',
      });
      created++;
    }
    return created;
  });
}
