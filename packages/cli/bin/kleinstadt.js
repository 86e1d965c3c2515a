#!/usr/bin/env node
// The kleinstadt command. The sources are TypeScript run by Node's built-in type stripping (Node >= 24),
// so there is no separate build step for the CLI.
import { main } from '../src/main.ts';

process.exitCode = await main(process.argv.slice(2));
