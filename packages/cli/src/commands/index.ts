import type { Command } from '../command.ts';
import { platformCommands } from './platform.ts';
import { opinionCommand } from './opinion.ts';
import { cibCommand } from './cib.ts';
import { scheduleCommand } from './schedule.ts';

/** Every subcommand, in the order `kleinstadt --help` lists them. Add a command by adding its module here. */
export const commands: Command[] = [...platformCommands, opinionCommand, cibCommand, scheduleCommand];
