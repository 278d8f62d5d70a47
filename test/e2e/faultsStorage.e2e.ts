import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { baseURL, openApp, until } from './support/app';
import { shoot } from './support/faults';
import { writeBigBundle } from './support/fixtureBundles';
import { readStores } from './support/kill';

/**
 * Storage full, for real: Chromium's quota for the app's origin is lowered (DevTools protocol
 * Storage.overrideQuotaForOrigin) to just above what it uses. A restore and a bet that do not
 * fit are refused with a clear message and leave nothing behind; Settings shows usage, quota
 * and the warning.
 */
let browser: Browser;
const bundle = join(mkdtempSync(join(tmpdir(), 'mc-quota-')), 'big-backup.json');
beforeAll(async () => {
  browser = await launchBrowser();
  await writeBigBundle(bundle, 4000);
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Chromium reads an origin's quota when it opens the origin's IndexedDB: the override is set on
 * a page of the origin that opens no database, before the app starts.
 */
async function appWithQuota(ctx: BrowserContext, quotaSize: number): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(baseURL() + '/icon.svg');
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: baseURL(), quotaSize });
  await openApp(page, '/settings');
  await page.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 30_000 });
  return page;
}

/** Fills what is left of the quota with another database of the origin, in ever smaller pieces. */
function fillStorage(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('filler');
        open.onupgradeneeded = () => open.result.createObjectStore('junk', { autoIncrement: true });
        open.onsuccess = () => {
          let size = 256 * 1024;
          let stored = 0;
          const step = () => {
            const tx = open.result.transaction('junk', 'readwrite');
            tx.objectStore('junk').add(new Uint8Array(size));
            tx.oncomplete = () => ((stored += size), step());
            tx.onabort = () => {
              size = Math.floor(size / 4);
              if (size < 64) resolve(stored);
              else step();
            };
          };
          step();
        };
      }),
  );
}

describe('storage full', () => {
  it('refuses a restore and a bet that do not fit, says so, and writes nothing of them', async () => {
    const ctx = await browser.newContext();
    const page = await appWithQuota(ctx, 1024 * 1024);
    const before = await readStores(page, ['runs', 'log', 'bets']);

    await page.getByTestId('restore-file').setInputFiles(bundle);
    const error = page.getByTestId('backup-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain("Your browser's storage is full: the restored backup was not saved, and nothing of it was written.");
    const after = await readStores(page, ['runs', 'log', 'bets']);
    expect(after.runs!.length).toBe(before.runs!.length);
    expect(after.log!.length).toBe(before.log!.length);
    await shoot(page, 'settings-restore-storage-full');

    // A governed write once the storage is full: the bet and its log entry are refused together.
    expect(await fillStorage(page)).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Bets', exact: true }).click();
    await page.getByTestId('place-bet-form').waitFor({ timeout: 30_000 });
    const task = 'A bet that does not fit';
    await page.getByTestId('bet-task').fill(task);
    await page.getByTestId('bet-hours').fill('4h');
    await page.getByTestId('bet-confidence').fill('75');
    await page.getByTestId('bet-stake').fill('5');
    await page.getByTestId('place-bet').click();
    await until(() => page.locator('main').textContent(), (t) => (t ?? '').includes("Your browser's storage is full"), 30_000, 'the storage-full message');
    expect(await page.getByTestId('open-bet').filter({ hasText: task }).count()).toBe(0);
    const end = await readStores(page, ['bets', 'log']);
    expect(end.bets!.length).toBe(0);
    expect(end.log!.length).toBe(before.log!.length);
    await shoot(page, 'bets-storage-full');
    await ctx.close();
  });

  it('Settings shows usage, quota and persistence, and warns when nearly full', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // What the browser reports is stubbed: a real 80%-full disk is not something a test makes.
    await page.addInitScript(() => {
      navigator.storage.estimate = async () => ({ usage: 850 * 1024 * 1024, quota: 1000 * 1024 * 1024 });
    });
    await openApp(page, '/settings');
    await page.getByTestId('storage-nearly-full').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('usage').textContent()).toBe('850 MB (85% of the quota)');
    expect(await page.getByTestId('quota').textContent()).toMatch(/^(1000 MB|1,000 MB|1\.0 GB|0\.98 GB)$/);
    expect(await page.getByTestId('persisted').textContent()).toMatch(/^(Yes|No|Not supported)/);
    await shoot(page, 'settings-storage-nearly-full');
    await ctx.close();
  });
});
