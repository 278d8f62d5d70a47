import { defineConfig } from 'vitest/config';

// End-to-end journeys: the built app, served by `vite preview`, driven in Debian's Chromium.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
