import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsHash, stamp, upToDate } from './inputs.ts';

/**
 * Compiles the message files with Paraglide unless its output already belongs to the same inputs. `npm ci`'s
 * prepare, `check` and `build` all call this; only the first compiles.
 */
const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(app, 'src/lib/paraglide');
const stampFile = join(outdir, '.inputs-hash');
const hash = inputsHash(app, ['messages', 'project.inlang/settings.json', 'build-tools/paraglide.ts', '../../node_modules/@inlang/paraglide-js/package.json']);
if (upToDate(stampFile, hash)) {
  console.log('Paraglide messages are up to date.');
} else {
  const bin = join(app, '../../node_modules/.bin/paraglide-js');
  execFileSync(bin, ['compile', '--project', './project.inlang', '--outdir', './src/lib/paraglide', '--strategy', 'url', 'cookie', 'preferredLanguage', 'baseLocale', '--silent'], { cwd: app, stdio: 'inherit' });
  stamp(stampFile, hash);
  console.log('Paraglide messages compiled.');
}
