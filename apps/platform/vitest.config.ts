import { defineConfig } from 'vitest/config';

// Unit and integration tests of the server modules run in plain Node (no Vite/SvelteKit plugins needed):
// on PGlite always, and on the PostgreSQL server too when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
