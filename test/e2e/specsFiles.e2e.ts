import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';
import { createSpecWithText, openSpec } from './specsHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A file with every byte-level trap: a BOM, CRLF and LF mixed, a tab, emoji, no final newline. */
const TRICKY = Buffer.from('\uFEFF# Round trip\r\n\r\n- [ ] crlf task [Bet: 2h @ 60%]\r\n- [x] lf task 🎯 é\n\tindented\nlast line, no newline', 'utf8');

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

async function importNew(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId('import-new-input').setInputFiles({ name, mimeType: 'text/markdown', buffer: bytes });
}

describe('Markdown files: export and import', () => {
  it('import then export gives the file back byte for byte, and so does export then import', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await importNew(page, 'round-trip.md', TRICKY);
    await page.getByTestId('spec-title').filter({ hasText: 'Round trip' }).waitFor();
    await until(() => editorText(page), (t) => t.includes('last line, no newline'), 5000, 'imported text');

    const first = await downloadOf(page, () => page.getByTestId('export-spec').click());
    expect(first.name).toBe('Round trip.md');
    expect(first.bytes.equals(TRICKY)).toBe(true);

    // The exported file imported again is a second spec with the very same bytes.
    await importNew(page, first.name, first.bytes);
    await until(() => page.getByTestId('spec-item').count(), (n) => n === 2, 5000, 'second spec');
    await until(() => editorText(page), (t) => t.includes('last line, no newline'), 5000, 'second import');
    const second = await downloadOf(page, () => page.getByTestId('export-spec').click());
    expect(second.bytes.equals(TRICKY)).toBe(true);
    await ctx.close();
  });

  it('imports a file into an open spec as an edit that other tabs receive and undo reverts', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    const before = '# Target\n\n- [ ] one\n- [ ] two\n';
    const url = await createSpecWithText(a, 'Target', before);
    const b = await ctx.newPage();
    await openSpec(b, url);
    const after = '# Target\n\n- [x] one\n- [ ] two\n- [ ] three\n';
    await a.getByTestId('import-into-input').setInputFiles({ name: 'target.md', mimeType: 'text/markdown', buffer: Buffer.from(after) });
    await until(() => editorText(b), (t) => t === after, 5000, 'tab B to receive the import');
    await a.getByRole('status').filter({ hasText: 'Imported target.md as 2 edits' }).waitFor();
    await a.getByTestId('undo').click();
    await until(() => editorText(b), (t) => t === before, 5000, 'undo of the import to reach tab B');
    await ctx.close();
  });

  it('exports every spec as a zip of Markdown files', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Alpha', '# Alpha\n');
    await createSpecWithText(page, 'Beta: two/three', '# Beta\n');
    const zip = await downloadOf(page, () => page.getByTestId('export-all').click());
    expect(zip.name).toMatch(/^metacompiler-specs-\d{4}-\d\d-\d\d\.zip$/);
    const files = unzipSync(new Uint8Array(zip.bytes));
    expect(Object.keys(files).sort()).toEqual(['Alpha.md', 'Beta- two-three.md']);
    expect(new TextDecoder().decode(files['Alpha.md'])).toBe('# Alpha\n');
    await ctx.close();
  });
});
