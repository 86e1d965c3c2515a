import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsHash, stamp, upToDate } from './inputs.ts';

/**
 * `npm start`'s build: skipped when build/ was made from exactly the current sources, configuration and installed
 * packages, so a second start serves within seconds instead of rebuilding everything.
 */
const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(app, 'build', '.inputs-hash');
const inputs = () =>
  inputsHash(app, ['src', 'messages', 'static', 'build-tools', 'project.inlang/settings.json', 'vite.config.ts', 'svelte.config.js', 'tsconfig.json', 'package.json', '../../package-lock.json', '../../packages/methods/src'], (path) =>
    path.includes('/src/lib/paraglide'),
  );
const before = inputs();
if (upToDate(stampFile, before)) {
  console.log('The platform build is up to date (build/.inputs-hash); skipping the build.');
} else {
  execFileSync('npm', ['run', 'build'], { cwd: app, stdio: 'inherit' });
  stamp(stampFile, before);
}
