import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';
import { openPage, waitForProof } from './support/pages';

/**
 * A new person's first minute: the welcome on an empty database names the three loops;
 * "Explore with sample data" fills every page through the normal services, marked as sample;
 * "Remove sample data" takes it all out in one click, leaving no row and no spec document,
 * while the log keeps the record of both (and still verifies). "Start empty" puts the welcome away.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TABLES = ['specs', 'runs', 'nudges', 'bets', 'betEvents', 'timers', 'scars', 'restorations', 'checkpoints', 'compilations', 'settings'];

/** Straight from IndexedDB: rows per table, the sample_data log entries, the spec databases. */
function stored(page: Page) {
  return page.evaluate(async (tables) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('metacompiler');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = (await all(t)).length;
    const settings = (await all<{ key: string }>('settings')).map((s) => s.key);
    const log = await all<{ kind: string; payload: { action?: string } }>('log');
    db.close();
    const specDbs = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('metacompiler-spec:'));
    return { counts, settings, sampleEntries: log.filter((e) => e.kind === 'sample_data').map((e) => e.payload.action), logSize: log.length, specDbs };
  }, TABLES);
}

describe('first run', () => {
  it('explores with sample data on every page, then removes it in one click leaving only the log record', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await waitForProof(page);
    const welcome = page.getByTestId('welcome');
    await welcome.waitFor();
    const words = await welcome.innerText();
    for (const loop of ['Failure → prior', 'Estimate → bet', 'Spec → surface']) expect(words).toContain(loop);
    const before = await stored(page);

    await page.getByTestId('explore-sample').click();
    await page.getByTestId('sample-banner').waitFor({ timeout: 60_000 });
    await welcome.waitFor({ state: 'detached' });

    // Every page shows the sample, marked as such.
    await openPage(page, '/specs');
    expect(await page.locator('.spec-list').innerText()).toContain('Sample: Slugify library');
    await openPage(page, '/evidence');
    await until(() => page.getByTestId('run-count').textContent(), (t) => t === '(360)', 30_000, '360 sample runs');
    expect(await page.getByTestId('runs-table').innerText()).toContain('sample · ');
    await openPage(page, '/priors');
    await until(() => page.locator('main').innerText(), (t) => t.includes('Add type hints (sample)') && t.includes('Use global state (sample)'), 60_000, 'the sample nudges on Priors');
    await openPage(page, '/bets');
    expect(await page.getByTestId('resolved-bet').count()).toBe(5);
    expect(await page.getByTestId('open-bet').innerText()).toContain('Sample: ');
    await openPage(page, '/scars');
    expect(await page.getByTestId('scar-row').first().innerText()).toContain('(sample)');
    await openPage(page, '/calibration');
    await page.getByTestId('reliability-chart').waitFor();
    expect(await page.getByTestId('sample-banner').isVisible()).toBe(true);
    const added = await stored(page);
    expect(added.counts.runs).toBe(360);
    expect(added.counts.bets).toBe(6);
    expect(added.counts.scars).toBeGreaterThanOrEqual(1);
    expect(added.specDbs).toHaveLength(1);
    expect(added.sampleEntries).toEqual(['added']);

    // One click out, from a sample page.
    await openPage(page, '/specs');
    await page.locator('.spec-list .item-link', { hasText: 'Sample: Slugify library' }).click();
    await page.locator('[data-testid="spec-editor"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('remove-sample').click();
    await page.getByTestId('sample-banner').waitFor({ state: 'detached', timeout: 30_000 });
    const after = await until(() => stored(page), (s) => s.specDbs.length === 0, 10_000, 'the spec document to be deleted');
    expect(after.counts).toEqual(before.counts);
    expect(after.settings).toEqual(before.settings);
    expect(after.sampleEntries).toEqual(['added', 'removed']);
    expect(after.logSize).toBeGreaterThan(added.logSize);

    // The log still verifies after a restart, and the pages are empty again.
    await openApp(page, '/evidence');
    await page.locator('[data-testid="hud-proof"][data-state="green"]').waitFor({ timeout: 60_000 });
    await until(() => page.getByTestId('run-count').textContent(), (t) => t === '(0)', 30_000, 'no runs');
    await openPage(page, '/bets');
    expect(await page.getByTestId('open-empty').isVisible()).toBe(true);
    await openPage(page, '/scars');
    expect(await page.getByTestId('no-scars').isVisible()).toBe(true);
    await ctx.close();
  }, 300_000);

  it('"Start empty" puts the welcome away for good', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await page.getByTestId('start-empty').click();
    await page.getByTestId('welcome').waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('.brand').waitFor();
    await page.locator('main h1').waitFor();
    expect(await page.getByTestId('welcome').count()).toBe(0);
    await ctx.close();
  });
});
