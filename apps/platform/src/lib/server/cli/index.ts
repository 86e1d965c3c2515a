import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { DEMO_ADMIN, ensureMunicipalities, seedDemo } from '../setup.ts';
import { importMunicipalities, locateGvFile, GV_DOWNLOAD_HINT } from '../../modules/atlas/server/gv-import.ts';
import { importAtlas, locateAtlasSources } from '../../modules/atlas/server/atlas-import.ts';
import { ValidationError } from '../validation.ts';
import { serve } from './serve.ts';

/**
 * The platform's CLI commands (`kleinstadt migrate|serve|create-admin|import-municipalities|seed-demo`). They have
 * the shape of the CLI package's Command interface; that package loads them lazily.
 */
interface Io {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

async function withApp<T>(io: Io, run: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig();
  io.err(config.databaseUrl ? 'Database: PostgreSQL server (DATABASE_URL)' : `Database: embedded PGlite in ${config.dataDir}`);
  const app = await createApp(config);
  try {
    await app.database.migrate();
    return await run(app);
  } finally {
    await app.close();
  }
}

export const platformCommands = [
  {
    name: 'migrate',
    summary: 'Apply pending database migrations',
    usage: 'Usage: kleinstadt migrate\n\nApplies pending migrations to the database (PGlite in ./data, or DATABASE_URL).',
    async run(_args: string[], io: Io) {
      await withApp(io, async () => io.out('Migrations are up to date.'));
      return 0;
    },
  },
  {
    name: 'serve',
    summary: 'Start the web platform (migrates, imports municipalities if missing; --demo seeds demo content)',
    usage:
      'Usage: kleinstadt serve [--port N] [--demo]\n\nStarts the built web platform (run `npm run build` first).\n' +
      '  --port N   port to listen on (default: PORT or 3000)\n  --demo     seed the eight model towns and a demo admin if missing',
    async run(args: string[], io: Io) {
      const { values } = parseArgs({ args, options: { port: { type: 'string' }, demo: { type: 'boolean', default: false } } });
      if (values.port) process.env.PORT = values.port;
      const config = loadConfig();
      await withApp(io, async (app) => {
        await ensureMunicipalities(app, (m) => io.err(m));
        if (values.demo) await seedDemo(app, (m) => io.err(m));
      });
      await serve(config, io, values.demo ? DEMO_ADMIN : undefined);
      return 0;
    },
  },
  {
    name: 'create-admin',
    summary: 'Create a platform admin (or promote an existing account)',
    usage: 'Usage: kleinstadt create-admin --email ADDRESS --name "Display name" [--password PASSWORD]\n\nWithout --password the password is read from KLEINSTADT_ADMIN_PASSWORD.',
    async run(args: string[], io: Io) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
      const password = values.password ?? process.env.KLEINSTADT_ADMIN_PASSWORD;
      if (!values.email || !password) throw new UsageError('--email and --password (or KLEINSTADT_ADMIN_PASSWORD) are required');
      try {
        await withApp(io, async (app) => {
          const { user, created } = await app.accounts.createPlatformAdmin({ email: values.email!, password, displayName: values.name ?? values.email! });
          io.out(created ? `Created platform admin ${user.email}.` : `${user.email} is now a platform admin.`);
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          const hints: Record<string, string> = {
            error_email_invalid: 'is not a valid email address',
            error_password_too_short: 'must have at least 10 characters',
            error_required: 'is required',
          };
          throw new UsageError(Object.entries(error.fields).map(([f, k]) => `${f} ${hints[k] ?? 'is invalid'}`).join('; '));
        }
        throw error;
      }
      return 0;
    },
  },
  {
    name: 'import-municipalities',
    summary: 'Import the Destatis GV-ISys municipality list (xlsx path or URL)',
    usage:
      'Usage: kleinstadt import-municipalities [PATH-OR-URL]\n\nImports "Alle politisch selbständigen Gemeinden" (Auszug GV, xlsx) from Destatis.\n' +
      'Without an argument the file is looked up in KLEINSTADT_OFFICIAL_DATA or ../shared/data.\n' +
      `Download: ${GV_DOWNLOAD_HINT}`,
    async run(args: string[], io: Io) {
      const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
      const source = positionals[0] ?? locateGvFile({ dataDir: loadConfig().officialDataDir });
      if (!source) throw new UsageError(`no file given and none found in ../shared/data. Download it from ${GV_DOWNLOAD_HINT}`);
      await withApp(io, async (app) => {
        const result = await importMunicipalities(app.db, source, (m) => io.err(m));
        io.out(`Imported ${result.municipalities.length} municipalities, Stand ${result.stand}.`);
      });
      return 0;
    },
  },
  {
    name: 'import-atlas',
    summary: 'Import the atlas: GV-ISys files 1990 … today, BBSR types 2015, Lage (data folder)',
    usage:
      'Usage: kleinstadt import-atlas [FOLDER] [--raumgliederung FILE]\n\nImports the municipality list, the population time series from every yearly\n' +
      'GV-ISys "Auszug GV" file (official/destatis-gv/DDMMYYYY_Auszug_GV.xlsx), the BBSR reference Referenz_1998_2015.xlsx\n' +
      'and the PLZ4 → Lage table from FOLDER (default: KLEINSTADT_OFFICIAL_DATA or ../shared/data), and when present the INKAR\n' +
      '2018 exports and the BBSR Umsteigeschlüssel ref-gemeinden-ab-2020.xlsx; computes the BBSR type for today\'s territory\n' +
      'and the Lage, in one transaction. Re-running replaces the earlier import.\n\n' +
      '  --raumgliederung FILE  the BBSR raumgliederungen-referenzen-<year>.xlsx: official Lage and type instead of the\n' +
      '                         approximation (also found automatically in FOLDER/official/bbsr/)',
    async run(args: string[], io: Io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { raumgliederung: { type: 'string' } } });
      const folder = positionals[0] ?? loadConfig().officialDataDir;
      const located = locateAtlasSources(folder);
      if (values.raumgliederung && !existsSync(values.raumgliederung)) throw new UsageError(`--raumgliederung: file not found: ${values.raumgliederung}`);
      const sources = located && values.raumgliederung ? { ...located, raumgliederung: values.raumgliederung } : located;
      if (!sources) throw new UsageError(`the atlas files were not found in ${folder ?? '../shared/data'} (official/destatis-gv/${'31122023_Auszug_GV.xlsx'}, official/bbsr/Referenz_1998_2015.xlsx, official/bbsr/Zuordnung_PLZ4_BBSR_Raumtyp_final.csv)`);
      await withApp(io, async (app) => {
        const result = await importAtlas(app.db, sources, (m) => io.err(m));
        io.out(`Imported the atlas: ${result.municipalities} municipalities, ${result.populationRows} population figures (${result.years.join(', ')}), Stand ${result.stand}.`);
      });
      return 0;
    },
  },
  {
    name: 'send-digests',
    summary: 'Send due notification digests and meeting reminders, then deliver mail (the server does this every 30 s)',
    usage: 'Usage: kleinstadt send-digests\n\nSends the daily and weekly notification digests that are due and the meeting reminders, then delivers\nqueued mail when SMTP is configured. For installations that run the web server without its housekeeping.',
    async run(_args: string[], io: Io) {
      const { reminders, digests, mail } = await withApp(io, async (app) => {
        const reminders = await app.meetings.sendReminders();
        const digests = await app.notifications.sendDigests();
        const mail = await app.mailer.dispatch();
        return { reminders, digests, mail };
      });
      io.out(`Meeting reminders: ${reminders}. Digests: ${digests.sent}. Mails delivered: ${mail.sent} (failed: ${mail.failed}).`);
      return 0;
    },
  },
  {
    name: 'seed-demo',
    summary: 'Create the demo content (eight model towns, demo admin)',
    usage: `Usage: kleinstadt seed-demo\n\nCreates the eight model towns of the ExWoSt research field as town spaces and the demo admin ${DEMO_ADMIN.email}.`,
    async run(_args: string[], io: Io) {
      await withApp(io, async (app) => {
        await ensureMunicipalities(app, (m) => io.err(m));
        await seedDemo(app, (m) => io.err(m));
      });
      io.out(`Demo content is ready. Demo admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
      return 0;
    },
  },
];
