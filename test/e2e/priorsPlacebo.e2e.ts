import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';
import { importRunsJsonl } from './support/evidence';
import { placeboOnHardSpecs } from './support/confounded';
import { normaliseNudge } from '../../src/domain/evidence/run';
import { adjustedEstimates, fitAdjusted } from '../../src/domain/learning/adjusted';
import { encodeRuns } from '../../src/domain/learning/encode';
import { rawEstimates } from '../../src/domain/learning/raw';
import { specContrasts } from '../../src/domain/learning/specContrast';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('priors: a placebo adopted on hard specs', () => {
  it('is neither a Do nor an Avoid line, and its row says why', async () => {
    const runs = placeboOnHardSpecs();
    // The domain's own reading of the same runs: raw, the comments look clearly harmful; within
    // the same tests they make no claim; the tests they were used on pass less without them.
    const enc = encodeRuns(runs.map((r) => ({ ...r, nudges: r.nudges.map(normaliseNudge) }))).encoded;
    const raw = rawEstimates(enc).find((e) => e.nudge === 'add comments')!;
    const adjusted = adjustedEstimates(fitAdjusted(enc)).find((e) => e.nudge === 'add comments')!;
    expect(raw.pBeneficial).toBeLessThan(0.025);
    expect(adjusted.classification).toBe('uncertain');
    const [contrast] = specContrasts(enc, [raw.index]);
    const rate = (p: number, n: number) => `${Math.round((100 * p) / n)}%`;

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await importRunsJsonl(page, runs);
    await openApp(page, '/priors');
    await until(() => page.getByTestId('priors-status').textContent(), (t) => t === 'From 360 runs.', 15000, 'priors from 360 runs');
    const row = page.locator('[data-testid="prior-row"][data-nudge="add comments"]');
    await until(() => row.getByTestId('adj-class').textContent().catch(() => null), (t) => t === 'uncertain', 15000, 'the adjusted verdict');
    // Raw beside it still says what the plain comparison says.
    expect(Number((await row.getByTestId('p-beneficial').textContent())!.replace('%', ''))).toBeLessThan(2.5);

    // Not offered either way, nor written into the prompt block.
    const listed = (testId: string) => page.getByTestId(testId).getByTestId('ranked-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-nudge')));
    expect(await listed('ranked-do')).not.toContain('add comments');
    expect(await listed('ranked-avoid')).not.toContain('add comments');
    expect(await page.getByTestId('prompt-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-nudge')))).not.toContain('add comments');
    expect(await page.getByTestId('prompt-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-nudge')))).toContain('add type hints');

    // The reason, from the data: the interval within specs, and where the nudge was used.
    const why = (await row.getByTestId('adj-why').textContent())!;
    expect(why).toContain('Not a Do or Avoid line: compared within the same specs, its 95% interval includes zero.');
    expect(why).toContain(`Raw it looks harmful (−${Math.abs(100 * raw.effect).toFixed(1)} pp)`);
    expect(why).toContain(
      `on the ${contrast!.specs} specs with runs both with and without it, runs with it pass ${rate(contrast!.withPasses, contrast!.withRuns)} and runs without it ${Math.round(100 * contrast!.withoutRate)}%`,
    );
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.E2E_OUT_DIR ?? 'dist-e2e'}/priors-placebo-${width}.png`, fullPage: false });
    }
    await ctx.close();
  });
});
