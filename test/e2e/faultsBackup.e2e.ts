import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';
import { placeAndResolveBet, shoot, typeInNewSpec } from './support/faults';

/**
 * Backup and restore through the Settings page, between two browser profiles: the restored
 * profile shows the same spec text, the same bets and a log that verifies; restoring twice
 * adds nothing; a damaged file is refused with its reason and writes nothing.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const dir = mkdtempSync(join(tmpdir(), 'mc-backup-'));

async function downloadBackup(page: Page): Promise<string> {
  await openApp(page, '/settings');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('download-backup').click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  await page.getByTestId('backup-made').waitFor({ timeout: 30_000 });
  return path;
}

async function restore(page: Page, path: string): Promise<string> {
  // The page logs its session start when it opens; wait for that so the log is settled.
  await page.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 30_000 });
  await page.getByTestId('restore-file').setInputFiles(path);
  const done = page.locator('[data-testid="restore-summary"], [data-testid="backup-error"]');
  await done.first().waitFor({ timeout: 60_000 });
  return (await done.first().textContent()) ?? '';
}

describe('backup and restore', () => {
  it('restores everything into an empty profile, the log verifies, and a second restore adds nothing', async () => {
    const a = await (await browser.newContext()).newPage();
    await openApp(a, '/specs');
    await typeInNewSpec(a, 'Backed up', '\nline typed before the backup');
    await placeAndResolveBet(a, 'Backed-up bet');
    const path = await downloadBackup(a);
    mkdirSync('/tmp/shots11', { recursive: true });
    await shoot(a, 'settings-backup-made');
    const bundle = JSON.parse(readFileSync(path, 'utf8'));
    expect(bundle.format).toBe('metacompiler-backup');
    expect(bundle.tables.bets).toHaveLength(1);
    expect(Object.keys(bundle.specs)).toHaveLength(1);
    expect(bundle.log.entries.length).toBeGreaterThanOrEqual(2);

    const bCtx = await browser.newContext();
    const b = await bCtx.newPage();
    await openApp(b, '/settings');
    const summary = await restore(b, path);
    expect(summary).toContain('The log verifies');
    expect(summary).toMatch(/Specs: 1 of 1 received edits/);
    expect(await b.getByTestId('restore-summary').getAttribute('data-verified')).toBe('yes');
    await shoot(b, 'settings-restore');

    const again = await restore(b, path);
    expect(again).toContain('Records: 0 added');
    expect(again).toContain('Log: already identical');

    await b.getByRole('link', { name: 'Specs', exact: true }).click();
    await b.getByRole('link', { name: 'Backed up' }).first().click();
    await until(() => editorText(b), (t) => t.includes('line typed before the backup'), 30_000, 'restored spec text');
    await b.getByRole('link', { name: 'Bets', exact: true }).click();
    await b.getByTestId('resolved-bet').filter({ hasText: 'Backed-up bet' }).waitFor({ timeout: 30_000 });
    await b.getByRole('link', { name: 'Log', exact: true }).click();
    await b.getByTestId('verify-log').click();
    await b.locator('[data-testid="verification"][data-ok="true"]').waitFor({ timeout: 30_000 });
    await a.context().close();
    await bCtx.close();
  });

  it('refuses a damaged backup, says why, and writes nothing', async () => {
    const a = await (await browser.newContext()).newPage();
    await openApp(a, '/specs');
    await placeAndResolveBet(a, 'Honest bet');
    const path = await downloadBackup(a);
    const bundle = JSON.parse(readFileSync(path, 'utf8'));
    bundle.log.entries[0].payload = { ...bundle.log.entries[0].payload, forged: true };
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify(bundle));

    const b = await (await browser.newContext()).newPage();
    await openApp(b, '/settings');
    const message = await restore(b, forged);
    expect(message).toContain('forged.json');
    expect(message).toContain('the log in this backup does not verify');
    await shoot(b, 'settings-restore-refused');
    await b.getByRole('link', { name: 'Bets', exact: true }).click();
    await b.getByTestId('place-bet-form').waitFor();
    expect(await b.getByTestId('resolved-bet').count()).toBe(0);
    await a.context().close();
    await b.context().close();
  });
});
