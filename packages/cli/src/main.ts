import { CliError, type CommandIo } from './command.ts';
import { commands } from './commands/index.ts';

const processIo: CommandIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

function overview(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: kleinstadt <command> [options]', '', 'Commands:', ...lines, '', 'Run `kleinstadt <command> --help` for the options of a command.'].join('\n');
}

/** Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(typeof command.usage === 'string' ? command.usage : await command.usage());
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`kleinstadt ${name}: ${error.message}`);
      return error.exitCode;
    }
    // A typed error (from the methods library or the platform) carries a message that names the line or field;
    // show it without a stack, with its exit code when it has one (2 = usage).
    if (error instanceof Error && error.name !== 'Error' && !process.env.KLEINSTADT_DEBUG) {
      io.err(`kleinstadt ${name}: ${error.message}`);
      const code = (error as { exitCode?: unknown }).exitCode;
      return typeof code === 'number' ? code : 1;
    }
    throw error;
  }
}
