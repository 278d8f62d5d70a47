import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';
import { createSpecWithText, openSpec, rendered } from './specsHelpers';
import { clearPriorsRuns, importRunsJsonl } from './support/evidence';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});


describe('injecting the learned priors into a spec, through governance', () => {
  it('refuses with no priors, queues at the default trust level, writes the block on approval, and rolls back from History', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();

    // With no evidence there is nothing to inject, and nothing is queued.
    const url = await createSpecWithText(page, 'Parser', '# Parser\n\n- [ ] Write it\n');
    await page.getByTestId('inject-priors').click();
    await page.getByRole('status').filter({ hasText: 'no learned priors to inject yet' }).waitFor({ timeout: 15_000 });

    await importRunsJsonl(page, clearPriorsRuns('inj'));
    await openSpec(page, url);
    await page.getByTestId('inject-priors').click();
    await page.getByRole('status').filter({ hasText: 'Queued for your approval on the Governance page' }).waitFor({ timeout: 15_000 });
    expect(await editorText(page)).toBe('# Parser\n\n- [ ] Write it\n');

    await openApp(page, '/governance');
    const queued = page.locator('[data-testid="queued-action"][data-action="inject_priors"]');
    await queued.waitFor();
    expect(await queued.textContent()).toContain('write the learned priors into "Parser"');
    await page.getByTestId('approve').click();
    await page.getByTestId('queue-message').filter({ hasText: 'Approved and applied' }).waitFor({ timeout: 15_000 });

    await openSpec(page, url);
    const text = await until(() => editorText(page), (t) => t.includes('## Learned priors'), 5000, 'the block in the spec');
    expect(text).toMatch(/^# Parser\n\n- \[ \] Write it\n\n## Learned priors\n\nDo: Add type hints \[Nudge: "Add type hints" -> \+\d+%\]\n\nAvoid: Use global state \[Nudge: "Use global state" -> -\d+%\]\n$/);
    // Rendered, each prior is a line of its own (issue 19), its token a live widget.
    const lines = rendered(page).locator('p').filter({ hasText: /^(Do|Avoid):/ });
    await until(() => lines.count(), (c) => c === 2, 5000, 'two rendered prior lines');
    const [top0, top1] = await lines.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(top1!).toBeGreaterThan(top0! + 10);
    expect(await rendered(page).locator('[data-testid="token"][data-kind="nudge"]').count()).toBe(2);

    // The automatic checkpoint is in the spec's history; restoring it takes the block out again.
    await page.getByTestId('open-history').click();
    await page.getByTestId('checkpoint').filter({ hasText: 'Before inject learned priors' }).getByRole('button').click();
    await page.getByTestId('restore-checkpoint').click();
    await page.getByTestId('confirm-restore').click();
    await until(() => editorText(page), (t) => t === '# Parser\n\n- [ ] Write it\n', 5000, 'the spec as it was');
    await ctx.close();
  });
});
