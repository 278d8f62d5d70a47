import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';

const FIXTURES = fileURLToPath(new URL('../fixtures/evidence/', import.meta.url));
let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(join(tmpdir(), 'import-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const runCount = async (page: Page) => {
  await page.locator('[data-testid="run-count"][data-loaded="true"]').waitFor();
  return Number((await page.getByTestId('run-count').textContent())?.replace(/\D/g, ''));
};

async function evidencePage(page: Page): Promise<void> {
  await openApp(page, '/evidence');
  await page.getByTestId('record-run-form').waitFor();
  await until(() => page.getByTestId('run-count').textContent(), (t) => t !== null, 5000, 'run count');
}

/** Opens the dialog and chooses files; waits until every chosen file has been previewed. */
async function chooseFiles(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-dialog').waitFor();
  await page.getByTestId('import-file-input').setInputFiles(paths);
  await until(() => page.locator('[data-testid="import-file"] .file-status').allTextContents(), (s) => s.length === paths.length && s.every((t) => t !== 'reading…'), 10_000, 'previews');
}

function jsonlFile(name: string, n: number, extra = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ id: `bulk-${i}`, specHash: `name:spec-${i % 50}`, nudges: [`nudge ${i % 20}`, `nudge ${(i * 7) % 20}`], passed: i % 3 !== 0, errorMessages: i % 3 === 0 ? [`AssertionError: expected ${i}`] : [], at: 1_715_000_000_000 + i * 1000 }));
  }
  const path = join(tmp, name);
  writeFileSync(path, lines.join('\n') + '\n' + extra);
  return path;
}

describe('importing evidence files', () => {
  it('imports a real pytest report, shows its runs and count, and finds it all duplicates the second time', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await evidencePage(page);
    expect(await runCount(page)).toBe(0);

    await chooseFiles(page, [FIXTURES + 'pytest-junit.xml']);
    expect(await page.locator('[data-testid="import-file"] .file-status').textContent()).toBe('9 runs, 3 skipped tests');
    expect(await page.getByTestId('import-format').locator('option:checked').textContent()).toBe('JUnit XML (detected)');
    expect(await page.getByTestId('import-preview-table').locator('tbody tr').count()).toBe(8);
    await page.locator('#import-nudges').fill('Pair programming');
    await page.locator('#import-nudges').press('Enter');
    await page.getByTestId('import-start').click();

    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toBe('Imported 9 runs (3 skipped tests)');
    expect(await page.getByTestId('import-dialog').count()).toBe(0);
    await until(() => runCount(page), (c) => c === 9, 5000, '9 runs in the table');
    const rows = page.getByTestId('runs-table').locator('tbody tr');
    expect(await rows.count()).toBe(9);
    const keepsOffsets = rows.filter({ hasText: "KeyError: 'c'" });
    expect(await keepsOffsets.locator('td').nth(1).textContent()).toBe('tests.test_lexer.TestLexer::test_keeps_offsets');
    expect(await keepsOffsets.locator('td').nth(2).textContent()).toBe('fail');
    expect(await keepsOffsets.locator('.tag').allTextContents()).toEqual(['pair programming', 'add type hints', 'use global state']);
    expect(await keepsOffsets.locator('td').last().textContent()).toBe('junit');

    await chooseFiles(page, [FIXTURES + 'pytest-junit.xml']);
    await page.getByTestId('import-start').click();
    await until(() => page.getByTestId('import-result').textContent(), (t) => t?.includes('duplicates') ?? false, 10_000, 'second result');
    expect(await page.getByTestId('import-result').textContent()).toBe('Imported 0 runs (3 skipped tests, 9 duplicates)');
    await page.reload();
    await evidencePage(page);
    expect(await runCount(page)).toBe(9);
    await ctx.close();
  });

  it('shows where a broken or oversized file is wrong, naming file and line, and writes nothing', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await evidencePage(page);

    // A truncated pytest report: the preview already reads all of it and says where it ends.
    await chooseFiles(page, [FIXTURES + 'pytest-truncated.xml']);
    expect(await page.getByTestId('import-preview-error').textContent()).toMatch(/^pytest-truncated\.xml, line 20: xml: is not well-formed XML: /);
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('import-close').click();

    // A large file whose only mistake is past the preview: found by the import, which writes nothing.
    const bad = jsonlFile('late-mistake.jsonl', 3000, JSON.stringify({ id: 'x', specHash: 'name:s', passed: 'abc', at: 1 }) + '\n');
    await chooseFiles(page, [bad]);
    expect(await page.getByTestId('import-preview-error').count()).toBe(0);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-error').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-error').textContent()).toBe('late-mistake.jsonl, line 3001: passed: must be true or false, not "abc"');
    await page.getByTestId('import-close').click();

    // A 2 GB file (sparse: it takes no disk) is refused by its size alone.
    const huge = join(tmp, 'huge.xml');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 1024 ** 3);
    await chooseFiles(page, [huge]);
    expect(await page.getByTestId('import-preview-error').textContent()).toBe(
      'huge.xml is 2 GB; evidence files can be at most 512 MB. Split it into smaller files and import them one by one.',
    );
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('import-close').click();

    await page.reload();
    await evidencePage(page);
    expect(await runCount(page)).toBe(0);
    await ctx.close();
  });

  it('imports 100,000 runs in the worker: Cancel writes nothing, the page never blocks for long', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await evidencePage(page);
    const path = jsonlFile('100k.jsonl', 100_000);

    await chooseFiles(page, [path]);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-error').textContent()).toBe('Import cancelled; nothing was written.');
    expect(await runCount(page)).toBe(0);

    // When the result message appears, in the page's clock: tasks before it belong to the import.
    await page.evaluate(() => {
      const w = window as unknown as { __importDone?: number };
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid="import-result"]')) {
          w.__importDone = performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const t0 = await page.evaluate(() => performance.now());
    const wall = Date.now();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor({ timeout: 180_000 });
    const seconds = (Date.now() - wall) / 1000;
    expect(await page.getByTestId('import-result').textContent()).toBe('Imported 100,000 runs');
    await until(() => runCount(page), (c) => c === 100_000, 10_000, '100,000 runs');
    await page.getByTestId('runs-table').waitFor();
    const { t1, t2, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __importDone: number; __longTasks: { start: number; duration: number }[] };
      return { t1: w.__importDone, t2: performance.now(), tasks: w.__longTasks };
    });
    const longest = (from: number, to: number) => Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
    const importing = longest(t0, t1);
    const refreshing = longest(t1, t2 + 1);
    // A benchmark, printed, not asserted (TESTING.md: timings never fail a run).
    console.log(
      `[import bench] 100,000 JSONL runs (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s = ` +
        `${Math.round(100_000 / seconds).toLocaleString('en')} rows/s (click to message). Longest main-thread task: ` +
        `${importing ? `${importing.toFixed(0)} ms` : 'none over 50 ms'} while importing; ` +
        `${refreshing ? `${refreshing.toFixed(0)} ms` : 'none over 50 ms'} while the runs table re-rendered afterwards.`,
    );
    // The table shows the latest 100 runs (every row is DOM each repaint walks) and more on request.
    const rows = page.getByTestId('runs-table').locator('tbody tr');
    expect(await rows.count()).toBe(100);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('spec-49'); // bulk-99999, the newest
    await page.getByTestId('runs-more').click();
    await until(() => rows.count(), (n) => n === 200, 5000, '200 rows');
    expect(await page.getByText('Showing the latest 200 of 100000.').count()).toBe(1);
    await ctx.close();
  }, 300_000);
});
