import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';

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

const runCount = async (page: Page) => {
  await page.locator('[data-testid="run-count"][data-loaded="true"]').waitFor();
  return Number((await page.getByTestId('run-count').textContent())?.replace(/\D/g, ''));
};

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
    expect(await row.locator('td').first().textContent()).toBe('Add type hints');
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
});
