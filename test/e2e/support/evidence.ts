import type { Page } from 'playwright-core';
import { openApp, until } from './app';

/** Imports runs through the Evidence page's dialog as a JSON Lines file, as a person would. */
export async function importRunsJsonl(page: Page, runs: readonly object[]): Promise<void> {
  await openApp(page, '/evidence');
  await page.getByTestId('open-import').click();
  const body = runs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  await page.getByTestId('import-file-input').setInputFiles({ name: 'runs.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(body) });
  await until(() => page.getByTestId('import-start').isEnabled(), (ok) => ok, 15000, 'the import to be ready');
  await page.getByTestId('import-start').click();
  await until(() => page.getByTestId('import-result').textContent().catch(() => ''), (t) => t?.includes(`Imported ${runs.length.toLocaleString('en')} runs`) ?? false, 20000, 'the import');
}
