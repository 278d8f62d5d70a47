import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';

/**
 * The save indicator while a person types steadily in the built app. The page is instrumented
 * before the app loads: every readwrite transaction over a spec document's `updates` store (the
 * writes y-indexeddb makes) logs when it is created and when it commits, and a mutation observer
 * logs each change of the indicator, all in one in-page sequence. Events in a page happen one
 * after another, so the order of that log is the order a person could see things in, with no
 * clock involved:
 * - after each committed write that leaves nothing in flight, "Saved" shows before the next
 *   write starts;
 * - "Saved" never shows while a write is in flight.
 * The share of samples showing "Saved" and the longest time since "Saved" last showed are
 * printed, not asserted (timings on a shared machine are noise). LONG=<sections> first pastes a
 * long spec (each section a heading, prose, four tasks with bets and a code block), to see the
 * indicator when every keystroke costs the page more.
 */

type LogEntry = { kind: 'start' | 'commit' | 'abort'; id: number; t: number } | { kind: 'indicator'; state: string; t: number };
interface Instrumented {
  log: LogEntry[];
  samples: { t: number; state: string }[];
  sampling: ReturnType<typeof setInterval> | undefined;
}

/** Installed in the page before any of its scripts run. */
function instrument(): void {
  const w = window as unknown as { __save: Instrumented };
  const state: Instrumented = { log: [], samples: [], sampling: undefined };
  w.__save = state;
  let next = 0;
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = original.apply(this, args);
    const stores = typeof args[0] === 'string' ? [args[0]] : Array.from(args[0]);
    if (this.name.startsWith('metacompiler-spec:') && stores.includes('updates') && tx.mode === 'readwrite') {
      const id = next++;
      state.log.push({ kind: 'start', id, t: performance.now() });
      tx.addEventListener('complete', () => state.log.push({ kind: 'commit', id, t: performance.now() }));
      tx.addEventListener('abort', () => state.log.push({ kind: 'abort', id, t: performance.now() }));
    }
    return tx;
  } as IDBDatabase['transaction'];
  let shown = '';
  new MutationObserver(() => {
    const now = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-saved') ?? '';
    if (now !== shown) {
      shown = now;
      state.log.push({ kind: 'indicator', state: now, t: performance.now() });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-saved'] });
}

function longSpec(sections: number): string {
  const out: string[] = [];
  for (let i = 0; i < sections; i++) {
    out.push(`\n## Part ${i}\n`, `Some prose about part ${i}, with **emphasis** and \`code\`.`, '');
    for (let j = 0; j < 4; j++) out.push(`- [${j % 2 ? 'x' : ' '}] Task ${i}.${j} [Bet: 4h @ 75%]`);
    out.push('', '```ts', `const part${i} = ${i};`, '```');
  }
  return out.join('\n');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('save indicator while typing steadily', () => {
  it('says "Saved" after each committed write that leaves nothing in flight, and never while one is', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(instrument);
    await openApp(page, '/specs');
    await page.getByTestId('new-spec-title').fill('Steady typing');
    await page.getByTestId('create-spec').click();
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    await until(() => editorText(page), (t) => t.includes('# Steady typing'), 5000, 'starter text');
    await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor();

    await page.locator('[data-testid="spec-editor"]').click();
    if (process.env.LONG) {
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(longSpec(Number(process.env.LONG)));
      await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor();
    }
    await page.keyboard.press('Control+End');
    // Only what happens while typing counts; sampling every 10 ms, as often as a person could look.
    const from = await page.evaluate(() => {
      const s = (window as unknown as { __save: Instrumented }).__save;
      s.sampling = setInterval(() => {
        s.samples.push({ t: performance.now(), state: document.querySelector('[data-testid="save-state"]')?.getAttribute('data-saved') ?? '' });
      }, 10);
      return s.log.length;
    });
    const typed = '\nA steady paragraph, typed one key at a time as a person would type it, to watch the indicator.';
    await page.keyboard.type(typed, { delay: 40 });
    await until(() => editorText(page), (t) => t.endsWith(typed.slice(1)), 5000, 'typed text');
    await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor();
    const { log, samples } = await page.evaluate((from) => {
      const s = (window as unknown as { __save: Instrumented }).__save;
      clearInterval(s.sampling);
      return { log: s.log.slice(from), samples: s.samples };
    }, from);
    await page.screenshot({ path: join(process.env.E2E_OUT_DIR ?? 'dist', 'save-indicator.png') });

    // Replay the log in order: writes in flight, and what the indicator showed.
    const inFlight = new Set<number>();
    let commitsLeavingNone = 0;
    let awaitingSaved: number | undefined; // a commit that left nothing in flight, not yet followed by "Saved"
    const missed: string[] = [];
    const lies: string[] = [];
    for (const e of log) {
      if (e.kind === 'start') {
        if (awaitingSaved !== undefined) missed.push(`write ${awaitingSaved} committed and write ${e.id} started before "Saved" showed`);
        awaitingSaved = undefined;
        inFlight.add(e.id);
      } else if (e.kind === 'commit' || e.kind === 'abort') {
        inFlight.delete(e.id);
        if (e.kind === 'commit' && inFlight.size === 0) {
          commitsLeavingNone++;
          awaitingSaved = e.id;
        }
      } else if (e.kind === 'indicator' && e.state === 'yes') {
        if (inFlight.size > 0) lies.push(`"Saved" shown while writes ${[...inFlight].join(', ')} were in flight`);
        awaitingSaved = undefined;
      }
    }
    if (awaitingSaved !== undefined) missed.push(`write ${awaitingSaved} was the last and "Saved" never showed after it`);

    const writes = log.filter((e) => e.kind === 'start').length;
    let lastSaved = samples[0]?.t ?? 0;
    let maxAge = 0;
    for (const s of samples) {
      if (s.state === 'yes') lastSaved = s.t;
      maxAge = Math.max(maxAge, s.t - lastSaved);
    }
    const savedShare = samples.filter((s) => s.state === 'yes').length / samples.length;
    console.log(
      `[save indicator] ${typed.length} keys, ${writes} writes (${commitsLeavingNone} left nothing in flight); ` +
        `${samples.length} samples: "Saved" in ${(100 * savedShare).toFixed(1)}%; longest since "Saved" last showed ${maxAge.toFixed(0)} ms`,
    );

    expect(writes, 'each key typed is written').toBeGreaterThanOrEqual(typed.length);
    expect(missed).toEqual([]);
    expect(lies).toEqual([]);
    await ctx.close();
  });
});
