import { defineConfig } from 'vitest/config';

// Unit and integration tests of the server modules run in plain Node (no Vite/SvelteKit plugins needed):
// on PGlite always, and on the PostgreSQL server too when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Migrates once per run; every test file starts from a copy of that template (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share a worker's module cache (importing the app per file was a third of the run); each file still
    // gets its own database (helpers/app.ts), and no test relies on module state of another file.
    isolate: false,
  },
});
