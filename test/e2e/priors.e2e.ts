import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';
import { normaliseNudge, type Run } from '../../src/domain/evidence/run';
import { findFlaky } from '../../src/domain/evidence/flaky';
import { failureModes } from '../../src/domain/evidence/signature';
import { adjustedEstimates, fitAdjusted, rankEffects, type AdjustedEstimate } from '../../src/domain/learning/adjusted';
import { refute } from '../../src/domain/learning/refute';
import { encodeRuns } from '../../src/domain/learning/encode';
import { rawEstimates } from '../../src/domain/learning/raw';
import { createSpecWithText, rendered } from './specsHelpers';
import { importRunsJsonl } from './support/evidence';
import { renderLearnedPriors } from '../../src/domain/learning/priors';
import { mulberry32 } from '../../src/domain/random';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LABELS = ['Add type hints', 'Use global state', 'Write tests first', 'Rare trick'];
const labelOf = (key: string) => LABELS.find((l) => normaliseNudge(l) === key);

/**
 * 160 runs on four specs of different difficulty: type hints help (+2.2 log-odds), global
 * state hurts (-2.2), tests-first does nothing, and the rare trick has 3 runs. Failures carry
 * messages that differ only in numbers, so they group into two failure modes.
 */
function dataset(): Run[] {
  const rng = mulberry32(2024);
  const specs = [-1.2, -0.3, 0.5, 1.3];
  return Array.from({ length: 160 }, (_, i) => {
    const nudges: string[] = [];
    if (i % 2 === 0) nudges.push(LABELS[0]!);
    if (i % 3 === 0) nudges.push(LABELS[1]!);
    if ((i * 7) % 5 < 2) nudges.push(LABELS[2]!);
    if (i === 5 || i === 77 || i === 140) nudges.push(LABELS[3]!);
    const eta = specs[Math.floor(i / 4) % 4]! + (i % 2 === 0 ? 2.2 : 0) - (i % 3 === 0 ? 2.2 : 0);
    const passed = rng() < 1 / (1 + Math.exp(-eta));
    const message = i % 3 === 0 ? `ReferenceError: state is not defined at line ${10 + (i % 17)}` : `AssertionError: expected ${i % 9} to equal ${(i % 9) + 1}`;
    return {
      id: `imp-${String(i).padStart(3, '0')}`,
      specHash: `name:spec-${Math.floor(i / 4) % 4}`,
      nudges,
      passed,
      errorMessages: passed ? [] : [message],
      testFailures: [],
      typeErrors: [],
      source: 'jsonl' as const,
      at: Date.UTC(2024, 0, 1) + i * 3_600_000,
    };
  });
}

/** What the page must show: the domain's own fit and checks of the same runs (keys normalised as stored). */
function reference(runs: Run[], label: (key: string) => string | undefined = labelOf) {
  const stored = runs.map((r) => ({ ...r, nudges: [...new Set(r.nudges.map(normaliseNudge))] }));
  const enc = encodeRuns(stored).encoded;
  const state = fitAdjusted(enc);
  refute(enc, state, adjustedEstimates(state));
  const estimates = adjustedEstimates(state);
  const ranked = rankEffects(estimates);
  const raw = rawEstimates(encodeRuns(stored).encoded);
  const passed = { beneficial: ranked.beneficial.filter((e) => e.checks?.prior), harmful: ranked.harmful.filter((e) => e.checks?.prior) };
  return { estimates, raw, ranked, block: renderLearnedPriors(passed, label), flaky: findFlaky(stored).runIds.size, modes: failureModes(stored) };
}

/** "+12.3 pp" / "−4.0 pp" -> number. */
const points = (text: string | null) => Number((text ?? '').replace('−', '-').replace(/[^\d.+-]/g, ''));

const row = (page: Page, key: string) => page.locator(`[data-testid="prior-row"][data-nudge="${key}"]`);

async function expectAdjusted(page: Page, estimates: AdjustedEstimate[]) {
  for (const e of estimates) {
    const r = row(page, e.nudge);
    await until(() => r.getByTestId('adj-class').count(), (c) => c === 1, 15000, `adjusted cells of ${e.nudge}`);
    expect(Math.abs(points(await r.getByTestId('adj-effect').textContent()) - e.ame), e.nudge).toBeLessThanOrEqual(0.051);
    expect(await r.getByTestId('adj-class').textContent()).toBe(e.classification);
    expect(await r.getByTestId('adj-n').textContent()).toBe(`${e.nWith} / ${e.nWithout}`);
  }
}

const status = (page: Page) => page.getByTestId('priors-status').textContent();
const fitStatus = (page: Page) => page.getByTestId('fit-status').textContent();

describe('priors: raw beside adjusted, ranked lists, prompt block, two tabs', () => {
  it('learns from imported and recorded runs, in step across tabs', async () => {
    const ctx = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const a = await ctx.newPage();
    const b = await ctx.newPage();
    await openApp(b, '/priors');
    await b.getByTestId('priors-empty').waitFor();
    expect(await b.getByTestId('priors-empty').textContent()).toContain('No runs yet');

    const runs = dataset();
    const ref = reference(runs);
    // The dataset must exercise every verdict.
    expect(new Set(ref.estimates.map((e) => e.classification))).toEqual(new Set(['beneficial', 'harmful', 'uncertain', 'not enough evidence']));
    await importRunsJsonl(a, runs);

    await openApp(a, '/priors');
    await until(() => status(a), (t) => t === 'From 160 runs.', 15000, 'priors from 160 runs');
    await expectAdjusted(a, ref.estimates);
    // Raw columns stay beside them: type hints' raw pass rate with, a Beta posterior mean.
    const hints = runs.filter((r) => r.nudges.includes(LABELS[0]!));
    const pass = hints.filter((r) => r.passed).length;
    expect(await row(a, 'add type hints').getByTestId('mean-with').textContent()).toBe(`${((100 * (1 + pass)) / (2 + hints.length)).toFixed(1)}%`);
    expect(await a.getByTestId('flaky-count').textContent()).toContain(`${ref.flaky} of 160 runs are flaky`);
    // The smoothed rates say what they are, beside the table.
    expect(await a.getByTestId('priors-table').locator('thead').textContent()).toContain('Estimated pass rate with');
    expect(await a.getByTestId('estimate-note').textContent()).toContain('(passes + 1) / (runs + 2)');
    // A verdict pill stays on one line.
    expect(await a.getByTestId('adj-class').first().evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('nowrap');

    // Ranked lists: "Do" by lower bound, "Avoid" by upper bound, with intervals and n.
    const keys = (testId: string) => a.getByTestId(testId).getByTestId('ranked-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-nudge')));
    expect(await keys('ranked-do')).toEqual(ref.ranked.beneficial.map((e) => e.nudge));
    expect(await keys('ranked-avoid')).toEqual(ref.ranked.harmful.map((e) => e.nudge));
    const firstDo = ref.ranked.beneficial[0]!;
    expect(await a.getByTestId('ranked-do').getByTestId('ranked-item').first().textContent()).toContain(`n = ${firstDo.nWith} with, ${firstDo.nWithout} without`);

    // Charts with their text alternatives.
    expect(await a.getByTestId('forest-table').locator('tbody tr').count()).toBe(4);
    expect(await a.locator('[data-testid="nudge-graph"] [data-dashed="true"]').count()).toBe(2);
    expect(await a.getByTestId('learning-curve-table').locator('tbody tr').count()).toBeGreaterThan(1);
    // Runs an hour apart: no quiet stretch to mark.
    expect(await a.getByTestId('curve-gap').count()).toBe(0);
    // A dashed edge stays visibly broken at its width: dashes and gaps at least as long as the stroke is wide.
    for (const dash of await a.locator('[data-testid="nudge-graph"] [data-dashed="true"] path').evaluateAll((els) =>
      els.map((e) => ({ width: Number(e.getAttribute('stroke-width')), pattern: (e.getAttribute('stroke-dasharray') ?? '').split(' ').map(Number) })),
    )) {
      expect(dash.pattern.length).toBe(2);
      expect(Math.min(...dash.pattern)).toBeGreaterThanOrEqual(Math.min(4, dash.width));
      expect(dash.pattern[1]).toBeGreaterThanOrEqual(dash.width);
    }
    // Each prompt line's link says which nudge it is for.
    const linkNames = await a.getByTestId('prompt-line').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-nudge'), e.querySelector('a')?.getAttribute('aria-label')]),
    );
    expect(linkNames.length).toBeGreaterThan(0);
    for (const [key, name] of linkNames) expect(name).toBe(`runs with ${labelOf(key!)}`);

    // The prompt block goes to the clipboard exactly as the domain renders it.
    await a.getByTestId('copy-prompt').click();
    await until(() => a.evaluate(() => navigator.clipboard.readText()), (t) => t === ref.block, 5000, 'the prompt block on the clipboard');
    expect(ref.block).toContain('Do: Add type hints [Nudge: "Add type hints" -> +');

    // The second tab, never reloaded, shows the same estimates.
    await until(() => status(b), (t) => t === 'From 160 runs.', 15000, 'tab B from 160 runs');
    await expectAdjusted(b, ref.estimates);

    // Each prompt line links to the runs behind it.
    await a.getByTestId('prompt-line').first().getByRole('link').click();
    await a.locator('[data-testid="nudge-filter"][data-loaded="true"]').waitFor();
    expect(await a.getByTestId('nudge-filter').textContent()).toContain(`Runs with the nudge “add type hints”: ${hints.length}.`);

    // One recorded run. Its spec has 40 runs, so it is learned through its conditional likelihood:
    // the run cannot be absorbed one step at a time, and the learner refits by itself; a refit on
    // demand then matches a full fit too.
    await a.getByTestId('record-run-form').waitFor();
    await a.getByTestId('run-spec').selectOption({ value: '__other' });
    await a.getByTestId('run-spec-name').fill('spec-0');
    await a.locator('#run-nudges').fill('Add type hints');
    await a.locator('#run-nudges').press('Enter');
    await a.getByTestId('run-passed').check();
    await a.getByTestId('record-run').click();
    await until(() => status(b), (t) => t === 'From 161 runs.', 15000, 'tab B from 161 runs');
    await until(() => fitStatus(b), (t) => /^Fitted on 161 runs · last full fit/.test(t ?? ''), 15000, 'the refit it starts by itself');
    const recordedAt = await b.evaluate(() => Date.now());
    const recorded: Run = { ...runs[0]!, id: 'recorded', nudges: [LABELS[0]!], passed: true, errorMessages: [], specHash: 'name:spec-0', at: recordedAt };
    const ref161 = reference([...runs, recorded]);
    await expectAdjusted(b, ref161.estimates);
    await b.getByTestId('refit').click();
    await until(() => fitStatus(b), (t) => /^Fitted on 161 runs · last full fit/.test(t ?? '') && !t?.includes('added'), 15000, 'the refit on demand');
    await expectAdjusted(b, ref161.estimates);

    // The flaky setting is shared: chosen in B, applied in A.
    await openApp(a, '/priors');
    await until(() => status(a), (t) => t === 'From 161 runs.', 15000, 'tab A from 161 runs');
    await b.getByTestId('flaky-handling').selectOption('exclude');
    await until(() => a.getByTestId('flaky-handling').inputValue(), (v) => v === 'exclude', 5000, 'the setting in tab A');
    await until(() => fitStatus(a), (t) => t?.startsWith(`Fitted on ${161 - ref161.flaky} runs`) ?? false, 15000, 'a fit without flaky runs');

    // On a phone the charts keep their text size, and the table's nudge column stays in view.
    await a.setViewportSize({ width: 390, height: 844 });
    await until(() => a.getByTestId('forest-plot').locator('svg').getAttribute('viewBox'), (v) => Number(v?.split(' ')[2]) < 400, 5000, 'the forest plot at phone width');
    const smallest = async (testId: string) =>
      Math.min(...(await a.getByTestId(testId).locator('svg text').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height).filter((h) => h > 0))));
    for (const chart of ['forest-plot', 'nudge-graph', 'learning-curve']) expect(await smallest(chart), chart).toBeGreaterThanOrEqual(11);
    const table = a.getByTestId('priors-table');
    await table.evaluate((t) => (t.parentElement!.scrollLeft = 300));
    const [cellLeft, boxLeft] = await table.evaluate((t) => [t.querySelector('tbody th')!.getBoundingClientRect().left, t.parentElement!.getBoundingClientRect().left]);
    expect(Math.abs(cellLeft! - boxLeft!)).toBeLessThanOrEqual(1);
    await ctx.close();
  });

  it('marks each Do/Avoid line with its refutation checks and leaves a placebo-failing one out of the prompt block', async () => {
    // Twenty tests, all passing more in February than in January. Ten of them adopted "Run the
    // linter" exactly with February and gained more; the other ten never used it, so their gain
    // is the calendar's, and the linter is credited with the rest. "Add type hints" is used on
    // every other run of every test.
    const rng = mulberry32(7);
    const runs: Run[] = [];
    for (let s = 0; s < 20; s++) {
      for (let t = 0; t < 24; t++) {
        const feb = t >= 12;
        const hints = t % 2 === 0;
        const linter = feb && s >= 10;
        const passed = rng() < 1 / (1 + Math.exp(-((feb ? 0.4 : -2.6) + (linter ? 2.5 : 0) + (hints ? 2.2 : 0))));
        const nudges = [...(hints ? ['Add type hints'] : []), ...(linter ? ['Run the linter'] : [])];
        runs.push({ id: `ci-${s}-${t}`, specHash: `name:ci-${s}`, nudges, passed, errorMessages: passed ? [] : ['AssertionError: expected 1 to equal 2'], testFailures: [], typeErrors: [], source: 'jsonl', at: Date.UTC(2024, feb ? 1 : 0, 10) + t * 3_600_000 });
      }
    }
    const label = (k: string) => ({ 'add type hints': 'Add type hints', 'run the linter': 'Run the linter' })[k];
    const ref = reference(runs, label);
    const linter = ref.estimates.find((e) => e.nudge === 'run the linter')!;
    const hints = ref.estimates.find((e) => e.nudge === 'add type hints')!;
    // The interval alone would make both priors; the placebo refutes the linter (within a test it never varies inside a month).
    expect(linter.classification).toBe('beneficial');
    expect(linter.checks?.placebo).toBe('failed');
    expect(hints.checks?.prior).toBe(true);

    const ctx = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await ctx.newPage();
    await importRunsJsonl(page, runs);
    await openApp(page, '/priors');
    await until(() => status(page), (t) => t === 'From 480 runs.', 15000, 'priors from 480 runs');
    const item = (key: string) => page.getByTestId('ranked-do').locator(`[data-testid="ranked-item"][data-nudge="${key}"]`);
    await until(() => item('run the linter').getByTestId('check-placebo').getAttribute('data-state').catch(() => null), (v) => v === 'failed', 15000, 'the linter line with its checks');
    expect(await item('run the linter').getByTestId('checks-reason').textContent()).toContain('Not in the prompt block: placebo: beats 0 of 100 labellings shuffled within specs');
    for (const check of ['placebo', 'subset', 'varies']) expect(await item('add type hints').getByTestId(`check-${check}`).getAttribute('data-state'), check).toBe('passed');
    expect(await item('add type hints').getByTestId('checks-reason').count()).toBe(0);
    // The prompt block carries the type hints, not the linter, and says why the linter is left out.
    expect(await page.getByTestId('prompt-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-nudge')))).toEqual(['add type hints']);
    expect(await page.locator('[data-testid="withheld-line"][data-nudge="run the linter"]').textContent()).toContain('placebo: beats 0 of 100');
    await page.getByTestId('copy-prompt').click();
    await until(() => page.evaluate(() => navigator.clipboard.readText()), (t) => t === ref.block, 5000, 'the prompt block on the clipboard');
    expect(ref.block).not.toContain('linter');
    // What the effects are adjusted for, from the fit.
    const note = (await page.getByTestId('adjusted-for').textContent())!;
    expect(note).toContain('20 specs with both passes and failures');
    expect(note).toContain('the month (2: 2024-01 to 2024-02)');
    // Wednesday 10 January and Saturday 10 February: two weeks from Monday, two from Thursday.
    expect(note).toContain('the week (4 terms, weeks from Monday and from Thursday');
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('ranked-do').screenshot({ path: `${process.env.E2E_OUT_DIR ?? 'dist-e2e'}/priors-checks-${width}.png` });
    }
    await ctx.close();
  });

  it('shows failure modes ranked by runs, and the modes over-represented with a nudge', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/failure-modes');
    await page.getByTestId('modes-empty').waitFor();
    // "No runs yet." once, not in the status line too.
    expect(await page.getByTestId('modes-status').textContent()).not.toContain('No runs yet');
    const runs = dataset();
    await importRunsJsonl(page, runs);
    await page.getByRole('link', { name: 'Failure modes' }).click();
    const ref = reference(runs);
    await page.getByTestId('modes-table').waitFor();
    const first = page.getByTestId('mode-row').first();
    expect(await first.getByTestId('mode-signature').textContent()).toBe(ref.modes[0]!.signature);
    expect(await first.getByTestId('mode-runs').textContent()).toBe(String(ref.modes[0]!.runs));
    expect(await page.getByTestId('mode-row').count()).toBe(ref.modes.length);
    // Global state goes with the ReferenceError far more often than the average run.
    const globalState = page.locator('[data-testid="nudge-modes"][data-nudge="use global state"]');
    expect(await globalState.textContent()).toContain('ReferenceError: state is not defined at line <num>');
    await ctx.close();
  });

  it('a nudge token’s card and a governed refit both give the adjusted effect, with raw beside it in the card', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const runs = dataset();
    const ref = reference(runs);
    await importRunsJsonl(page, runs);
    const adjusted = ref.estimates.find((e) => e.nudge === 'add type hints')!;
    const raw = ref.raw.find((e) => e.nudge === 'add type hints')!;

    await createSpecWithText(page, 'Priors in a spec', '# Priors in a spec\n\nDo: add type hints [Nudge: "Add type hints" -> +25%]\n');
    await rendered(page).locator('[data-testid="token"][data-kind="nudge"]').hover();
    const card = page.getByTestId('token-card');
    const headline = await until(() => card.getByTestId('card-adjusted').textContent().catch(() => ''), (t) => /^Adjusted: [+−]/.test(t ?? ''), 15000, 'the adjusted effect in the card');
    expect(Math.abs(points(headline!.split('(')[0]!) - adjusted.ame)).toBeLessThanOrEqual(0.051);
    expect(headline).toContain(adjusted.classification);
    const rawText = (await card.getByTestId('card-raw').textContent())!;
    expect(Math.abs(points(rawText.split('·')[0]!) - 100 * raw.effect)).toBeLessThanOrEqual(0.051);
    expect(rawText).toContain(`P(beneficial) ${Math.round(100 * raw.pBeneficial)}%`);
    // The written +25% is not what the evidence says: one click writes the estimate into the text.
    const rounded = Math.round(adjusted.ame);
    expect(rounded).not.toBe(25);
    await card.getByTestId('update-nudge').click();
    await until(() => editorText(page), (t) => t.includes(`[Nudge: "Add type hints" -> ${rounded >= 0 ? '+' : ''}${rounded}%]`), 5000, 'the token rewritten');

    // Refitting through governance publishes the adjusted effects (what learner jitter measures).
    await openApp(page, '/governance');
    await page.getByTestId('propose-refit').click();
    await page.getByTestId('automation-result').filter({ hasText: 'Applied' }).waitFor({ timeout: 20_000 });
    const payload = await page.evaluate(
      () =>
        new Promise<{ runs: number; estimator: string; effects: Record<string, number> }>((resolve, reject) => {
          const open = indexedDB.open('metacompiler');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('log').objectStore('log').index('kind').getAll('refit_recorded');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => resolve(req.result.at(-1).payload);
          };
        }),
    );
    expect(payload.estimator).toBe('adjusted_ame_pp');
    expect(payload.runs).toBe(160);
    expect(Object.keys(payload.effects).sort()).toEqual(ref.estimates.map((e) => e.nudge).sort());
    for (const e of ref.estimates) expect(Math.abs(payload.effects[e.nudge]! - e.ame), e.nudge).toBeLessThanOrEqual(0.051);
    await ctx.close();
  });
});
