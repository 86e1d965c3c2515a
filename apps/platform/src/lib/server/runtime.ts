import { createApp, type App } from './app.ts';

/**
 * The app instance of the running web server, created once by the `init` hook. Routes reach services through
 * `services()` (via `event.locals`), never by constructing them.
 */
let app: App | undefined;
let housekeeping: NodeJS.Timeout | undefined;

export async function startRuntime(): Promise<App> {
  if (app) return app;
  app = await createApp();
  await app.database.migrate();
  const current = app;
  housekeeping = setInterval(() => {
    current.housekeeping().catch((error: unknown) => console.error('housekeeping failed:', error));
  }, 30_000);
  housekeeping.unref();
  // adapter-node (and our `kleinstadt serve`) emit this after the HTTP server closed; PGlite must be closed or the
  // process never exits.
  process.once('sveltekit:shutdown' as never, () => {
    clearInterval(housekeeping);
    void current.close();
  });
  return app;
}

export function services(): App {
  if (!app) throw new Error('The runtime has not been started (hooks.server init)');
  return app;
}
