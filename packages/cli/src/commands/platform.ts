import type { Command, CommandIo } from '../command.ts';

interface PlatformCommand {
  name: string;
  usage: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

// A variable specifier keeps the type checker of this package out of the web platform's sources; the platform is
// loaded only when one of its commands runs, so the methods commands start fast and work without it.
const platformModule = '@kleinstadt/platform/cli';

async function load(name: string): Promise<PlatformCommand> {
  const { platformCommands } = (await import(platformModule)) as { platformCommands: PlatformCommand[] };
  const command = platformCommands.find((c) => c.name === name);
  if (!command) throw new Error(`The platform has no command "${name}"`);
  return command;
}

const summaries: [string, string][] = [
  ['serve', 'Start the web platform (migrates; --demo seeds the demo content)'],
  ['migrate', 'Apply pending database migrations'],
  ['create-admin', 'Create a platform admin (or promote an existing account)'],
  ['import-municipalities', 'Import the Destatis GV-ISys municipality list (xlsx path or URL)'],
  ['import-atlas', 'Import the atlas (GV-ISys 1990 … today, BBSR types, Lage) from the data folder'],
  ['seed-demo', 'Create the demo content (eight model towns, demo admin)'],
];

/** The platform administration commands, loaded lazily from the web platform package. */
export const platformCommands: Command[] = summaries.map(([name, summary]) => ({
  name,
  summary,
  usage: async () => (await load(name)).usage,
  run: async (args, io) => (await load(name)).run(args, io),
}));
