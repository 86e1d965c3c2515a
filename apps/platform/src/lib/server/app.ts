import { loadConfig, type AppConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { createAccountService } from '../modules/accounts/server/service.ts';
import { createTownService } from '../modules/towns/server/service.ts';
import { createMunicipalityDirectory } from '../modules/atlas/server/municipalities.ts';
import { createAtlasService } from '../modules/atlas/server/atlas.ts';
import { createMailer, smtpTransport } from '../modules/mail/server/outbox.ts';
import { createSiteService } from '../modules/site/server/service.ts';
import { createAcademyService } from '../modules/academy/server/service.ts';
import { createCheckService } from '../modules/academy/server/check.ts';
import { createEventService } from '../modules/academy/server/events.ts';
import { createQuestionService } from '../modules/academy/server/questions.ts';
import { createPeerService } from '../modules/academy/server/peers.ts';
import { createNetworkService } from '../modules/academy/server/network/service.ts';
import { createResearchService } from '../modules/academy/server/research/service.ts';
import { createSeismographService } from '../modules/academy/server/seismograph/service.ts';
import { createShowcaseService } from '../modules/academy/server/showcase/service.ts';
import { createEntryFileService } from '../modules/academy/server/showcase/attachments.ts';
import { pruneRateLimits } from './rate-limit.ts';
import { createProcessService } from '../modules/processes/server/service.ts';
import { createMeetingService } from '../modules/processes/server/meetings.ts';
import { createIdeaService } from '../modules/processes/server/ideas.ts';
import { createAccessLinkService } from '../modules/processes/server/access-links.ts';
import { createModerationService } from '../modules/processes/server/moderation.ts';
import { createPhotoService } from '../modules/processes/server/photos.ts';
import { createTownMapService } from '../modules/atlas/server/town-map.ts';
import { createScenarioGroupService } from '../modules/processes/server/scenario-group.ts';
import { createProjectService } from '../modules/projects/server/service.ts';
import { createWorkingGroupService } from '../modules/projects/server/working-groups.ts';
import { createVisionService } from '../modules/vision/server/service.ts';
import { createAuditService } from '../modules/audit/server/service.ts';
import { createNotificationService } from '../modules/notifications/server/service.ts';
import { componentTypes } from '../modules/processes/server/components/index.ts';
import { createOpenDataService } from '../modules/opendata/server/service.ts';
import { createProjectPersonalData } from '../modules/projects/server/personal-data.ts';
import { createAcademyPersonalData } from '../modules/academy/server/personal-data.ts';

/**
 * The composition root: opens the database once and wires every service. Routes, hooks and CLI commands get
 * their services from here and never construct them themselves. `initialData`: a PGlite data folder (tarball) to start
 * from instead of an empty one; the tests start every file from one migrated template this way.
 */
export async function createApp(config: AppConfig = loadConfig(), options: { initialData?: Blob } = {}) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, initialData: options.initialData });
  const { db } = database;
  const transport = config.smtpUrl ? await smtpTransport(config.smtpUrl) : undefined;
  const mailer = createMailer({ db, from: config.mailFrom, transport });
  const municipalities = createMunicipalityDirectory(db);
  const atlas = createAtlasService(db, { dataDir: config.officialDataDir });
  const notifications = createNotificationService({ db, mailer, origin: config.publicOrigin });
  const accounts = createAccountService({ db, mailer, origin: config.publicOrigin });
  const towns = createTownService({ db, notifications, municipalities, origin: config.publicOrigin });
  const site = createSiteService({ db, legalDir: config.legalDir });
  const academy = createAcademyService({ db });
  const kleinstadtCheck = createCheckService({ db, academy, towns });
  const academyEvents = createEventService({ db, mailer, notifications, origin: config.publicOrigin });
  const questions = createQuestionService({ db, notifications, origin: config.publicOrigin, towns });
  const peers = createPeerService({ db, mailer, origin: config.publicOrigin });
  const network = createNetworkService({ db });
  const research = createResearchService({ db, towns });
  const seismograph = createSeismographService({ db, towns });
  const showcase = createShowcaseService({ db });
  const entryFiles = createEntryFileService({ db, academy });
  const processes = createProcessService({ db, towns });
  const meetings = createMeetingService({ db, processes, notifications, mailer, origin: config.publicOrigin });
  const townMaps = createTownMapService({ db, dataDir: config.officialDataDir });
  const ideas = createIdeaService({ db, processes, notifications, townMaps, towns, origin: config.publicOrigin });
  const moderation = createModerationService({ db, towns, notifications });
  const accessLinks = createAccessLinkService({ db });
  const photos = createPhotoService({ db, processes, meetings });
  const scenarioGroup = createScenarioGroupService({ db, processes, notifications, origin: config.publicOrigin });
  const projects = createProjectService({ db, notifications, townMaps, towns, origin: config.publicOrigin });
  const workingGroups = createWorkingGroupService({ db, towns });
  const vision = createVisionService({ db, processes });
  const audit = createAuditService({ db, towns });
  // The audit log names what its entries point to; each module answers for its own things.
  audit.addNameSource((ids) => processes.namesOf(ids));
  audit.addNameSource((ids) => projects.namesOf(ids));
  audit.addNameSource((ids) => accounts.namesOf(ids));
  const openData = createOpenDataService({ towns, processes, ideas, meetings, projects, vision, origin: config.publicOrigin });

  const app = {
    config,
    database,
    db,
    mailer,
    notifications,
    municipalities,
    atlas,
    accounts,
    towns,
    site,
    academy,
    kleinstadtCheck,
    academyEvents,
    questions,
    peers,
    network,
    research,
    seismograph,
    showcase,
    entryFiles,
    processes,
    meetings,
    ideas,
    moderation,
    accessLinks,
    photos,
    scenarioGroup,
    projects,
    workingGroups,
    vision,
    audit,
    openData,
    /** Periodic work: reminders, digests, deliver mail, drop expired sessions and counters. */
    async housekeeping() {
      await academyEvents.sendReminders();
      await meetings.sendReminders();
      await notifications.sendDigests();
      await mailer.dispatch();
      await accounts.prune();
      await pruneRateLimits(db);
    },
    async close() {
      await database.close();
      transport?.close();
    },
  };
  // Every module and component type declares what it stores about people; the account export and deletion cover them all.
  accounts.addPersonalDataSource(createProjectPersonalData(db));
  accounts.addPersonalDataSource(createAcademyPersonalData(db));
  for (const definition of componentTypes()) {
    accounts.addPersonalDataSource({ name: definition.type, collect: (userId) => definition.personalData.collect(app, userId), erase: (tx, userId) => definition.personalData.erase(app, tx, userId) });
  }
  return app;
}

export type App = Awaited<ReturnType<typeof createApp>>;
