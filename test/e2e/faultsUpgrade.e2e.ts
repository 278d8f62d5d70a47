import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { baseURL, openApp } from './support/app';
import { shoot } from './support/faults';

/**
 * A newer release opens the database with a higher version in another tab. The tab still on
 * the old version must not block that upgrade (it closes its connection) and must tell the
 * person to reload. The newer version is played by a second page opening the same database
 * with version + 1 through raw IndexedDB.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a newer version in another tab', () => {
  it('is not blocked by the old tab, and the old tab is told to reload', async () => {
    const ctx = await browser.newContext();
    const old = await ctx.newPage();
    await openApp(old, '/specs');
    await old.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 30_000 });

    const newer = await ctx.newPage();
    await newer.goto(baseURL() + '/icon.svg');
    const outcome = await newer.evaluate(
      () =>
        new Promise<{ from: number; to: number; blockedFirst: boolean }>((resolve, reject) => {
          const probe = indexedDB.open('metacompiler');
          probe.onsuccess = () => {
            const from = probe.result.version;
            probe.result.close();
            let blockedFirst = false;
            const upgrade = indexedDB.open('metacompiler', from + 1);
            upgrade.onblocked = () => (blockedFirst = true);
            upgrade.onupgradeneeded = () => upgrade.result.createObjectStore('addedByANewerVersion');
            upgrade.onsuccess = () => {
              const to = upgrade.result.version;
              upgrade.result.close();
              resolve({ from, to, blockedFirst });
            };
            upgrade.onerror = () => reject(upgrade.error);
          };
        }),
    );
    expect(outcome.to).toBe(outcome.from + 1);
    await old.bringToFront();
    const banner = old.getByRole('alert').filter({ hasText: 'A newer version of Metacompiler is open in another tab' });
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Reload this tab to keep working.');
    expect(await banner.getByRole('button', { name: 'Reload' }).count()).toBe(1);
    await shoot(old, 'db-outdated-banner');
    await ctx.close();
  });
});
