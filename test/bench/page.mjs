// The benchmark page (test/bench/browser): the import worker against raw IndexedDB puts, the
// learner's full refit against one counting pass, and one incremental update, measured in one
// page of Chromium. Builds the page apart from the app (vite.bench.config.ts) and serves it.
import { spawn, execFileSync } from 'node:child_process';
import { freePort, waitForHttp } from '../support/browserRun.mjs';

const CONFIG = 'test/bench/vite.bench.config.ts';
const VITE = 'node_modules/vite/bin/vite.js';
const TIMEOUT_MS = 30 * 60_000;

const x = (r) => `${r.toFixed(2)}x`;
const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

/** The page's detailed report, as printed before the summary table. */
export function pageReport(r) {
  const i = r.import;
  const f = r.refit;
  return [
    '',
    `Import ${i.runs.toLocaleString('en')} runs (JSON Lines, import worker: read, validate, write in one transaction)`,
    `  raw IndexedDB puts, one transaction   ${Math.round(i.rawRowsPerSec).toLocaleString('en')} rows/s (${ms(i.rawMs)})`,
    `  app import                            ${Math.round(i.importRowsPerSec).toLocaleString('en')} rows/s (${ms(i.importMs)})`,
    `    whole file parsed and checked after ${ms(i.writingAtMs)} (batches written meanwhile), last writes ${ms(i.importMs - i.writingAtMs)}`,
    `  ratio import / raw                    ${x(i.ratio)}`,
    `  page's learner catching up            ${ms(i.learnerCatchUpMs)} after the import`,
    `  longest main-thread task: import ${ms(i.longestTaskImportMs)}, learner catch-up ${ms(i.longestTaskLearnerMs)}   (target <= 50 ms)`,
    '',
    `Full adjusted refit: ${f.runs.toLocaleString('en')} runs x ${f.nudges.toLocaleString('en')} nudges (${f.iterations} iterations, ${f.converged ? 'converged' : 'NOT converged'})`,
    `  one raw counting pass (worker)        ${ms(f.countMs)}`,
    `  full fit (refit worker)               ${ms(f.fitMs)}`,
    `  ratio fit / counting pass             ${x(f.ratio)}   (${x(f.wallRatio)} as the page waits: the refutation checks, ${ms(f.refuteMs)}, and transfers included)`,
    `  refit on demand, warm-started         ${ms(f.warmFitMs)}, ratio ${x(f.warmRatio)}`,
    `  one new run, incremental (median)     ${f.updateMs.toFixed(2)} ms`,
    `  longest main-thread task during the refit phase: ${ms(f.longestTaskMs)}   (target <= 50 ms)`,
    r.longTasksSupported ? '' : '  (this browser does not report long tasks: those figures are 0 by default)',
  ].join('\n');
}

/**
 * Runs the page in `browser` (query: e.g. "importRuns=10000&refitRuns=50000&nudges=200").
 * Resolves to the page's result and the text of the file it imported.
 */
export async function runBenchPage(browser, query) {
  execFileSync(process.execPath, [VITE, 'build', '--config', CONFIG], { stdio: 'inherit' });
  const port = await freePort();
  const server = spawn(process.execPath, [VITE, 'preview', '--config', CONFIG, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/`;
  const page = await browser.newPage();
  try {
    await waitForHttp(url, server);
    page.on('console', (m) => m.text().startsWith('[bench]') && console.log(m.text().slice(8)));
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(url + (query ? `?${query}` : ''));
    await page.waitForFunction(() => window.__benchResult || window.__benchError, undefined, { timeout: TIMEOUT_MS, polling: 500 });
    const error = await page.evaluate(() => window.__benchError);
    if (error) throw new Error(error);
    const result = await page.evaluate(() => window.__benchResult);
    const importFile = await page.evaluate(() => window.__benchImportFile());
    return { result, importFile };
  } finally {
    await page.close();
    server.kill('SIGTERM');
  }
}
