import { eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../../../../server/db/client.ts';
import { towns } from '../../../towns/server/schema.ts';
import { processImage } from '../../../processes/server/photos.ts';
import type { FieldOfAction } from '../../taxonomy.ts';
import { academyStories, academyStoryPhotos } from './schema.ts';

/**
 * Three demo showcase stories, retold from the seed's chapter "Wie geht es weiter in den Modellvorhaben?". There are
 * no photos in the repository: each story gets a drawn illustration (SVG rendered by sharp, then sent through the
 * same image pipeline as every upload), labelled as an illustration in its alt text.
 */
const demoStories: { slug: string; town: string; title: string; teaser: string; body: string; fieldsOfAction: FieldOfAction[]; picture: { alt: string; caption: string; colour: string; motif: string } }[] = [
  {
    slug: 'rodewisch-neue-mitte-selbst-gemacht',
    town: 'rodewisch',
    title: 'Rodewisch macht seine Mitte selbst',
    teaser: 'Mehr als 60 Kinder, Jugendliche und Erwachsene haben gemeinsam ein neues Stadtzentrum entworfen – und damit 2018 den sächsischen Wettbewerb „Ab in die Mitte!“ gewonnen.',
    fieldsOfAction: ['gemeinschaft', 'engagement', 'wohnen'],
    body: `## Vom Szenario zur neuen Mitte

Rodewisch hat im Forschungsfeld mit einer Szenariogruppe ein Zukunftsbild erarbeitet. Daraus wurde ein Kernprojekt: das Stadtzentrum **„Neue Mitte – selbst gemacht“**. Mehr als 60 Kinder, Jugendliche und Erwachsene haben den Beitrag gemeinsam entwickelt; er gewann 2018 den 1. Preis im Wettbewerb „Ab in die Mitte! Die City-Offensive Sachsen“.

## Was andere Städte lernen können

- **Beteiligung ist Chefsache:** Die Bürgermeisterin hat die Jugendbeteiligung zur eigenen Aufgabe gemacht.
- **Eine Leitungsgruppe und thematische Arbeitsgruppen** führen die Arbeit der Szenariogruppe fort.
- **Die Zukunftsgeschichte sichtbar machen:** als Film, Postkarten, Malbücher und Tafeln mit Zukunftswimmelbildern im Stadtraum.`,
    picture: { alt: 'Illustration: zwei Häuser mit spitzen Dächern und ein Baum, darunter der Schriftzug „Neue Mitte“', caption: 'Illustration für die Demo, kein Foto aus Rodewisch.', colour: '#0b5394', motif: 'Neue Mitte' },
  },
  {
    slug: 'zell-jugendhaus-die-linde',
    town: 'zell-am-harmersbach',
    title: 'Zell am Harmersbach: Jugendliche bauen ihr Jugendhaus selbst um',
    teaser: 'Im Jugendhaus „Die Linde“ packen Jugendliche gemeinsam mit Stadt, Industrie und Handwerksbetrieben an – eines von vielen Projekten mit klaren Verantwortlichen.',
    fieldsOfAction: ['engagement', 'wirtschaft', 'gemeinschaft'],
    body: `## 14 kleine Projekte statt eines großen Plans

Nach dem Szenarioprozess arbeiten in Zell am Harmersbach thematische Arbeitsgruppen weiter: Wirtschaft, Tourismus und Kultur, Innenstadt und Handel, Wohnen und Lebensqualität, Vereine und Jugend sowie ein Kompetenzteam Verkehr. **14 kleine Projekte** haben konkrete Verantwortliche und werden Schritt für Schritt umgesetzt.

## Die Linde

Zentral für die Jugendarbeit ist das Jugendhaus **„Die Linde“**: Jugendliche bauen es mit der Stadt, mit Industrie- und Handwerksbetrieben um. So entsteht nicht nur ein Treffpunkt, sondern auch ein Kontakt zu den Betrieben am Ort.`,
    picture: { alt: 'Illustration: zwei Häuser mit spitzen Dächern und ein Baum, darunter der Schriftzug „Die Linde“', caption: 'Illustration für die Demo, kein Foto aus Zell am Harmersbach.', colour: '#2e7d32', motif: 'Die Linde' },
  },
  {
    slug: 'grossschoenau-bahnhof-und-webschule',
    town: 'grossschoenau',
    title: 'Großschönau: Vom JugendBarCamp zum Jugendtreff im Bahnhof',
    teaser: 'Eine Idee aus dem JugendBarCamp wird zum Leitprojekt: Der Bahnhof soll einen Jugendtreff bekommen, die Webschule ein Ort textiler Kreativität werden.',
    fieldsOfAction: ['engagement', 'gemeinschaft', 'wirtschaft'],
    body: `## Leitprojekte Bahnhof und Webschule

Im Mittelpunkt stehen zwei Leitprojekte. Für den **Bahnhof** prüft eine Machbarkeitsstudie eine sinnvolle und nachhaltige Nutzung; angestoßen durch das JugendBarCamp soll dort ein Jugendtreff entstehen. Ein Jugendtreff und eine Stelle für Jugendsozialarbeit sind schon verwirklicht.

Mit der Idee, die **Webschule** zu einem Ort textiler Kreativität zu machen, gewann Großschönau im Landeswettbewerb „Ideen für den ländlichen Raum“.

## Beteiligung wirkt weiter

Der Schwung der Beteiligung soll auch helfen, Menschen für eine Kandidatur bei der Kommunalwahl zu gewinnen. Die Szenariogruppe bleibt bestehen und wird projektbezogen einberufen.`,
    picture: { alt: 'Illustration: zwei Häuser mit spitzen Dächern und ein Baum, darunter der Schriftzug „Bahnhof“', caption: 'Illustration für die Demo, kein Foto aus Großschönau.', colour: '#8c2981', motif: 'Bahnhof' },
  },
];

async function illustration(colour: string, motif: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#f4f1ea"/>
  <rect y="470" width="1200" height="160" fill="#d9d2c3"/>
  <rect x="180" y="250" width="260" height="220" fill="${colour}"/><polygon points="160,250 310,150 460,250" fill="#1b1b1b"/>
  <rect x="520" y="300" width="200" height="170" fill="${colour}" opacity="0.8"/><polygon points="505,300 620,220 735,300" fill="#1b1b1b"/>
  <circle cx="900" cy="330" r="120" fill="#5a8f3c"/><rect x="885" y="400" width="30" height="80" fill="#6b4f2a"/>
  <text x="600" y="580" font-family="sans-serif" font-size="56" font-weight="700" text-anchor="middle" fill="#1b1b1b">${motif}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Seeds the three stories (published) with one illustration each. Idempotent (by slug). */
export async function seedShowcaseDemo(db: Db): Promise<number> {
  const existing = new Set((await db.select({ slug: academyStories.slug }).from(academyStories).where(inArray(academyStories.slug, demoStories.map((s) => s.slug)))).map((r) => r.slug));
  let created = 0;
  for (const [i, s] of demoStories.entries()) {
    if (existing.has(s.slug)) continue;
    const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.slug, s.town));
    const publishedAt = new Date(Date.now() - (i + 1) * 86_400_000 * 7);
    const [story] = await db
      .insert(academyStories)
      .values({ slug: s.slug, title: s.title, teaser: s.teaser, body: s.body, fieldsOfAction: s.fieldsOfAction, townId: town?.id ?? null, status: 'published', publishedAt })
      .returning({ id: academyStories.id });
    const image = await processImage(new Uint8Array(await illustration(s.picture.colour, s.picture.motif)));
    await db.insert(academyStoryPhotos).values({ storyId: story!.id, altText: s.picture.alt, caption: s.picture.caption, ...image });
    created++;
  }
  return created;
}
