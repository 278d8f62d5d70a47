import { defineConfig } from 'vitest/config';

// Screenshots of every page at 1366 and 390 px, light and dark, for a person to look at
// (`npm run screens`; PNGs in .tmp/screens). Not part of `npm test`: it asserts nothing.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/screens/**/*.screens.ts'],
    globalSetup: ['test/e2e/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
