import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The benchmark page (`npm run bench`): a plain page that drives the app's own workers and
// store, built apart from the app into .tmp/dist-bench/ (ignored by git and lint) and served
// by `vite preview`. BENCH_OUT_DIR (relative to the repository) gives a run its own folder, so two
// people benchmarking in one checkout do not overwrite each other's build.
const outDir = process.env.BENCH_OUT_DIR ? fileURLToPath(new URL(`../../${process.env.BENCH_OUT_DIR}`, import.meta.url)) : fileURLToPath(new URL('../../.tmp/dist-bench', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  worker: { format: 'es' },
  build: { target: 'es2022', outDir, emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
