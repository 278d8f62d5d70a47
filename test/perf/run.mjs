// Ledger timings with a large log (`node test/perf/run.mjs [entries]`, default 100,000):
// builds the app into PERF_OUT_DIR (default dist-perf) with the measurement page under
// /__perf/, serves it with vite preview and drives Debian's Chromium:
//   1. /__perf/ fills the app's IndexedDB through the store's own functions and times, on
//      that page, computeEthicsHeader, inclusion proofs and a dossier (test/perf/browser);
//   2. the app itself (/log): the service worker's /.well-known/compiler_ethics.json, warm
//      and from a stopped worker (as a crawler meets it), and the Proof button of the Log page.
// PERF_SKIP_BUILD=1 reuses the build; PERF_PROFILE=<dir> with PERF_PORT=<port> keeps the
// browser profile, and so the filled log, between runs (IndexedDB belongs to the origin, port
// included): e.g. fill it with one build and open it with the next to time an upgrade.
// Prints timings; never fails on a timing.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumOrExit, freePort, waitForHttp } from '../support/browserRun.mjs';

const VITE = 'node_modules/vite/bin/vite.js';
const OUT = process.env.PERF_OUT_DIR ?? 'dist-perf';
const ENTRIES = Number(process.argv[2] ?? 100_000);
const RUNS = 5;

const chromiumPath = chromiumOrExit();

const ms = (v) => `${Math.round(v)}`;
const list = (xs) => `${xs.map(ms).join(', ')} ms (median ${ms([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)])})`;

if (!process.env.PERF_SKIP_BUILD) {
  execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn', '--outDir', OUT, '--emptyOutDir'], { stdio: 'inherit' });
  execFileSync(process.execPath, [VITE, 'build', '--config', 'test/perf/vite.perf.config.ts'], { stdio: 'inherit', env: { ...process.env, PERF_OUT_DIR: OUT } });
}
const port = Number(process.env.PERF_PORT ?? 0) || (await freePort());
const server = spawn(process.execPath, [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', OUT], { stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
const profile = process.env.PERF_PROFILE ?? mkdtempSync(join(tmpdir(), 'ledger-perf-'));
let ctx;
try {
  await waitForHttp(base, server);
  ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  // 1. Fill and measure on the measurement page (no service worker controls it).
  const fill = await ctx.newPage();
  fill.on('console', (m) => m.text().startsWith('[perf]') && console.log(`  page: ${m.text().slice(7)}`));
  fill.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  // A kept profile has the app's service worker, which answers every navigation with the app.
  await fill.goto(`${base}/__perf/`);
  await fill.evaluate(async () => Promise.all((await navigator.serviceWorker.getRegistrations()).map((r) => r.unregister())));
  await fill.goto(`${base}/__perf/?fill=${ENTRIES}&runs=${RUNS}`);
  await fill.waitForFunction(() => window.__perfResult || window.__perfError, undefined, { timeout: 30 * 60_000, polling: 500 });
  const error = await fill.evaluate(() => window.__perfError);
  if (error) throw new Error(error);
  const r = await fill.evaluate(() => window.__perfResult);
  await fill.close();

  // 2. The app: its service worker answers the header; the Log page shows proofs.
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  let t0 = Date.now();
  await page.goto(`${base}/log`);
  await page.locator('.brand').waitFor();
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await page.locator('.brand').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const fetchHeader = () =>
    page.evaluate(async () => {
      const t = performance.now();
      const res = await fetch('/.well-known/compiler_ethics.json');
      const body = await res.text();
      return { ms: performance.now() - t, status: res.status, body };
    });
  // While the app starts (its start-up verification reads the whole log too), as a person meets
  // it; beside it, a precached file from the same service worker at that moment.
  const staticAtStart = await page.evaluate(async () => {
    const t = performance.now();
    await (await fetch('/manifest.webmanifest')).text();
    return performance.now() - t;
  });
  const starting = (await fetchHeader()).ms;
  // Measure once the start-up verification of this page has finished (the dial may show an
  // older result before that): it reads and hashes the whole log and would slow everything.
  const opened = t0;
  const verifiedSince = () =>
    page.evaluate(
      (since) =>
        new Promise((resolve) => {
          const open = indexedDB.open('metacompiler');
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get('ledger.verification');
            get.onsuccess = () => {
              const v = get.result?.value;
              open.result.close();
              resolve(v?.trigger === 'startup' && v.at >= since);
            };
            get.onerror = () => (open.result.close(), resolve(false));
          };
        }),
      opened,
    );
  for (const until = Date.now() + 10 * 60_000; !(await verifiedSince()); ) {
    if (Date.now() > until) throw new Error('the start-up verification did not finish within 10 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const settled = Date.now() - t0;
  const warm = [];
  let body = '';
  for (let i = 0; i < RUNS; i++) {
    const h = await fetchHeader();
    if (h.status !== 200) throw new Error(`the header answered ${h.status}: ${h.body}`);
    warm.push(h.ms);
    body = h.body;
  }
  const cdp = await ctx.newCDPSession(page);
  const cold = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    cold.push((await fetchHeader()).ms);
  }
  const ui = [];
  const rows = page.getByTestId('show-proof');
  for (let i = 0; i < RUNS; i++) {
    t0 = Date.now();
    await rows.nth(i).click();
    await page.getByTestId('proof-result').waitFor({ timeout: 120_000 });
    ui.push(Date.now() - t0);
    await rows.nth(i).click();
    await page.getByTestId('proof-result').waitFor({ state: 'detached' });
  }
  const header = JSON.parse(body);
  console.log(`
Ledger with ${r.size.toLocaleString('en')} entries
  computeEthicsHeader on a page          ${list(r.header)}
  service worker header, app starting    ${ms(starting)} ms (a precached file just before: ${ms(staticAtStart)} ms)
  service worker header, warm            ${list(warm)}
  service worker header, stopped worker  ${list(cold)}
  first inclusion proof on a page        ${ms(r.proofFirst)} ms (log loaded into the ledger worker)
  inclusion proof, same head             ${list(r.proofWarm)}
  inclusion proof, after one more entry  ${list(r.proofNewHead)}
  dossier of 16 entries                  ${ms(r.dossier)} ms
  Log page: Proof button to its result   ${list(ui)}
  (the app page took ${ms(settled)} ms to open and finish its start-up verification)
  header proof handles: ${JSON.stringify({ ...header.zk_proof_handles, invariants_wired: header.invariants_wired.length, signed_root: header.signed_root && { size: header.signed_root.size } })}`);
} catch (err) {
  console.error(`The measurement could not run: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await ctx?.close();
  server.kill('SIGTERM');
  if (!process.env.PERF_PROFILE) rmSync(profile, { recursive: true, force: true });
}
