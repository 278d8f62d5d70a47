// `npm run bench`: builds the benchmark page (test/bench/browser), serves it with vite preview,
// runs it in Debian's Chromium and prints each timing as a ratio to its baseline from the same
// run. Exits 0 whatever the timings; only a broken setup (no browser, a crash) exits non-zero.
// CI never runs this (it is not part of `npm test`). Smaller runs for a quick look:
//   node test/bench/run.mjs "importRuns=10000&refitRuns=50000&nudges=200"   (add &noLearner to
//   import without the page's live learner; &seedRuns=0 imports into an empty store, default 1000 runs
//   of today are recorded first)
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumOrExit, freePort, waitForHttp } from '../support/browserRun.mjs';

const CONFIG = 'test/bench/vite.bench.config.ts';
const VITE = 'node_modules/vite/bin/vite.js';

const TIMEOUT_MS = 30 * 60_000;

const chromiumPath = chromiumOrExit();

const x = (r) => `${r.toFixed(2)}x`;
const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

function report(r) {
  const i = r.import;
  const f = r.refit;
  const lines = [
    '',
    `Import ${i.runs.toLocaleString('en')} runs (JSON Lines, import worker: read, validate, write in one transaction)`,
    `  raw IndexedDB puts, one transaction   ${Math.round(i.rawRowsPerSec).toLocaleString('en')} rows/s (${ms(i.rawMs)})`,
    `  app import                            ${Math.round(i.importRowsPerSec).toLocaleString('en')} rows/s (${ms(i.importMs)})`,
    `    whole file parsed and checked after ${ms(i.writingAtMs)} (batches written meanwhile), last writes ${ms(i.importMs - i.writingAtMs)}`,
    `  ratio import / raw                    ${x(i.ratio)}   (target >= 0.8x)`,
    `  page's learner catching up            ${ms(i.learnerCatchUpMs)} after the import`,
    `  longest main-thread task: import ${ms(i.longestTaskImportMs)}, learner catch-up ${ms(i.longestTaskLearnerMs)}   (target <= 50 ms)`,
    '',
    `Full adjusted refit: ${f.runs.toLocaleString('en')} runs x ${f.nudges.toLocaleString('en')} nudges (${f.iterations} iterations, ${f.converged ? 'converged' : 'NOT converged'})`,
    `  one raw counting pass (worker)        ${ms(f.countMs)}`,
    `  full fit (refit worker)               ${ms(f.fitMs)}`,
    `  ratio fit / counting pass             ${x(f.ratio)}   (target <= 20x; ${x(f.wallRatio)} as the page waits, transfers included)`,
    `  refit on demand, warm-started         ${ms(f.warmFitMs)}, ratio ${x(f.warmRatio)}`,
    `  one new run, incremental (median)     ${f.updateMs.toFixed(2)} ms   (target < 5 ms)`,
    `  longest main-thread task during the refit phase: ${ms(f.longestTaskMs)}   (target <= 50 ms)`,
    r.longTasksSupported ? '' : '  (this browser does not report long tasks: those figures are 0 by default)',
  ];
  console.log(lines.join('\n'));
}

execFileSync(process.execPath, [VITE, 'build', '--config', CONFIG], { stdio: 'inherit' });
const port = await freePort();
const server = spawn(process.execPath, [VITE, 'preview', '--config', CONFIG, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: ['ignore', 'ignore', 'inherit'] });
const url = `http://127.0.0.1:${port}/`;
let browser;
try {
  await waitForHttp(url, server);
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  page.on('console', (m) => m.text().startsWith('[bench]') && console.log(m.text().slice(8)));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url + (process.argv[2] ? `?${process.argv[2]}` : ''));
  await page.waitForFunction(() => window.__benchResult || window.__benchError, undefined, { timeout: TIMEOUT_MS, polling: 500 });
  const error = await page.evaluate(() => window.__benchError);
  if (error) throw new Error(error);
  report(await page.evaluate(() => window.__benchResult));
} catch (err) {
  console.error(`The benchmark could not run: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  server.kill('SIGTERM');
}
