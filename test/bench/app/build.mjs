// The built app as `npm run bench` measures it: built once into its own folder (with the ledger
// measurement page under /__perf/, which fills profiles through the app's own store), then
// read for what every page loads (the core) and what it must not ship.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSize } from './firstLoad.mjs';

const VITE = 'node_modules/vite/bin/vite.js';

/** Builds the app into `outDir` (printing the build's page sizes) and the fill page into it. */
export function buildApp(outDir) {
  const out = execFileSync(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir'], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  // Of Vite's output, only the build's own page sizes (build/pageSizes.ts).
  const from = out.indexOf('First load');
  if (from >= 0) console.log(out.slice(from, out.indexOf('\n\n', from)));
  execFileSync(process.execPath, [VITE, 'build', '--config', 'test/perf/vite.perf.config.ts'], { stdio: 'inherit', env: { ...process.env, PERF_OUT_DIR: outDir } });
}

/** The scripts index.html loads on every page (its entry and the modules it preloads), gzip. */
export function coreSize(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
  return { files: files.length, gzip: files.reduce((a, f) => a + gzipSize(join(outDir, f)), 0) };
}

/** Built chunks holding Solid's development build (its components carry this symbol). */
export function devBuildChunks(outDir) {
  const assets = join(outDir, 'assets');
  return readdirSync(assets).filter((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('solid-dev-component'));
}

/** Which of `packages` the scripts at `paths` (URL paths of the build) carry, by their source maps. */
export function packagesIn(outDir, paths, packages) {
  const found = new Map(packages.map((p) => [p, []]));
  for (const path of paths) {
    const map = join(outDir, `${path}.map`);
    if (!existsSync(map)) continue;
    const sources = JSON.parse(readFileSync(map, 'utf8')).sources ?? [];
    for (const p of packages) if (sources.some((s) => s.includes(`node_modules/${p}/`))) found.get(p).push(path.replace(/^\/assets\//, ''));
  }
  return found;
}
