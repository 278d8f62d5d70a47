// The JavaScript a person's browser fetches to open a page of the built app for the first
// time: a fresh Chromium profile (a new context, so no cache, no service worker, no data)
// opens the page from `vite preview`; every script the page and its workers fetch is counted
// once and measured as the build's file gzipped (what a server that compresses would send;
// vite preview does not compress). The service worker's own downloads (its script and the
// precache it fills in the background for offline use) are not the page's and are left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const isScript = (url) => /\.m?js(\?|$)/.test(new URL(url).pathname);

/** gzip size of a built file, as Vite's build report computes it (zlib's default level). */
export function gzipSize(file) {
  return gzipSync(readFileSync(file)).length;
}

/**
 * Opens `path` in a fresh context and waits for `ready` (a selector that means "usable"), for
 * the app's start-up work to end (its `metacompiler:log-verified` mark, when the build has it)
 * and then for the network to stay quiet; returns the scripts fetched by then, split into
 * those that arrived before the page was usable and after.
 */
export async function firstLoad(browser, base, path, ready, distDir, { quietMs = 1500, startupMark = true } = {}) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const seen = new Map();
  let usable = false;
  let last = Date.now();
  const onResponse = (res) => {
    const url = res.url();
    last = Date.now();
    if (res.request().serviceWorker() || !url.startsWith(base) || !isScript(url) || seen.has(url)) return;
    const pathname = new URL(url).pathname;
    seen.set(url, { path: pathname, gzip: gzipSize(join(distDir, pathname)), beforeUsable: !usable });
  };
  ctx.on('response', onResponse);
  page.on('request', () => (last = Date.now()));
  try {
    await page.goto(base + path);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    usable = true;
    if (startupMark) {
      await page.waitForFunction(() => performance.getEntriesByName('metacompiler:log-verified').length > 0, undefined, { timeout: 120_000, polling: 100 });
    }
    while (Date.now() - last < quietMs) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await ctx.close();
  }
  const files = [...seen.values()];
  const sum = (fs) => fs.reduce((a, f) => a + f.gzip, 0);
  const before = files.filter((f) => f.beforeUsable);
  return { files, gzip: sum(files), count: files.length, beforeUsableGzip: sum(before), beforeUsableCount: before.length };
}
