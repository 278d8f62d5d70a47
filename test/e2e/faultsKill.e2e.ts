import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, until } from './support/app';
import { placeBet, typeInNewSpec } from './support/faults';
import { killBrowser, logVerifies, readStores, relaunch } from './support/kill';

/**
 * The browser process is SIGKILLed (not closed) in the middle of a bet resolution, of typing in
 * a spec and of an import; the same profile is started again. Whatever the UI had confirmed is
 * there; nothing is half-written (a bet is resolved with its log entry or not at all, an import
 * is all or nothing); the log verifies. FULL=1 kills at more points.
 */
const FULL = Boolean(process.env.FULL);
const dirs: string[] = [];
const profile = () => {
  const d = mkdtempSync(join(tmpdir(), 'mc-kill-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** How many page round trips pass between the action and the kill: early, mid and late. */
const KILL_POINTS = FULL ? [0, 1, 2, 4, 8, 16] : [0, 3];

type BetRow = { id: string; task: string; resolvedAt?: number; state: string };
type LogRow = { kind: string; payload: { betId?: string } };

describe('a killed browser loses nothing it confirmed', () => {
  it.each(KILL_POINTS)('resolving a bet, killed after %i round trips: resolved fully or not at all', async (trips) => {
    const dir = profile();
    let { ctx, page } = await relaunch(dir);
    await openApp(page, '/bets');
    await page.getByTestId('place-bet-form').waitFor({ timeout: 30_000 });
    const task = `Killed during resolution ${trips}`;
    await placeBet(page, task);
    const open = page.getByTestId('open-bet').filter({ hasText: task });
    await open.getByTestId('resolve-open').click();
    await page.getByTestId('resolve-hours').fill('3h');
    await page.getByTestId('resolve-submit').click();
    let confirmed = false;
    for (let i = 0; i < trips; i++) confirmed ||= (await page.getByTestId('resolved-bet').filter({ hasText: task }).count()) > 0;
    await killBrowser(dir);

    ({ ctx, page } = await relaunch(dir));
    await openApp(page, '/bets');
    const { bets, log, betEvents } = (await readStores(page, ['bets', 'log', 'betEvents'])) as { bets: BetRow[]; log: LogRow[]; betEvents: { betId: string; kind: string }[] };
    const bet = bets.find((b) => b.task === task);
    expect(bet, 'the placed bet (confirmed before the kill)').toBeDefined();
    const resolvedInLog = log.some((e) => e.kind === 'bet_resolved' && e.payload.betId === bet!.id);
    const resolvedEvent = betEvents.some((e) => e.betId === bet!.id && e.kind === 'resolved');
    const resolved = bet!.resolvedAt !== undefined;
    expect({ row: resolved, log: resolvedInLog, event: resolvedEvent }).toEqual({ row: resolved, log: resolved, event: resolved });
    if (confirmed) expect(resolved).toBe(true);
    console.log(`[kill] bet resolution after ${trips} round trips: ${resolved ? 'resolved' : 'still open'}${confirmed ? ' (the page had shown it resolved)' : ''}`);
    // The page shows what is stored.
    await page.getByTestId(resolved ? 'resolved-bet' : 'open-bet').filter({ hasText: task }).waitFor({ timeout: 30_000 });
    expect(await logVerifies(page)).toMatch(/^true/);
    await ctx.close();
  });

  it('resolving a bet while the database is busy, killed before it commits: the bet is still open, nothing logged', async () => {
    const dir = profile();
    let { ctx, page } = await relaunch(dir);
    await openApp(page, '/bets');
    await page.getByTestId('place-bet-form').waitFor({ timeout: 30_000 });
    const task = 'Killed before the resolution committed';
    await placeBet(page, task);
    await page.getByTestId('open-bet').filter({ hasText: task }).getByTestId('resolve-open').click();
    await page.getByTestId('resolve-hours').fill('3h');
    // Another connection keeps a read-write transaction over bets and log busy for a while, so
    // the resolution's transaction is queued behind it when the process dies.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('metacompiler');
          open.onsuccess = () => {
            const tx = open.result.transaction(['bets', 'log', 'betEvents'], 'readwrite');
            const until = performance.now() + 20_000;
            const spin = () => {
              if (performance.now() < until) tx.objectStore('bets').count().onsuccess = spin;
            };
            spin();
            resolve();
          };
        }),
    );
    await page.getByTestId('resolve-submit').click();
    const confirmed = (await page.getByTestId('resolved-bet').filter({ hasText: task }).count()) > 0;
    await killBrowser(dir);

    ({ ctx, page } = await relaunch(dir));
    await openApp(page, '/bets');
    const { bets, log } = (await readStores(page, ['bets', 'log'])) as { bets: BetRow[]; log: LogRow[] };
    const bet = bets.find((b) => b.task === task)!;
    expect(confirmed).toBe(false);
    expect(bet.resolvedAt).toBeUndefined();
    expect(log.some((e) => e.kind === 'bet_resolved' && e.payload.betId === bet.id)).toBe(false);
    await page.getByTestId('open-bet').filter({ hasText: task }).waitFor({ timeout: 30_000 });
    expect(await logVerifies(page)).toMatch(/^true/);
    await ctx.close();
  });

  /** The editor's text and whether it says "Saved", read in one turn so they belong together. */
  const snapshot = (page: Page) =>
    page.evaluate(() => {
      const lines = Array.from(document.querySelectorAll('[data-testid="spec-editor"] .cm-line')).map((l) => l.textContent ?? '');
      return { saved: document.querySelector<HTMLElement>('[data-testid="save-state"]')?.dataset.saved === 'yes', text: lines.join('\n') };
    });

  it.each(KILL_POINTS)('typing in a spec, killed after %i more keys: every edit shown as saved is there', async (extra) => {
    const dir = profile();
    let { ctx, page } = await relaunch(dir);
    await openApp(page, '/specs');
    await typeInNewSpec(page, 'Typed until killed', '\nstart');
    const url = page.url();
    const typed = ' the quick brown fox jumps over the lazy dog';
    let confirmed = (await snapshot(page)).text;
    const full = confirmed + typed;
    const killAt = 10 + extra;
    for (const [i, ch] of [...typed].entries()) {
      await page.keyboard.type(ch);
      if (i === killAt) break;
      const s = await snapshot(page);
      if (s.saved) confirmed = s.text;
    }
    await killBrowser(dir);

    ({ ctx, page } = await relaunch(dir));
    await page.goto(url);
    await page.locator('[data-testid="save-state"]').waitFor({ timeout: 30_000 });
    const text = await until(async () => (await snapshot(page)).text, (t) => t.includes('start'), 30_000, 'the spec text');
    expect(text.startsWith(confirmed), `"${text}" holds every saved edit ("${confirmed}")`).toBe(true);
    expect(full.startsWith(text), `"${text}" is what was typed, in order, nothing garbled`).toBe(true);
    expect(await page.getByTestId('quarantine-notice').count()).toBe(0);
    console.log(`[kill] typing, killed at key ${killAt}: ${text.length - (full.length - typed.length)} of ${killAt + 1} keys kept, ${confirmed.length - (full.length - typed.length)} shown as saved`);
    await ctx.close();
  });

  it('importing 30,000 runs, killed while writing: all of them or none', async () => {
    const dir = profile();
    const file = join(dir, '..', `kill-import-${Date.now()}.jsonl`);
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ id: `kill-${i}`, specHash: `name:s${i % 7}`, nudges: [`n${i % 5}`], passed: i % 2 === 0, errorMessages: [], at: 1_715_000_000_000 + i }));
    writeFileSync(file, lines.join('\n') + '\n');
    let { ctx, page } = await relaunch(dir);
    await openApp(page, '/evidence');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor({ timeout: 60_000 });
    const finished = (await page.getByTestId('import-result').count()) > 0;
    await killBrowser(dir);
    rmSync(file, { force: true });

    ({ ctx, page } = await relaunch(dir));
    await openApp(page, '/evidence');
    const count = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('metacompiler');
          open.onsuccess = () => {
            const r = open.result.transaction('runs').objectStore('runs').count();
            r.onsuccess = () => (open.result.close(), resolve(r.result));
          };
        }),
    );
    expect([0, 30_000]).toContain(count);
    console.log(`[kill] import killed while writing: ${count} runs stored`);
    if (finished) expect(count).toBe(30_000);
    await until(async () => Number(((await page.getByTestId('run-count').textContent()) ?? '').replace(/\D/g, '')), (n) => n === count, 30_000, 'the run count shown');
    await ctx.close();
  }, 180_000);
});
