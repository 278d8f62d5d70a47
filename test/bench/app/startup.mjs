// Opening the built app with a browser profile as a person does: a fresh Chromium process on
// a profile folder that keeps its IndexedDB and service worker between openings. Times, from
// the navigation's start, the first contentful paint, "input ready" (the Specs page's title
// input is there and a task posted then runs within 50 ms: typing would be handled), and the
// end of the start-up check of the log (the app's `metacompiler:log-verified` mark; an older
// build without it is timed by its stored verification record instead).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../support/browserRun.mjs';

const READY = '[data-testid="new-spec-title"]';

/** Runs in the page before the app: records paint, input readiness and the log check's end. */
function probe(ready) {
  const b = (window.__startup = {});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'metacompiler:log-verified') [b.verified, b.scope] = [e.startTime, e.detail?.scope];
  }).observe({ type: 'mark', buffered: true });
  const responsive = () => {
    const posted = performance.now();
    setTimeout(() => {
      const ran = performance.now();
      if (ran - posted < 50) b.inputReady = ran;
      else responsive();
    }, 0);
  };
  const watch = new MutationObserver(() => {
    if (!document.querySelector(ready)) return;
    watch.disconnect();
    responsive();
  });
  document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { childList: true, subtree: true }));
}

/** The verification record's time (epoch ms) as stored, for builds without the mark. */
function storedVerificationAt() {
  return new Promise((resolve) => {
    const open = indexedDB.open('metacompiler');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      try {
        const get = open.result.transaction('settings').objectStore('settings').get('ledger.verification');
        get.onsuccess = () => (open.result.close(), resolve(get.result?.value?.at ?? null));
        get.onerror = () => (open.result.close(), resolve(null));
      } catch {
        open.result.close();
        resolve(null);
      }
    };
  });
}

export function newProfileDir(prefix) {
  return mkdtempSync(join(tmpdir(), `bench-${prefix}-`));
}

export async function launch(chromiumPath, dir) {
  return chromium.launchPersistentContext(dir, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
}

/**
 * One opening of `url` on the profile in `dir`, in a new browser process. Resolves to
 * { fcp, inputReady, verified } in ms from the navigation's start (input ready: of the `ready`
 * selector, the Specs page's title input by default); `after(page)` may measure more on the
 * opened page before the browser closes.
 */
export async function openOnce(chromiumPath, dir, url, { verifiedBy = 'mark', timeoutMs = 10 * 60_000, after, ready = READY } = {}) {
  const ctx = await launch(chromiumPath, dir);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.addInitScript(probe, ready ?? 'body');
    await page.goto(url);
    await page.waitForFunction(() => window.__startup?.fcp !== undefined && window.__startup?.inputReady !== undefined, undefined, { timeout: timeoutMs, polling: 100 });
    let verified;
    let scope;
    if (verifiedBy === 'mark') {
      await page.waitForFunction(() => window.__startup?.verified !== undefined, undefined, { timeout: timeoutMs, polling: 100 });
      verified = await page.evaluate(() => window.__startup.verified);
      scope = await page.evaluate(() => window.__startup.scope);
    } else {
      const origin = await page.evaluate(() => performance.timeOrigin);
      for (const until = Date.now() + timeoutMs; ; ) {
        const at = await page.evaluate(storedVerificationAt);
        if (at !== null && at >= origin) {
          verified = at - origin;
          break;
        }
        if (Date.now() > until) throw new Error('the start-up verification did not finish');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const { fcp, inputReady } = await page.evaluate(() => window.__startup);
    const extra = after ? await after(page) : undefined;
    return { fcp, inputReady, verified, scope, extra };
  } finally {
    await ctx.close();
  }
}

/** Fills the profile through the build's /__perf/ page (log, runs, bets), timing nothing. */
export async function fillProfile(chromiumPath, dir, base, { log, runs, bets }) {
  const ctx = await launch(chromiumPath, dir);
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => m.text().startsWith('[perf]') && console.log(`  fill: ${m.text().slice(7)}`));
    await page.goto(`${base}/__perf/?fill=${log}&evidence=${runs}&bets=${bets}&measure=0`);
    await page.waitForFunction(() => window.__perfResult || window.__perfError, undefined, { timeout: 60 * 60_000, polling: 1000 });
    const error = await page.evaluate(() => window.__perfError);
    if (error) throw new Error(error);
  } finally {
    await ctx.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Openings of `url` in each profile, taken in turns (A, B, A, B, …) after one uncounted opening
 * each, so a machine whose load drifts during the run weighs on both medians alike: the ratio
 * of one to the other is what the benchmark reports.
 */
export async function pairedOpenings(chromiumPath, dirs, url, times, options) {
  for (const dir of dirs) await openOnce(chromiumPath, dir, url, { ...options, after: serviceWorkerReady });
  const runs = dirs.map(() => []);
  for (let i = 0; i < times; i++) {
    for (const [k, dir] of dirs.entries()) runs[k].push(await openOnce(chromiumPath, dir, url, options));
  }
  return runs.map((list) => ({
    fcp: median(list.map((r) => r.fcp)),
    inputReady: median(list.map((r) => r.inputReady)),
    verified: median(list.map((r) => r.verified)),
    scopes: list.map((r) => r.scope ?? '?'),
    runs: list,
  }));
}

/** Waits for the service worker to be active (its precache filled), so later openings use it. */
export function serviceWorkerReady(page) {
  return page.evaluate(async () => void (await navigator.serviceWorker.ready));
}

/** On the Log page: ms from a click on an entry's Proof to its result on screen, timed in the page. */
export async function timeFirstProof(page) {
  await page.locator('[data-testid="show-proof"]').first().waitFor({ timeout: 120_000 });
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const button = document.querySelector('[data-testid="show-proof"]');
        const t0 = performance.now();
        const seen = new MutationObserver(() => {
          if (!document.querySelector('[data-testid="proof-result"]')) return;
          seen.disconnect();
          resolve(performance.now() - t0);
        });
        seen.observe(document.body, { childList: true, subtree: true, characterData: true });
        button.click();
        setTimeout(() => reject(new Error('no proof result within 2 minutes')), 120_000);
      }),
  );
}
