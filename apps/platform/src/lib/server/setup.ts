import { eq } from 'drizzle-orm';
import { setupMarkers } from './db/setup-schema.ts';
import type { App } from './app.ts';
import { GV_DOWNLOAD_HINT, importMunicipalities, locateGvFile } from '../modules/atlas/server/gv-import.ts';
import { importAtlas, locateAtlasSources } from '../modules/atlas/server/atlas-import.ts';
import { atlasFacts } from '../modules/atlas/server/schema.ts';
import { seedDemoTowns } from '../modules/towns/server/demo-seed.ts';
import { seedAcademyDemo } from '../modules/academy/server/demo-content.ts';
import { seedAcademyAccounts } from '../modules/academy/server/demo-accounts.ts';
import { seedAcademyEvents } from '../modules/academy/server/demo-events.ts';
import { seedNetworkDemo } from '../modules/academy/server/network/demo.ts';
import { seedSeismographDemo } from '../modules/academy/server/seismograph/demo.ts';
import { seedShowcaseDemo } from '../modules/academy/server/showcase/demo.ts';
import { seedDemoProcesses } from '../modules/processes/server/demo-seed.ts';
import { seedDemoVision } from '../modules/vision/server/demo-seed.ts';
import { seedDemoProjectGoalsAndPlaces, seedDemoProjects } from '../modules/projects/server/demo-seed.ts';

export const DEMO_ADMIN = {
  email: 'admin@kleinstadt.example',
  password: 'Kleinstadt-Demo-2030',
  displayName: 'Demo-Administration',
} as const;

type Log = (message: string) => void;

/** Imports the official municipality list when none is imported yet and the file can be found; says so otherwise. */
export async function ensureMunicipalities(app: App, log: Log): Promise<void> {
  // The full atlas (current list, time series 1990 … today, BBSR types, Lage) when its files are there: about 10 s.
  const [facts] = await app.db.select({ ags: atlasFacts.ags }).from(atlasFacts).limit(1);
  if (!facts) {
    const sources = locateAtlasSources(app.config.officialDataDir);
    if (sources) {
      log(`Importing the atlas from ${sources.folder} (once; later starts skip this) …`);
      await importAtlas(app.db, sources, log);
      return;
    }
  }
  if ((await app.municipalities.count()) > 0) return;
  const file = locateGvFile({ dataDir: app.config.officialDataDir });
  if (!file) {
    log(
      'The official municipality list (Destatis GV-ISys, 31122023_Auszug_GV.xlsx) was not found, so only the eight model towns are known.\n' +
        `  Download it from ${GV_DOWNLOAD_HINT}\n  and run: npx kleinstadt import-municipalities <path-or-url>`,
    );
    return;
  }
  await importMunicipalities(app.db, file, log);
}

/** Seeds the demo content: the eight model towns and a demo platform admin. Idempotent. */
export async function seedDemo(app: App, log: Log): Promise<void> {
  // Once seeded, never again: the towns may have renamed, edited or deleted demo content since.
  const [marker] = await app.db.select().from(setupMarkers).where(eq(setupMarkers.name, 'demo'));
  if (marker) {
    log(`Demo content was seeded on ${marker.doneAt.toISOString().slice(0, 10)}; not seeding again.`);
    return;
  }
  const created = await seedDemoTowns(app.db);
  log(created ? `Created ${created} demo town spaces.` : 'Demo town spaces already exist.');
  const processCount = await seedDemoProcesses(app.db);
  if (processCount) log(`Created ${processCount} demo processes.`);
  const projectTowns = await seedDemoProjects(app.db);
  if (projectTowns) log(`Created demo projects and working groups in ${projectTowns} towns.`);
  const existing = await app.accounts.findByEmail(DEMO_ADMIN.email);
  if (!existing) {
    await app.accounts.createPlatformAdmin(DEMO_ADMIN);
    log(`Created the demo admin ${DEMO_ADMIN.email}.`);
  }
  const entries = await seedAcademyDemo(app.db);
  if (entries) log(`Created ${entries} academy entries (literature, examples, method guides).`);
  const events = await seedAcademyEvents(app.db);
  if (events) log(`Created ${events} academy events.`);
  await seedAcademyAccounts(app, DEMO_ADMIN.password, log);
  const orgs = await seedNetworkDemo(app.db);
  if (orgs) log(`Created ${orgs} entries of the network directory and the research network.`);
  const responses = await seedSeismographDemo(app.db);
  if (responses) log(`Created the Seismograph rounds 2025 and 2026 with ${responses} answers of the model towns.`);
  const stories = await seedShowcaseDemo(app.db);
  if (stories) log(`Created ${stories} showcase stories.`);
  if (await seedDemoVision(app.db)) log('Created the demo Zukunftsbild and Zukunftsgeschichte of Malente 2030.');
  if (await seedDemoProjectGoalsAndPlaces(app.db)) log('Linked demo projects to the goals of the Zukunftsbild and placed them on the town maps.');
  await app.db.insert(setupMarkers).values({ name: 'demo' }).onConflictDoNothing();
}
