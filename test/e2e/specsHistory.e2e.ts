import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, until } from './support/app';
import { createSpecWithText, openSpec } from './specsHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('history: checkpoints, diff, restore', () => {
  it('diffs a named checkpoint against now and restores it as an edit every tab receives', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    const v1 = '# History\n\n- [ ] keep me\n- [ ] change me\n';
    const url = await createSpecWithText(a, 'History', v1);
    await a.getByTestId('open-history').click();
    await a.getByTestId('checkpoint-name').fill('First draft');
    await a.getByTestId('save-checkpoint').click();
    await a.getByTestId('checkpoint').filter({ hasText: 'First draft' }).waitFor();

    const b = await ctx.newPage();
    await openSpec(b, url);
    // Edit in the other tab: the diff in tab A follows the text live.
    await b.locator('[data-testid="spec-editor"] .cm-line').filter({ hasText: 'change me' }).click();
    await b.keyboard.press('End');
    // insertText, not type: Enter in a Markdown list would continue it with its own "- [ ] ".
    await b.keyboard.insertText(' (changed)\n- [ ] new task');
    await until(() => editorText(a), (t) => t.includes('new task'), 5000, 'tab A to see tab B’s edit');
    await a.getByTestId('checkpoint').filter({ hasText: 'First draft' }).getByRole('button').click();
    const diff = a.getByTestId('checkpoint-diff');
    await diff.locator('[data-op="added"]').filter({ hasText: '- [ ] new task' }).waitFor();
    expect(await diff.locator('[data-op="removed"]').allTextContents()).toEqual([expect.stringContaining('- [ ] change me')]);
    expect(await diff.locator('[data-op="added"] .code').allTextContents()).toEqual(['- [ ] change me (changed)', '- [ ] new task']);

    await a.getByTestId('restore-checkpoint').click();
    await a.getByTestId('confirm-restore').click();
    await until(() => editorText(b), (t) => t === v1, 5000, 'tab B to receive the restore');
    expect(await editorText(a)).toBe(v1);
    // The version before the restore was kept, so the restore can itself be undone.
    await a.getByTestId('checkpoint').filter({ hasText: 'Before restoring “First draft”' }).waitFor();
    await diff.getByText('No difference').waitFor();
    await ctx.close();
  });
});
