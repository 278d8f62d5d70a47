import type { Page } from 'playwright-core';
import { openApp, until } from './app';
import { mulberry32 } from '../../../src/domain/random';

/**
 * Imports runs through the Evidence page's dialog as a JSON Lines file, as a person would.
 * `someKnown`: some runs may be in this browser already (from a paired device), so fewer than
 * all are new.
 */
export async function importRunsJsonl(page: Page, runs: readonly object[], opts: { someKnown?: boolean } = {}): Promise<void> {
  await openApp(page, '/evidence');
  await page.getByTestId('open-import').click();
  const body = runs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  await page.getByTestId('import-file-input').setInputFiles({ name: 'runs.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(body) });
  await until(() => page.getByTestId('import-start').isEnabled(), (ok) => ok, 15000, 'the import to be ready');
  await page.getByTestId('import-start').click();
  await until(() => page.getByTestId('import-result').textContent().catch(() => ''), (t) => (opts.someKnown ? /^Imported \d+ runs?/.test(t ?? '') : (t?.includes(`Imported ${runs.length.toLocaleString('en')} runs`) ?? false)), 20000, 'the import');
}

/**
 * 120 runs on three specs where "Add type hints" clearly helps and "Use global state" clearly
 * hurts, applied independently of the spec (so adjusting for the spec leaves both clear).
 */
export function clearPriorsRuns(idPrefix: string) {
  const rng = mulberry32(99);
  return Array.from({ length: 120 }, (_, i) => {
    const hints = i % 2 === 0;
    const global = i % 5 < 2;
    const eta = [-0.8, 0, 0.8][i % 3]! + (hints ? 2 : 0) - (global ? 2 : 0);
    const passed = rng() < 1 / (1 + Math.exp(-eta));
    return {
      id: `${idPrefix}-${i}`,
      specHash: `name:spec-${i % 3}`,
      nudges: [hints && 'Add type hints', global && 'Use global state'].filter((n): n is string => !!n),
      passed,
      errorMessages: passed ? [] : ['AssertionError: expected 1 to equal 2'],
      at: Date.UTC(2026, 0, 1) + i * 3_600_000,
    };
  });
}

/** The number of runs the Evidence page shows, once it has loaded them. */
export async function runCount(page: Page): Promise<number> {
  await page.locator('[data-testid="run-count"][data-loaded="true"]').waitFor();
  return Number((await page.getByTestId('run-count').textContent())?.replace(/\D/g, ''));
}
