import { defineConfig } from 'vitest/config';

// `npm run bench:learn`: the learner on simulated worlds, printed as tables. Node only; never
// part of `npm test` (the unit config includes test/unit only).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/bench/learn.bench.ts'],
    testTimeout: 3_600_000,
    disableConsoleIntercept: true,
  },
});
