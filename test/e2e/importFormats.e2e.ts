import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, until } from './support/app';
import { runCount } from './support/evidence';
import { FIXTURES, importSuite } from './support/importSuite';

const suite = importSuite('import-formats-e2e-');

async function importDone(page: Page, timeout = 60_000): Promise<string | null> {
  return until(() => page.getByTestId('import-result').textContent().catch(() => ''), (t) => !!t?.startsWith('Imported'), timeout, 'the import');
}

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

describe('importing the tools people already run', () => {
  it('a promptfoo results file: each row a run, and the Priors page lists the prompt labels as nudges', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await openApp(page, '/evidence');
    const doc = JSON.parse(readFileSync(FIXTURES + 'promptfoo-results.json', 'utf8')) as { results: { results: { prompt: { label: string } }[] } };
    const rows = doc.results.results;
    const labels = [...new Set(rows.map((r) => normalise(r.prompt.label)))];
    expect(labels.length).toBe(2);

    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles(FIXTURES + 'promptfoo-results.json');
    await until(() => page.getByTestId('import-format').locator('option:checked').textContent(), (t) => t === 'promptfoo results (detected)', 15_000, 'detection');
    await until(() => page.getByTestId('import-start').isEnabled(), (ok) => ok, 15_000, 'the import to be ready');
    await page.getByTestId('import-start').click();
    expect(await importDone(page)).toBe(`Imported ${rows.length} runs`);
    expect(await runCount(page)).toBe(rows.length);

    await page.goto(new URL('/priors', page.url()).href);
    await page.getByTestId('priors-table').waitFor({ timeout: 60_000 });
    await until(() => page.getByTestId('prior-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-nudge'))), (keys) => labels.every((l) => keys.includes(l)), 60_000, 'both prompt labels as nudges');
    await page.screenshot({ path: join(process.env.E2E_SHOTS ?? suite.tmp, 'priors-promptfoo.png') });
  }, 240_000);

  it('a folder of Surefire reports, chosen whole: every TEST-*.xml imports in one go with progress; other files are left out', async () => {
    const folder = join(suite.tmp, 'surefire-reports');
    mkdirSync(folder);
    const reports = ['surefire/TEST-testCase.HybridTestCaseTest.xml', 'TEST-com.example.parser.ParserTest.xml', 'testng/TEST-com.testExecution.TS001.xml', 'testng/TEST-testPackage.InvalidLoginTest.xml'];
    for (const r of reports) copyFileSync(FIXTURES + r, join(folder, r.split('/').pop()!));
    // What Surefire and TestNG leave beside the reports: not JUnit, so not imported.
    writeFileSync(join(folder, 'testng-results.xml'), '<?xml version="1.0"?><testng-results skipped="0" failed="0" total="6" passed="6"/>');
    writeFileSync(join(folder, 'index.html'), '<html></html>');
    // Runs counted from the files here: each <testcase> without only a <skipped/> in it.
    const expected = reports
      .map((r) => readFileSync(FIXTURES + r, 'utf8').split('<testcase ').slice(1))
      .flat()
      .filter((c) => !/^[^>]*>\s*<skipped/.test(c)).length;

    const page = await (await suite.browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
    await openApp(page, '/evidence');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    await until(() => page.locator('[data-testid="import-file"] .file-status').allTextContents(), (s) => s.length === reports.length && s.every((t) => t !== 'reading…'), 20_000, 'previews');
    expect(await page.getByTestId('import-left-out').textContent()).toContain('Left out 2 files');
    await page.screenshot({ path: join(process.env.E2E_SHOTS ?? suite.tmp, 'folder-dialog-390.png') });
    await page.getByTestId('import-start').click();
    expect(await importDone(page)).toMatch(new RegExp(`^Imported ${expected} runs`));
    expect(await runCount(page)).toBe(expected);
  }, 240_000);

  it('an import goes on when its dialog is closed: the header shows it, and its result arrives on another page', async () => {
    const path = join(suite.tmp, 'bulk.jsonl');
    const lines = Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ id: `bg-${i}`, specHash: `name:spec-${i % 40}`, nudges: [`nudge ${i % 9}`], passed: i % 4 !== 0, at: 1_715_000_000_000 + i * 1000 }));
    writeFileSync(path, lines.join('\n') + '\n');
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await openApp(page, '/evidence');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await until(() => page.getByTestId('import-start').isEnabled(), (ok) => ok, 15_000, 'the import to be ready');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor();
    expect(await page.getByTestId('import-close').textContent()).toBe('Continue in background');
    await page.getByTestId('import-close').click();
    expect(await page.getByTestId('import-dialog').count()).toBe(0);
    // The chip in the header, on another page, while the import goes on.
    await page.getByRole('link', { name: 'Specs' }).first().click();
    await page.getByTestId('import-chip').waitFor();
    await page.screenshot({ path: join(process.env.E2E_SHOTS ?? suite.tmp, 'chip-running.png') });
    await until(() => page.getByTestId('import-chip-text').textContent().catch(() => ''), (t) => t === 'Imported 60,000 runs', 180_000, 'the chip to say the import is done');
    await page.screenshot({ path: join(process.env.E2E_SHOTS ?? suite.tmp, 'chip-done.png') });
    await page.getByTestId('import-chip-dismiss').click();
    expect(await page.getByTestId('import-chip').count()).toBe(0);
  }, 300_000);
});
