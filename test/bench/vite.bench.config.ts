import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The benchmark page (`npm run bench`): a plain page that drives the app's own workers and
// store, built apart from the app into .tmp/dist-bench/ (ignored by git and lint) and served
// by `vite preview`.
export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../.tmp/dist-bench', import.meta.url)), emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
