import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { until } from './support/app';
import { fillBet, openBets } from './support/bets';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const stat = async (page: Page, card: string): Promise<string> => ((await page.getByTestId(card).locator('.stat-value').textContent()) ?? '').trim();
const openBet = (page: Page, task: string) => page.getByTestId('open-bet').filter({ hasText: task });

async function placeBet(page: Page, bet: Parameters<typeof fillBet>[1]) {
  await fillBet(page, bet);
  await page.getByTestId('place-bet').click();
  await openBet(page, bet.task).waitFor();
}

// Actions wait for animation frames, which Chromium throttles in background tabs: a test brings
// the tab it acts in to the front first.

/** The timer clock of a bet, in seconds. */
async function clockSeconds(page: Page, task: string): Promise<number> {
  const t = ((await openBet(page, task).getByTestId('timer-clock').textContent()) ?? '0:00:00').trim();
  const [h, m, s] = t.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}
const timerState = async (page: Page, task: string) => ((await openBet(page, task).getByTestId('timer-state').textContent()) ?? '').trim();

describe('bets: place, time, resolve, calibrate', () => {
  it('places a bet with a stakes preview, times it across a reload, resolves it, and every number moves', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    const b = await ctx.newPage();
    await openBets(a);
    await openBets(b);
    await a.bringToFront();
    expect(await stat(a, 'credibility')).toBe('1');
    expect(await stat(a, 'tokens')).toBe('100');
    await a.getByTestId('open-empty').waitFor();

    const task = 'Implement FailureCorpus';
    await fillBet(a, { task, hours: '4h', confidence: '75', stake: '10', principle: 'depth over breadth' });
    expect(await text(a, 'confidence-understood')).toBe('Confidence understood as 75% (read as a percentage)');
    expect(await text(a, 'preview-effective')).toContain('75%');
    expect(await text(a, 'preview-win')).toBe('+3.33 tokens');
    expect(await text(a, 'preview-cost')).toBe('−10 tokens');
    expect(await text(a, 'preview-bullshit')).toContain('does not apply below 80%');
    await a.getByTestId('bet-confidence').fill('0.9');
    await until(() => text(a, 'preview-bullshit'), (t) => t.includes('after 6h') && t.includes('before 2h'), 3000, 'the bullshit band at 90%');
    await a.getByTestId('bet-confidence').fill('75%');
    await a.getByTestId('place-bet').click();
    await openBet(a, task).waitFor();
    // The second tab sees the bet without reloading.
    await openBet(b, task).waitFor({ timeout: 5000 });
    expect(await text(b, 'available')).toBe('90');

    // The timer runs in tab A; tab B only shows it.
    await openBet(a, task).getByTestId('timer-start').click();
    await until(() => timerState(a, task), (s) => s === 'running', 3000, 'timer running in tab A');
    await until(() => timerState(b, task), (s) => s === 'running in another tab', 5000, 'tab B to see the timer elsewhere');
    expect(await openBet(b, task).getByTestId('timer-pause').count()).toBe(0);
    const before = await until(() => clockSeconds(a, task), (s) => s >= 1, 5000, 'the clock to tick');

    // Reloading A frees its lock: B takes the running timer over; closing B hands it back.
    await a.reload();
    await openBet(a, task).waitFor();
    await until(() => timerState(b, task), (s) => s === 'running', 5000, 'tab B to take the timer over');
    await until(() => timerState(a, task), (s) => s === 'running in another tab', 5000, 'tab A to show it elsewhere');
    await b.close();
    await until(() => timerState(a, task), (s) => s === 'running', 5000, 'tab A to take the timer back');
    expect(await clockSeconds(a, task)).toBeGreaterThanOrEqual(before);

    // Stop fills the actual hours from the clock.
    await openBet(a, task).getByTestId('timer-stop').click();
    const dialog = a.getByTestId('resolve-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('resolve-hours').inputValue()).toMatch(/^\d+(\.\d+)?m$/);
    expect(await dialog.textContent()).toContain('from the timer');
    await dialog.getByTestId('resolve-hours').fill('soon');
    await dialog.getByTestId('resolve-submit').click();
    expect(await text(a, 'error-resolve-hours')).toContain('"soon" is not a duration');
    expect(await openBet(a, task).count()).toBe(1);

    await dialog.getByTestId('resolve-hours').fill('5h');
    await until(() => text(a, 'resolve-preview'), (t) => t.includes('miss') && t.includes('1 → 0.95'), 3000, 'the resolution preview');
    await dialog.getByTestId('resolve-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await until(() => stat(a, 'credibility'), (t) => t === '0.95', 3000, 'credibility to drop');
    expect(await stat(a, 'tokens')).toBe('90');
    expect(await stat(a, 'adversary')).toBe('+10');
    expect(await text(a, 'principle-n')).toBe('1');
    expect(await a.getByTestId('resolved-bet').count()).toBe(1);
    await a.getByTestId('open-empty').waitFor();

    await a.getByRole('link', { name: 'Calibration', exact: true }).first().click();
    await a.getByTestId('scores').waitFor();
    expect(await text(a, 'calibration-count')).toContain('from 1 resolved bet');
    expect(await text(a, 'brier')).toBe('0.563'); // (0.75 - 0)^2
    const rows = a.getByTestId('reliability-table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('75%');
    await a.getByTestId('forecast-empty').waitFor();
    await ctx.close();
  });

  it('shows bad input at the fields and writes nothing', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openBets(page);
    await fillBet(page, { task: ' ', hours: '0', confidence: '150', stake: '1000' });
    await page.getByTestId('place-bet').click();
    await page.getByTestId('error-bet-hours').waitFor();
    expect(await text(page, 'error-bet-task')).toBe('say which task this bet is about');
    expect(await text(page, 'error-bet-hours')).toBe('must be more than 0 hours');
    expect(await text(page, 'error-bet-confidence')).toContain('below 100%');
    expect(await text(page, 'error-bet-stake')).toBe('1000 is more than the 100 focus tokens you have');
    expect(await page.getByTestId('bet-hours').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('bet-confidence').fill('1');
    await page.getByTestId('place-bet').click();
    await until(() => text(page, 'error-bet-confidence'), (t) => t.includes('1 is ambiguous'), 3000, 'the ambiguity message');
    await page.reload();
    await page.getByTestId('open-empty').waitFor();
    expect(await stat(page, 'tokens')).toBe('100');
    await ctx.close();
  });

  it('refuses a second resolution from another tab and settles once', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    const b = await ctx.newPage();
    await openBets(a);
    await openBets(b);
    await a.bringToFront();
    const task = 'Race me';
    await placeBet(a, { task, hours: '2', confidence: '0.75', stake: '6' });
    await openBet(b, task).waitFor();
    await b.bringToFront();
    await openBet(b, task).getByTestId('resolve-open').click();
    await b.getByTestId('resolve-dialog').waitFor();
    await a.bringToFront();
    await openBet(a, task).getByTestId('resolve-open').click();
    await a.getByTestId('resolve-hours').fill('1.5h');
    await a.getByTestId('resolve-submit').click();
    await a.getByTestId('resolve-dialog').waitFor({ state: 'detached' });
    await b.bringToFront();
    await b.getByTestId('resolve-hours').fill('3h');
    await b.getByTestId('resolve-submit').click();
    expect(await text(b, 'error-resolve')).toContain('already resolved');
    await until(() => stat(b, 'tokens'), (t) => t === '102', 3000, 'tab B to show the single payout (6 x 0.25 / 0.75 = 2)');
    expect(await b.getByTestId('resolved-bet').count()).toBe(1);
    await ctx.close();
  });

  it('exports CSV and imports it back: duplicates skipped here, all bets in a fresh profile', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openBets(page);
    await placeBet(page, { task: 'Exported, with a comma', hours: '90m', confidence: '60%', stake: '5', principle: 'small steps' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'bets-e2e-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file).toMatch(/metacompiler-bets-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.getByTestId('import-file').setInputFiles(file);
    await until(() => text(page, 'import-status'), (t) => t.startsWith('Imported'), 3000, 'the import result');
    expect(await text(page, 'import-status')).toBe('Imported 0, skipped 1 duplicate.');

    const other = await browser.newContext();
    const fresh = await other.newPage();
    await openBets(fresh);
    await fresh.getByTestId('import-file').setInputFiles(file);
    await until(() => text(fresh, 'import-status'), (t) => t.startsWith('Imported'), 3000, 'the import result');
    expect(await text(fresh, 'import-status')).toBe('Imported 1, skipped 0 duplicates.');
    await openBet(fresh, 'Exported, with a comma').waitFor();
    expect(await text(fresh, 'available')).toBe('95');
    await other.close();
    await ctx.close();
  });
});
