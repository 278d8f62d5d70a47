import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The ledger measurement page (test/perf/run.mjs): built INTO the app's build folder, under
// /__perf/, so that it shares the app's origin, IndexedDB and service worker.
// PERF_OUT_DIR is the app's build folder (relative to the repository), e.g. dist-eth.
const appOut = process.env.PERF_OUT_DIR ?? 'dist-perf';
const outDir = fileURLToPath(new URL(`../../${appOut}/__perf`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  base: '/__perf/',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir, emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
