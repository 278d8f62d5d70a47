// `npm run bench`: measures the built app as a person meets it and ends with one table, every
// measure of issue 15 beside its target, ratios taken against baselines measured in the same run.
// Exits 1 when a measured target is missed (or the setup breaks); CI never runs it.
//
//   load     JS a fresh profile fetches to open /specs and /evidence (gzip), the core every page
//            loads, Solid's development build, WebRTC and the JavaScript grammar on first load
//   startup  a profile with a 100k-entry log, 1M runs and 10k bets against an empty one: first
//            paint, input ready, the start-up check of the log; the first inclusion proof
//   page     the benchmark page (test/bench/browser): import vs raw puts, refit vs a counting
//            pass, one incremental update
//   import   the same file imported through the app's Evidence page, against the page's import
//   devices  a profile with 100k runs pairs with a fresh one over a y-websocket server on
//            loopback: time until the fresh one holds every run, longest main-thread task on each
//
// Options: --only=load,startup,page,import,devices --pair-runs=N   --log=N --runs=N --bets=N (the big profile)
//          --openings=N (per profile, medians)   --app-dir=DIR (measure a build already made;
//          with --verified-by=record for a build older than the metacompiler:log-verified mark)
//          any other argument is the benchmark page's query, e.g. "importRuns=10000&refitRuns=50000"
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumOrExit, freePort, waitForHttp } from '../support/browserRun.mjs';
import { appImport } from './app/appImport.mjs';
import { pairTransfer } from './app/devicesPair.mjs';
import { buildApp, coreSize, devBuildChunks, packagesIn } from './app/build.mjs';
import { firstLoad } from './app/firstLoad.mjs';
import { fillProfile, newProfileDir, openOnce, pairedOpenings, timeFirstProof } from './app/startup.mjs';
import { pageReport, runBenchPage } from './page.mjs';
import { kB, ms, printTable, ratio, row } from './table.mjs';

const VITE = 'node_modules/vite/bin/vite.js';
const args = process.argv.slice(2);
const opt = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const only = new Set(opt('only', 'load,startup,page,import,devices').split(','));
const pairRuns = Number(opt('pair-runs', 100_000));
const big = { log: Number(opt('log', 100_000)), runs: Number(opt('runs', 1_000_000)), bets: Number(opt('bets', 10_000)) };
const openings = Number(opt('openings', 3));
const verifiedBy = opt('verified-by', 'mark');
const pageQuery = args.find((a) => !a.startsWith('--'));
const appDir = opt('app-dir', process.env.BENCH_APP_DIR ?? '.tmp/dist-bench-app');

const chromiumPath = chromiumOrExit();
const m = {};

if (!opt('app-dir')) buildApp(appDir);
const port = await freePort();
const server = spawn(process.execPath, [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', appDir], { stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
const profiles = [];
let browser;
try {
  await waitForHttp(base, server);
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });

  if (only.has('load')) {
    console.log('\nFirst load: fresh profiles open /specs and /evidence…');
    const marked = { startupMark: verifiedBy === 'mark' };
    m.specs = await firstLoad(browser, base, '/specs', '[data-testid="new-spec-title"]', appDir, marked);
    m.evidence = await firstLoad(browser, base, '/evidence', '[data-testid="record-run-form"]', appDir, marked);
    m.core = coreSize(appDir);
    m.dev = devBuildChunks(appDir);
    m.lazyPackages = packagesIn(appDir, m.specs.files.map((f) => f.path), ['simple-peer', '@lezer/javascript']);
  }

  if (only.has('startup')) {
    const empty = newProfileDir('empty');
    const full = newProfileDir('full');
    profiles.push(empty, full);
    console.log(`\nStart-up: filling a profile with a ${big.log.toLocaleString('en')}-entry log, ${big.runs.toLocaleString('en')} runs and ${big.bets.toLocaleString('en')} bets…`);
    await fillProfile(chromiumPath, full, base, big);
    console.log(`Start-up: that profile and an empty one, ${openings} openings of /specs each, in turns (the first of each, not counted, checks every entry once)…`);
    [m.empty, m.full] = await pairedOpenings(chromiumPath, [empty, full], `${base}/specs`, openings, { verifiedBy });
    const proofs = [];
    for (let i = 0; i < openings; i++) {
      proofs.push((await openOnce(chromiumPath, full, `${base}/log`, { verifiedBy, after: timeFirstProof, ready: '[data-testid="verify-log"]' })).extra);
    }
    m.proofMs = proofs.sort((a, b) => a - b)[Math.floor(proofs.length / 2)];
  }

  let importText;
  if (only.has('page') || only.has('import')) {
    console.log('\nThe benchmark page…');
    const { result, importFile } = await runBenchPage(browser, pageQuery);
    m.page = result;
    importText = importFile;
    console.log(pageReport(result));
  }
  if (only.has('import') && importText) {
    console.log('The same file through the app (Evidence -> Import runs)…');
    m.appImport = await appImport(browser, base, importText);
    console.log(`  ${ms(m.appImport.ms)}: ${m.appImport.result}; longest main-thread task ${ms(m.appImport.longestImportMs)} importing, ${ms(m.appImport.longestAfterMs)} after`);
  }
  if (only.has('devices')) {
    console.log(`\nPaired devices: ${pairRuns.toLocaleString('en')} runs to a freshly paired profile over y-websocket…`);
    const lines = [];
    for (let i = 0; i < pairRuns; i++) {
      const nudges = ['add type hints', 'write tests first', 'use global state'].filter((_, k) => (i >> k) % 2 === 1);
      lines.push(JSON.stringify({ id: `bench-pair-${i}`, specHash: `name:spec-${i % 500}`, nudges, passed: (i * 7919) % 3 !== 0, errorMessages: [], at: Date.UTC(2026, 0, 1) + i * 1000 }));
    }
    m.pair = await pairTransfer(chromiumPath, base, lines.join('\n') + '\n', pairRuns);
    console.log(`  ${m.pair.ms === undefined ? `not done: ${m.pair.reached} of ${pairRuns} runs arrived in 10 minutes` : ms(m.pair.ms)}; longest main-thread task ${ms(m.pair.longestMs.from)} on the sending device, ${ms(m.pair.longestMs.to)} on the receiving one`);
    const sorted = [...m.pair.counts].sort((x, y) => x - y);
    console.log(`    the probe counted the receiving profile's runs ${sorted.length} times (median ${sorted[sorted.length >> 1]} ms, longest ${sorted.at(-1)} ms)`);
    // Each side's longest tasks: when (from the second confirmation), how long, and what ran in them.
    for (const [side, tasks] of [['sending', m.pair.longTasks.from], ['receiving', m.pair.longTasks.to]]) {
      for (const t of tasks.slice(0, 3)) console.log(`    ${side}: ${t.ms} ms${t.cpuMs !== undefined ? ` (${t.cpuMs} ms CPU)` : ''} at +${(t.at / 1000).toFixed(2)} s${t.scripts.length ? `: ${t.scripts.map((s) => `${s.what} ${s.ms} ms`).join(', ')}` : ' (no script ran in it)'}`);
    }
  }
} catch (err) {
  console.error(`The benchmark could not run: ${err instanceof Error ? err.stack ?? err.message : err}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
}

const loadRow = (label, r, target) =>
  row(label, `<= ${kB(target)}`, r && `${kB(r.gzip)} in ${r.count} files (${kB(r.beforeUsableGzip)} before usable)`, r && r.gzip <= target);
const startupRatio = (key) => m.full && m.full[key] / m.empty[key];
const learnRatio = m.page?.refit.ratio;
const rows = [
  loadRow('JS fetched to open /specs, fresh profile (gzip, all scripts the page loads)', m.specs, 250_000),
  loadRow('JS fetched to open /evidence (gzip)', m.evidence, 150_000),
  row('of which: the core on every page (entry and what it preloads)', '<= 100.0 kB', m.core && `${kB(m.core.gzip)} in ${m.core.files} files`, m.core && m.core.gzip <= 100_000),
  row("of which: Solid's development build in production", 'none', m.dev && (m.dev.length ? m.dev.join(', ') : 'none'), m.dev && m.dev.length === 0),
  ...['simple-peer', '@lezer/javascript'].map((p) => {
    const where = m.lazyPackages?.get(p);
    return row(`of which: ${p} on first /specs`, 'loaded when needed', where && (where.length ? `loaded (${where.join(', ')})` : 'not loaded'), where && where.length === 0);
  }),
  row(
    `start-up, ${big.log.toLocaleString('en')}-entry log: page opened to start-up check done, vs empty`,
    '<= 1.20x',
    m.full && `${ms(m.full.verified)} vs ${ms(m.empty.verified)}: ${ratio(startupRatio('verified'))} (checks: ${m.full.scopes.join(', ')})`,
    m.full && startupRatio('verified') <= 1.2,
  ),
  row(`first inclusion proof after start-up, ${big.log.toLocaleString('en')} entries (Log page, median of ${openings} openings)`, '<= 100 ms', m.proofMs !== undefined ? ms(m.proofMs) : undefined, m.proofMs !== undefined ? m.proofMs <= 100 : undefined),
  row(
    'import in the app (Evidence -> Import runs) vs the benchmark page',
    '<= 1.20x',
    m.appImport && `${ms(m.appImport.ms)} vs ${ms(m.page.import.importMs)}: ${ratio(m.appImport.ms / m.page.import.importMs)}`,
    m.appImport && m.appImport.ms / m.page.import.importMs <= 1.2,
  ),
  row(
    'longest main-thread task in the app, during / after that import (until 5 s quiet)',
    '<= 50 ms',
    m.appImport && `${ms(m.appImport.longestImportMs)} / ${ms(m.appImport.longestAfterMs)}`,
    m.appImport && Math.max(m.appImport.longestImportMs, m.appImport.longestAfterMs) <= 50,
  ),
  row(
    'import in the app vs raw IndexedDB puts of the same runs (benchmark page)',
    '>= 0.90x',
    m.appImport && `${ratio(m.page.import.rawMs / m.appImport.ms)} (${ms(m.appImport.ms)} vs ${ms(m.page.import.rawMs)})`,
    m.appImport && m.page.import.rawMs / m.appImport.ms >= 0.9,
  ),
  row('import vs raw IndexedDB puts in the same page', '>= 0.90x', m.page && ratio(m.page.import.ratio), m.page && m.page.import.ratio >= 0.9),
  row(
    `full adjusted refit, ${m.page ? `${m.page.refit.runs.toLocaleString('en')} runs x ${m.page.refit.nudges.toLocaleString('en')} nudges` : 'runs x nudges'}, vs one counting pass`,
    '<= 10.00x',
    m.page && ratio(learnRatio),
    m.page && learnRatio <= 10,
  ),
  row('one new run, incremental update (median)', '<= 2 ms', m.page && `${m.page.refit.updateMs.toFixed(2)} ms`, m.page && m.page.refit.updateMs <= 2),
  ...[
    ['fcp', 'first paint'],
    ['inputReady', 'input ready'],
  ].map(([key, label]) =>
    row(
      `start-up of /specs, ${big.runs.toLocaleString('en')} runs + ${big.bets.toLocaleString('en')} bets + ${big.log.toLocaleString('en')}-entry log vs empty: ${label}`,
      '<= 1.20x',
      m.full && `${ms(m.full[key])} vs ${ms(m.empty[key])}: ${ratio(startupRatio(key))}`,
      m.full && startupRatio(key) <= 1.2,
    ),
  ),
  row(
    `pairing transfer: ${pairRuns.toLocaleString('en')} runs reach a freshly paired device (y-websocket, loopback)`,
    '< 60 s',
    m.pair && (m.pair.ms === undefined ? `${m.pair.reached} of ${pairRuns} runs in 10 min` : ms(m.pair.ms)),
    m.pair && m.pair.ms !== undefined && m.pair.ms < 60_000,
  ),
  row(
    'longest main-thread task during that transfer: sending / receiving device',
    '<= 50 ms each',
    m.pair && `${ms(m.pair.longestMs.from)} / ${ms(m.pair.longestMs.to)}`,
    m.pair && m.pair.longestMs.from <= 50 && m.pair.longestMs.to <= 50,
  ),
];
if (printTable(rows) > 0) process.exitCode = 1;
