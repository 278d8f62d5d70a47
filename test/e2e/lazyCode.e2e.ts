import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp } from './support/app';

/**
 * A browser that never shared a spec nor paired a device fetches no peer or device code: Yjs,
 * y-webrtc (simple-peer), y-websocket and the device exchange load when first needed. It once
 * regressed silently (the exchange runner was imported on every start: +77 kB gzip on /evidence).
 */
const PEER_CODE = /\/assets\/(y-webrtc|y-websocket|exchangeRunner|pairing)-[\w-]+\.js$/;
/** The Specs page works on Yjs documents; the other pages need no Yjs. */
const YJS = /\/assets\/yjs-[\w-]+\.js$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function scriptsAfterStartUp(page: Page, path: string, ready: string): Promise<string[]> {
  await openApp(page, path);
  await page.locator(ready).first().waitFor();
  // The start-up work (the log check, the deferred imports of main.tsx) is over by this mark.
  await page.waitForFunction(() => performance.getEntriesByName('metacompiler:log-verified').length > 0, undefined, { polling: 100 });
  await page.waitForFunction(() => performance.getEntriesByName('metacompiler:device-exchange-decided').length > 0, undefined, { polling: 100 });
  return page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
}

describe('code loaded by need', () => {
  it('a fresh profile opening /evidence and /specs loads no peer or device code (and /evidence no Yjs)', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const evidence = await scriptsAfterStartUp(page, '/evidence', '[data-testid="record-run-form"]');
    const specs = await scriptsAfterStartUp(page, '/specs', '[data-testid="new-spec-title"]');
    expect(evidence.filter((p) => PEER_CODE.test(p) || YJS.test(p))).toEqual([]);
    expect(specs.filter((p) => PEER_CODE.test(p))).toEqual([]);
    await ctx.close();
  });
});
