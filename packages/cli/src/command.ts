/** One subcommand of the `kleinstadt` CLI. */
export interface Command {
  /** The word after `kleinstadt`, e.g. `cib`. */
  readonly name: string;
  /** One line for the overview printed by `kleinstadt --help`. */
  readonly summary: string;
  /** Full usage text printed by `kleinstadt <name> --help` (a function for commands loaded lazily). */
  readonly usage: string | (() => Promise<string>);
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIo): Promise<number>;
}

/** Where a command writes; injected so tests can capture output. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** A user error: printed without a stack trace, exit code 2 (usage) or 1 (failure). */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
