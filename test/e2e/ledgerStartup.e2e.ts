import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';

/**
 * The start-up check re-hashes only the entries appended since the last verified head (with a
 * consistency proof); the full check re-reads every entry on a schedule. Between them every
 * edit is named: one to a new entry by the next start-up, one to an old entry (which the
 * start-up check does not read) by the scheduled full check, without anyone clicking Verify.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Record = { ok: boolean; at: number; trigger: string; scope: string; from: number; firstBadSeq?: number; reason: string; head: { size: number } | null };

/** The verification record the proof dial shows, read from IndexedDB as stored. */
function storedVerification(page: Page): Promise<Record | null> {
  return page.evaluate(
    () =>
      new Promise<Record | null>((resolve, reject) => {
        const open = indexedDB.open('metacompiler');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('ledger.verification');
          get.onsuccess = () => (open.result.close(), resolve((get.result?.value as Record | undefined) ?? null));
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** Waits for a verification that ran after `since` (and matches `ok`, when given). */
function verifiedAfter(page: Page, since: number, ok: (r: Record) => boolean = () => true, what = 'a verification'): Promise<Record | null> {
  return until(() => storedVerification(page), (r) => r !== null && r.at >= since && ok(r), 30_000, what);
}

/** Changes an entry's payload in place, leaving its sealed leaf hash, as a hand edit would. */
function editEntry(page: Page, seq: number): Promise<void> {
  return page.evaluate(
    (seq) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('metacompiler');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('log', 'readwrite');
          const store = tx.objectStore('log');
          const get = store.get(seq);
          get.onsuccess = () => store.put({ ...get.result, payload: { ...get.result.payload, forged: true } });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    seq,
  );
}

function lastSeq(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('metacompiler');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const cursor = open.result.transaction('log').objectStore('log').openCursor(null, 'prev');
          cursor.onsuccess = () => (open.result.close(), resolve(cursor.result?.key as number));
          cursor.onerror = () => reject(cursor.error);
        };
      }),
  );
}

/** Moves the kept checkpoint's last full check back by `ms`, as if that much time had passed. */
function ageFullCheck(page: Page, ms: number): Promise<void> {
  return page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('metacompiler-ledger-tree');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          const store = tx.objectStore('meta');
          const get = store.get('checkpoint');
          get.onsuccess = () => store.put({ ...get.result, fullAt: get.result.fullAt - ms });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    ms,
  );
}

async function reportIncident(page: Page, ref: string): Promise<void> {
  await page.getByTestId('incident-ref').fill(ref);
  await page.getByTestId('incident-description').fill(`${ref}: a drill`);
  await page.getByTestId('report-incident').click();
  await page.getByTestId('incident-saved').waitFor();
}

describe('start-up verification proportional to what changed', () => {
  it('names an entry edited after the last verified head at the next start-up', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    let since = Date.now();
    await openApp(page, '/scars');
    await verifiedAfter(page, since, (r) => r.ok, 'the first start-up check');
    await reportIncident(page, 'new entry drill');
    const seq = await lastSeq(page);
    await editEntry(page, seq);

    since = Date.now();
    await openApp(page, '/log');
    const r = await verifiedAfter(page, since, () => true, 'the start-up check after the edit');
    expect(r).toMatchObject({ ok: false, trigger: 'startup', scope: 'incremental', firstBadSeq: seq });
    await page.locator('[data-testid="verification"][data-ok="false"]').waitFor();
    expect(await page.getByTestId('verification').textContent()).toContain(`entry ${seq} was changed after it was appended`);
    await page.locator('[data-testid="hud-proof"][data-state="red"]').waitFor();
    await ctx.close();
  });

  it('names an edited old entry, unseen by the start-up check, in the scheduled full check', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    let since = Date.now();
    await openApp(page, '/scars');
    await verifiedAfter(page, since, (r) => r.ok, 'the first start-up check');
    await reportIncident(page, 'old entry drill');
    since = Date.now();
    await page.reload();
    const first = await verifiedAfter(page, since, (r) => r.ok, 'a start-up check over the incident');
    const old = 1;
    expect(first!.head!.size).toBeGreaterThan(old); // the incident's entries are now behind the verified head

    await editEntry(page, old);
    await ageFullCheck(page, 2 * 60 * 60_000);
    since = Date.now();
    await openApp(page, '/log');
    // The start-up check passes (it does not read entry 1); the full check it finds due then names it.
    const r = await verifiedAfter(page, since, (v) => v.trigger === 'scheduled', 'the scheduled full check');
    expect(r).toMatchObject({ ok: false, scope: 'full', firstBadSeq: old });
    await page.locator('[data-testid="verification"][data-ok="false"]').waitFor();
    const shown = await page.getByTestId('verification').textContent();
    expect(shown).toContain('scheduled');
    expect(shown).toContain(`entry ${old} was changed after it was appended`);
    await page.locator('[data-testid="hud-proof"][data-state="red"]').waitFor();
    await page.getByRole('link', { name: 'Scars', exact: true }).click();
    await page.locator('[data-testid="scar-row"][data-trigger="ledger_verification_failed"]').waitFor();
    await ctx.close();
  });
});
