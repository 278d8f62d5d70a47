import { afterAll, beforeAll, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/chromium';
import { writeLongBundle } from '../e2e/support/longBundle';
import { PAGES, WIDTHS, openPage, restoreBundle, setTheme } from '../e2e/support/pages';

/**
 * SCREENS_DATA=long (default): every text field a long unbroken string; =sample: the sample
 * workspace of the first run; =empty: a new profile (its first page shows the welcome).
 * SCREENS_ONLY=/bets,/scars limits the pages. Prints each page's width beside its file.
 */
const data = process.env.SCREENS_DATA ?? 'long';
const only = process.env.SCREENS_ONLY?.split(',');
const out = join('.tmp', 'screens', data);
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(out, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

it(`screenshots of every page (${data})`, async () => {
  const bundle = join(mkdtempSync(join(tmpdir(), 'mc-screens-')), 'bundle.json');
  if (data === 'long') await writeLongBundle(bundle);
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  if (data === 'long') await restoreBundle(page, bundle);
  if (data === 'sample') {
    await openPage(page, '/specs');
    await page.getByTestId('explore-sample').click();
    await page.getByTestId('sample-banner').waitFor({ timeout: 120_000 });
  }
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
      for (const path of PAGES.filter((p) => !only || only.includes(p))) {
        await openPage(page, path);
        const name = `${path.slice(1).replace(/[^a-z0-9]+/gi, '-')}-${width}-${theme}.png`;
        await page.screenshot({ path: join(out, name), fullPage: true });
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        console.log(`${name}: page ${w} px wide${w > width ? '  <-- WIDER THAN THE VIEWPORT' : ''}`);
      }
    }
  }
  await ctx.close();
});
