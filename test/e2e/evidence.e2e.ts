import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';
import { importRunsJsonl, runCount } from './support/evidence';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function createSpec(page: Page, title: string) {
  await openApp(page, '/specs');
  await page.getByTestId('new-spec-title').fill(title);
  await page.getByTestId('create-spec').click();
  await page.getByTestId('spec-title').filter({ hasText: title }).waitFor();
}

async function recordRun(page: Page, spec: string, nudges: string[], passed: boolean) {
  await page.bringToFront(); // background tabs throttle the animation frames actions wait on
  const before = await runCount(page);
  await page.getByTestId('run-spec').selectOption({ label: spec });
  for (const n of nudges) {
    await page.locator('#run-nudges').fill(n);
    await page.locator('#run-nudges').press('Enter');
  }
  await page.getByTestId(passed ? 'run-passed' : 'run-failed').check();
  await page.getByTestId('record-run').click();
  await until(() => runCount(page), (c) => c === before + 1, 5000, `run count ${before + 1}`);
}

describe('evidence and raw priors', () => {
  it('updates the Priors page of another tab live, with the numbers of DOMAIN.md', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    await createSpec(a, 'Parser');
    const b = await ctx.newPage();
    await openApp(b, '/priors');
    await until(() => b.getByTestId('priors-status').textContent(), (t) => t?.includes('From 0 runs') ?? false, 5000, 'empty priors');

    await a.getByRole('link', { name: 'Evidence' }).click();
    await a.getByTestId('record-run-form').waitFor();
    await recordRun(a, 'Parser', ['Add type hints'], true);
    await recordRun(a, 'Parser', ['add  type hints '], true);
    await recordRun(a, 'Parser', ['Add type hints'], false);
    await recordRun(a, 'Parser', [], false);

    // Tab B was never reloaded: the worker refits on each change in any tab.
    await until(() => b.getByTestId('priors-status').textContent(), (t) => t?.includes('From 4 runs') ?? false, 5000, 'priors from 4 runs');
    const row = b.locator('[data-testid="prior-row"][data-nudge="add type hints"]');
    await row.waitFor();
    // With: 2 passes, 1 fail -> Beta(3, 2), mean 3/5. Without: 0 passes, 1 fail -> Beta(1, 2), mean 1/3.
    expect(await row.getByTestId('mean-with').textContent()).toBe('60.0%');
    expect(await row.getByTestId('mean-without').textContent()).toBe('33.3%');
    expect(await row.getByTestId('raw-effect').textContent()).toBe('+26.7 pp');
    // P(Beta(3,2) > Beta(1,2)) = 1 - E[(1-X)^2] with 1-X ~ Beta(2,3): 1 - (0.04 + 0.16) = 0.8.
    expect(await row.getByTestId('p-beneficial').textContent()).toBe('80.0%');
    // The label keeps the person's first spelling; the key is normalised.
    expect(await row.locator('th').first().textContent()).toBe('Add type hints');
    await ctx.close();
  });

  it('rejects a run with no spec or an empty nudge name inline, and writes nothing', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpec(page, 'Lexer');
    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByTestId('record-run-form').waitFor();
    expect(await runCount(page)).toBe(0);

    await page.getByTestId('run-passed').check();
    await page.getByTestId('record-run').click();
    await page.getByTestId('error-spec').waitFor();
    expect(await page.getByTestId('error-spec').textContent()).toContain('spec: choose the spec');
    expect(await page.getByTestId('run-spec').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('run-spec').selectOption({ label: 'Lexer' });
    await page.locator('#run-nudges').fill('   ');
    await page.getByTestId('record-run').click();
    await page.getByTestId('error-nudges').waitFor();
    expect(await page.getByTestId('error-nudges').textContent()).toContain('nudges[1]: a nudge needs a name');

    await page.reload();
    await page.getByTestId('record-run-form').waitFor();
    await until(() => page.getByTestId('run-count').textContent(), (t) => t !== null, 3000, 'run count');
    expect(await runCount(page)).toBe(0);
    expect(await page.getByTestId('runs-table').count()).toBe(0);
    await ctx.close();
  });

  it('reports every missing field at once, each beside its field, and drops an error once its field is fixed', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/evidence');
    await page.getByTestId('record-run-form').waitFor();
    await page.getByTestId('record-run').click();
    await page.getByTestId('error-passed').waitFor();
    expect(await page.getByTestId('error-spec').textContent()).toBe('spec: choose the spec (or name the work) this run was for');
    expect(await page.getByTestId('error-passed').textContent()).toBe('passed: say whether the run passed or failed');
    // Each error is the description of its field.
    for (const [field, error] of [['run-spec', 'error-spec'], ['run-passed', 'error-passed'], ['run-failed', 'error-passed']] as const) {
      const id = await page.getByTestId(error).getAttribute('id');
      expect(await page.getByTestId(field).getAttribute('aria-describedby')).toBe(id);
      expect(await page.getByTestId(field).getAttribute('aria-invalid')).toBe('true');
    }

    // Naming other work clears the spec error; the outcome error stays until an outcome is chosen.
    await page.getByTestId('run-spec').selectOption('__other');
    await page.getByTestId('run-spec-name').fill('tokenizer rewrite');
    await until(() => page.getByTestId('error-spec').count(), (n) => n === 0, 3000, 'the spec error to go');
    expect(await page.getByTestId('error-passed').count()).toBe(1);
    // Emptying the name again brings the spec error back (the field is checked, not just cleared).
    await page.getByTestId('run-spec-name').fill('');
    await page.getByTestId('error-spec').waitFor();
    await page.getByTestId('run-spec-name').fill('tokenizer rewrite');
    await page.getByTestId('run-failed').check();
    await until(() => page.locator('.field-error').count(), (n) => n === 0, 3000, 'no errors left');
    expect(await runCount(page)).toBe(0); // nothing was written by the rejected submit
    await page.getByTestId('record-run').click();
    await until(() => runCount(page), (c) => c === 1, 5000, 'one run');
    await ctx.close();
  });

  it('fits a phone (390 px): no page-wide scroll, the form stacks, each run is a card with every error reachable', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const long = (i: number) => `AssertionError: expected parse_expression(tokens[${i}]) to return BinaryOp(op='+', left=Num(1), right=Num(2)) but got UnaryOp(op='-', operand=Num(${i}))`;
    const runs = Array.from({ length: 30 }, (_, i) => ({
      id: `phone-${i}`,
      specHash: `name:tests.test_lexer.TestLexer.test_a_rather_long_test_name_${i}`,
      nudges: ['add type hints', `nudge ${i} write tests first`],
      passed: i % 3 === 0,
      errorMessages: i % 3 === 0 ? [] : [long(i), `TypeError: cannot read properties of undefined (reading 'children') at src/parser/module_${i}/index.ts:42:17`, "KeyError: 'c'"].slice(0, 1 + (i % 3)),
      at: 1_710_000_000_000 + i * 60_000,
    }));
    await importRunsJsonl(page, runs);
    await page.getByTestId('runs-table').waitFor();
    const widths = () => page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    const w = await widths();
    expect(w.page).toBeLessThanOrEqual(w.view);
    const box = (id: string) => page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    const form = await box('record-run-form');
    const table = await box('runs-table');
    expect(form.right).toBeLessThanOrEqual(w.view);
    expect(table.right).toBeLessThanOrEqual(w.view);
    expect(table.top).toBeGreaterThanOrEqual(form.bottom); // stacked, not side by side

    // The newest run (phone-29) has three errors: "+2 more", and opening it shows all three.
    const row = page.getByTestId('runs-table').locator('tbody tr').first();
    expect(await row.getByTestId('run-errors-more').textContent()).toBe('+2 more');
    await row.locator('.run-errors > summary').click();
    await row.locator('.run-errors li').nth(1).waitFor();
    expect(await row.locator('.run-errors li').allTextContents()).toEqual([runs[29]!.errorMessages[1], "KeyError: 'c'"]);
    expect((await widths()).page).toBeLessThanOrEqual(w.view);
    await ctx.close();
  });

  it('keeps every column of the runs table inside its box at desktop width, and groups counts', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 850 } });
    const page = await ctx.newPage();
    const older = Array.from({ length: 1199 }, (_, i) => ({ id: `desk-old-${i}`, specHash: `name:module_${i % 50}.py`, nudges: [], passed: true, errorMessages: [], at: 1_700_000_000_000 + i * 1000 }));
    await importRunsJsonl(page, [
      ...older,
      { id: 'desk-1', specHash: 'name:module_005.py', nudges: ['add type hints'], passed: false, errorMessages: ['AssertionError: ' + 'x'.repeat(300), 'KeyError: a'], at: 1_710_000_000_000 },
    ]);
    await page.getByTestId('runs-table').waitFor();
    const fit = await page.getByTestId('runs-table').evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth, page: document.documentElement.scrollWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.box);
    expect(fit.page).toBeLessThanOrEqual(1300);
    const row = page.getByTestId('runs-table').locator('tbody tr').first();
    expect(await row.locator('td').last().textContent()).toBe('jsonl');
    expect(await row.getByTestId('run-errors-more').textContent()).toBe('+1 more');
    await until(() => runCount(page), (c) => c === 1200, 5000, '1,200 runs');
    expect(await page.getByTestId('run-count').textContent()).toBe('(1,200)');
    expect(await page.getByText('Showing the latest 100 of 1,200.').count()).toBe(1);
    await ctx.close();
  });
});
