import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';
import { createSpecWithText, openSpec, rendered, renderedTask } from './specsHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SPEC = `# Toggle me

Intro paragraph with [Bet: 4x @ 175%] in it.

- [ ] Write parser
- [ ] Ship it
`;

describe('the rendered view writes back to the one text', () => {
  it('a task toggled in one tab shows [x] in the other tab’s editor within a second, with its trace run', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    const url = await createSpecWithText(a, 'Toggle me', SPEC);
    const b = await ctx.newPage();
    await openSpec(b, url);
    await until(() => editorText(b), (t) => t === SPEC, 5000, 'tab B to load the spec');

    const box = renderedTask(a, 'Write parser').locator('input.task-box');
    await box.click();
    const started = Date.now();
    await until(() => editorText(b), (t) => t.includes('- [x] Write parser'), 1000, 'tab B editor to show [x]');
    console.log(`rendered toggle in A -> editor in B: ${Date.now() - started} ms`);

    // Exactly the bracket character changed, and the trace's evidence sits under the task.
    const withEvidence = await until(() => editorText(b), (t) => /\[Evidence: run_\w+\]/.test(t), 5000, 'evidence token');
    const runId = /\[Evidence: (run_\w+)\]/.exec(withEvidence)![1]!;
    expect(withEvidence).toBe(SPEC.replace('- [ ] Write parser\n', `- [x] Write parser\n  - [Evidence: ${runId}]\n`));
    await expect(renderedTask(b, 'Write parser').locator('input.task-box').isChecked()).resolves.toBe(true);

    // The run exists on the Evidence page, as a passing run of source "task" for this spec.
    await openApp(b, '/evidence');
    const row = b.getByTestId('runs-table').locator('tbody tr').filter({ hasText: 'Toggle me' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['pass', 'task']));

    // Unticking in the rendered view edits the same character back and records no new run.
    await renderedTask(a, 'Write parser').locator('input.task-box').click();
    await until(() => editorText(a), (t) => t.includes('- [ ] Write parser'), 2000, 'untick');
    await b.reload();
    await b.getByTestId('runs-table').locator('tbody tr').first().waitFor();
    expect(await b.getByTestId('runs-table').locator('tbody tr').count()).toBe(1);
    await ctx.close();
  });

  it('split view: the editor cursor highlights its block, and a click in the view places the cursor there', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Split', '# Split\n\nFirst paragraph.\n\n- [ ] Alpha task\n- [ ] Beta task\n');
    await page.locator('[data-testid="spec-editor"] .cm-line').filter({ hasText: 'Beta task' }).click();
    await rendered(page).locator('.cursor-block').filter({ hasText: 'Beta task' }).waitFor();
    expect(await rendered(page).locator('.cursor-block').count()).toBe(1);
    await page.locator('[data-testid="spec-editor"] .cm-line').filter({ hasText: 'First paragraph' }).click();
    await rendered(page).locator('p.cursor-block').filter({ hasText: 'First paragraph' }).waitFor();

    // A click at the very start of a task's text puts the cursor just before its first letter.
    const run = renderedTask(page, 'Alpha task').locator('[data-at]').first();
    const box = (await run.boundingBox())!;
    await page.mouse.click(box.x + 1, box.y + box.height / 2);
    await page.keyboard.type('Z');
    await until(() => editorText(page), (t) => t.includes('- [ ] ZAlpha task'), 3000, 'typed at the clicked place');
    // A click in the empty part of the heading's row lands at the end of its text.
    await rendered(page).locator('h1', { hasText: 'Split' }).click();
    await page.keyboard.type('!');
    await until(() => editorText(page), (t) => t.startsWith('# Split!\n'), 3000, 'cursor moved to the heading');
    await ctx.close();
  });

  it('tokens are live: hover shows the run behind evidence, a malformed token stays text with a warning', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Tokens', SPEC.replace('# Toggle me', '# Tokens'));
    await renderedTask(page, 'Ship it').locator('input.task-box').click();
    const evidence = rendered(page).locator('[data-testid="token"][data-kind="evidence"]');
    await evidence.waitFor();
    await evidence.hover();
    const card = page.getByTestId('token-card');
    await card.filter({ hasText: 'Passed' }).waitFor();
    expect(await card.textContent()).toContain('source task');

    const malformed = rendered(page).getByTestId('malformed-token');
    expect(await malformed.textContent()).toContain('[Bet: 4x @ 175%]');
    expect(await malformed.getAttribute('title')).toMatch(/^Looks like a bet token, but /);
    expect(await rendered(page).locator('p').filter({ hasText: 'Intro paragraph' }).textContent()).toContain('in it.');

    // Clicking a token goes to the page behind it.
    await evidence.click();
    await page.waitForURL(/\/evidence\?run=run_/);
    await ctx.close();
  });

  it('a bet placed from a task line is written into it, and checking the task resolves it', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Bets here', '# Bets here\n\n- [ ] Estimate me\n');
    await renderedTask(page, 'Estimate me').hover();
    await renderedTask(page, 'Estimate me').getByRole('button', { name: /Task actions/ }).click();
    const dialog = page.getByTestId('place-bet-dialog');
    await dialog.getByLabel('Estimate').fill('3h');
    await dialog.getByLabel('Confidence it takes at most that').fill('75%');
    await dialog.getByLabel('Stake (focus tokens)').fill('10');
    await dialog.getByRole('button', { name: 'Place bet' }).click();
    const placed = await until(() => editorText(page), (t) => /\[Bet: 3h @ 75% #bet_\w+\]/.test(t), 5000, 'bet token');
    const betId = /#(bet_\w+)\]/.exec(placed)![1]!;

    await renderedTask(page, 'Estimate me').locator('input.task-box').click();
    const resolve = page.getByTestId('resolve-bet-dialog');
    await resolve.getByLabel('Actual hours').fill('2');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await until(() => editorText(page), (t) => t.includes(`[Bet: 3h @ 75% -> 2h hit #${betId}]`), 5000, 'resolved bet token');
    await ctx.close();
  });
});
