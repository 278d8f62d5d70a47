import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { baseURL, editorText, openApp, until } from './support/app';
import { ACCENTS, LOOKUP, SEPARATORS, startFakeLlm, startRecorder, type LocalServer } from './support/fakeLlm';

const KEY = 'test-key';
let browser: Browser;
let llm: LocalServer & { prompts: string[] };
let outside: LocalServer;
let noCors: LocalServer;

beforeAll(async () => {
  browser = await launchBrowser();
  outside = await startRecorder();
  noCors = await startRecorder();
  llm = await startFakeLlm({ appOrigin: baseURL(), apiKey: KEY, leakTarget: outside.url });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([llm?.close(), outside?.close(), noCors?.close()]);
});

async function fresh(): Promise<{ ctx: BrowserContext; page: Page }> {
  // Tall enough that the editor renders every line of the example spec.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 2000 } });
  const page = await ctx.newPage();
  return { ctx, page };
}

/** The Compile page of a new copy of the shipped example, with its stored options loaded. */
async function openExample(page: Page): Promise<void> {
  await openApp(page, '/compile');
  await page.getByTestId('create-example').click();
  await until(() => page.getByTestId('target-line').textContent(), (t) => t?.includes('slugify()') ?? false, 5000, 'the example target');
  await page.locator('#compile-nudges').locator('..').locator('.tag').nth(3).waitFor();
  await until(() => page.getByTestId('endpoint-url').inputValue(), (v) => v !== '', 5000, 'stored endpoint settings');
}

async function setEndpoint(page: Page, url: string, key: string): Promise<void> {
  await page.getByTestId('endpoint-url').fill(url);
  await page.getByTestId('endpoint-model').fill('fake-coder');
  await page.getByTestId('endpoint-key').fill(key);
}

async function testConnection(page: Page): Promise<string> {
  await page.getByTestId('test-connection').click();
  const shown = page.locator('[data-testid="connection-result"], [data-testid="connection-error"]');
  await shown.waitFor();
  const text = (await shown.textContent()) ?? '';
  await page.getByTestId('endpoint-url').focus(); // the next test's message must be a new one
  return text;
}

const count = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent().then((t) => t?.split('/')[0]));

/** Runs one compilation from the form and returns [passed, verified] when it is done. */
async function compileOnce(page: Page): Promise<[number, number]> {
  const status = page.getByTestId('compile-status');
  const previous = (await status.count()) ? await status.getAttribute('data-compilation') : null;
  await page.getByTestId('start-compile').click();
  // Finished means: this compilation (not the one shown before) reached an end state.
  const state = () => page.evaluate(() => {
    const el = document.querySelector('[data-testid="compile-status"]');
    return el ? `${el.getAttribute('data-compilation')} ${el.getAttribute('data-status')}` : '';
  });
  const end = await until(state, (s) => !s.startsWith(`${previous} `) && / (done|failed|cancelled)$/.test(s), 60_000, 'the compilation to finish');
  expect(end).toMatch(/ done$/);
  return [await count(page, 'progress-passed'), await count(page, 'progress-verified')];
}

async function runCount(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Evidence' }).click();
  await page.locator('[data-testid="run-count"][data-loaded="true"]').waitFor();
  return Number(await until(() => page.getByTestId('run-count').textContent(), (t) => /\d/.test(t ?? ''), 5000, 'run count').then((t) => t?.replace(/\D/g, '')));
}

describe('the compile loop', () => {
  it('explains connection problems: CORS, a refused key, nothing listening', async () => {
    const { ctx, page } = await fresh();
    await openExample(page);
    await setEndpoint(page, `${noCors.url}/v1`, KEY);
    expect(await testConnection(page)).toContain('blocked the reply (CORS)');
    await setEndpoint(page, `${llm.url}/v1`, 'wrong-key');
    expect(await testConnection(page)).toContain('refused the API key (401 Unauthorized): invalid api key');
    await setEndpoint(page, 'http://127.0.0.1:9/v1', KEY);
    expect(await testConnection(page)).toContain('Cannot reach http://127.0.0.1:9/v1/models');
    await setEndpoint(page, `${llm.url}/v1`, KEY);
    expect(await testConnection(page)).toContain('1 model; fake-coder is among them');
    await ctx.close();
  });

  it('gives a clear error for an unreachable endpoint and records nothing', async () => {
    const { ctx, page } = await fresh();
    await openExample(page);
    await setEndpoint(page, 'http://127.0.0.1:9/v1', KEY);
    await page.getByTestId('start-compile').click();
    await page.getByTestId('compile-error').waitFor();
    expect(await page.getByTestId('compile-error').textContent()).toContain('Cannot reach http://127.0.0.1:9/v1/models: nothing answered there');
    expect(await page.getByTestId('results').textContent()).toContain('No compilations of this spec yet');
    expect(await runCount(page)).toBe(0);
    await openApp(page, '/time.trace.metacompiler.generations');
    await page.getByText('No compilations yet').waitFor();
    await ctx.close();
  });

  it('raises the pass rate over successive compilations as the learner finds the helpful nudges', async () => {
    const { ctx, page } = await fresh();
    await openExample(page);
    await setEndpoint(page, `${llm.url}/v1`, KEY);
    expect(await testConnection(page)).toContain('fake-coder is among them');
    await page.getByTestId('option-variations').fill('12');
    await page.getByTestId('option-concurrency').fill('4');
    const rates: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [passed, verified] = await compileOnce(page);
      expect(verified).toBe(12);
      rates.push(passed / verified);
    }
    console.log(`pass rate per compilation: ${rates.map((r) => `${Math.round(r * 100)}%`).join(', ')}`);
    expect(rates[4]).toBeGreaterThan(rates[0]!);
    expect((rates[3]! + rates[4]!) / 2).toBeGreaterThan((rates[0]! + rates[1]!) / 2);
    expect(rates[4]).toBeGreaterThanOrEqual(0.75);
    // The prompts carried the chosen nudges as instructions, and later ones the learned priors.
    const last = llm.prompts[llm.prompts.length - 1]!;
    expect(last).toContain('## Learned priors');
    expect(last).toContain(`Do: ${ACCENTS}`);
    // The harmful nudge is never recommended. Whether its Avoid line is offered yet depends on
    // whether the worker's refutation checks (placebo, halves) over these few compilations have
    // finished and passed before the last prompt, so either is honest here.
    expect(last).not.toContain(`Do: ${LOOKUP}`);
    expect(llm.prompts.some((p) => p.includes(`- ${ACCENTS}`) && p.includes(`- ${SEPARATORS}`))).toBe(true);

    // Results: passing candidates ranked first; any two compared line by line.
    const rows = page.getByTestId('candidate-row');
    expect(await rows.first().getAttribute('data-passed')).toBe('true');
    const failing = page.locator('[data-testid="candidate-row"][data-passed="false"]');
    if ((await failing.count()) > 0) {
      await page.getByTestId('diff-b').selectOption({ index: (await rows.count()) - 1 });
      expect(Number(await page.locator('[data-testid="candidate-diff"] [data-op="added"]').count())).toBeGreaterThan(0);
    }

    // Every variation is a run the learner sees.
    expect(await runCount(page)).toBe(60);
    await page.getByRole('link', { name: 'Priors' }).click();
    await until(() => page.getByTestId('priors-status').textContent(), (t) => t?.includes('From 60 runs') ?? false, 10_000, 'priors from 60 runs');

    // The history shows the learning curve, with a text alternative.
    await openApp(page, '/time.trace.metacompiler.generations');
    await page.getByTestId('generations-chart').waitFor();
    const shown = await page.getByTestId('generation-pass-rate').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-passed')) / 12));
    expect(shown).toEqual(rates);
    expect(await page.getByTestId('generations-caption').textContent()).toContain(`from ${Math.round(rates[0]! * 100)}% in the first to ${Math.round(rates[4]! * 100)}% in the latest`);
    await ctx.close();
  });

  it('accepts a passing candidate into the spec as a governed change, after a checkpoint', async () => {
    const { ctx, page } = await fresh();
    await openExample(page);
    await setEndpoint(page, `${llm.url}/v1`, KEY);
    await page.getByTestId('option-variations').fill('16');
    await page.getByTestId('option-concurrency').fill('4');
    const [passed] = await compileOnce(page);
    expect(passed).toBeGreaterThan(0);
    const best = page.getByTestId('candidate-row').first();
    const code = await page.getByTestId('candidate-code').textContent();
    await best.getByTestId('accept-candidate').click();
    const message = await page.getByTestId('accept-message').textContent();
    // The default constitution's trust level is 2: a spec change (level 3) waits for a person.
    expect(message).toContain('waits for your approval on the Governance page');
    await page.getByRole('link', { name: 'Governance', exact: true }).click();
    const queued = page.getByTestId('queued-action').filter({ hasText: 'write candidate' });
    await queued.getByTestId('approve').click();
    await page.getByTestId('queue-message').filter({ hasText: 'Approved and applied' }).waitFor();
    await page.getByRole('link', { name: 'Specs' }).click();
    await page.getByText('Example: slugify').first().click();
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    const text = await until(() => editorText(page), (t) => t.includes('```ts compiled'), 5000, 'the compiled block in the spec');
    expect(text).toContain(`\`\`\`ts compiled\n${code}\n\`\`\``);
    // The automatic checkpoint taken right before the change, for one-click rollback.
    await page.getByTestId('open-history').click();
    await page.getByTestId('checkpoint').filter({ hasText: 'Before accept compiled candidate' }).waitFor();
    await ctx.close();
  });

  it('stops a looping candidate at the time limit, cancels one in flight, and keeps a fetching one inside the sandbox', async () => {
    const { ctx, page } = await fresh();
    await openApp(page, '/specs');
    const spec = (name: string, signature: string, test: string) => ({
      name: `${name}.md`,
      mimeType: 'text/markdown',
      buffer: Buffer.from(`# ${name}\n\n\`\`\`ts target\n${signature}\n\`\`\`\n\n\`\`\`ts test it answers\n${test}\n\`\`\`\n`),
    });
    await page.getByTestId('import-new-input').setInputFiles([
      spec('Spinner', 'export function spin(): number', 'assert.equal(spin(), 1);'),
      spec('Leaker', 'export function leak(): Promise<string>', "assert.equal(await leak(), 'sent');"),
    ]);
    await page.getByTestId('spec-title').filter({ hasText: 'Leaker' }).waitFor();

    await openApp(page, '/compile');
    await page.getByTestId('compile-spec').selectOption({ label: 'Spinner' });
    await until(() => page.getByTestId('endpoint-url').inputValue(), (v) => v !== '', 5000, 'stored endpoint settings');
    await setEndpoint(page, `${llm.url}/v1`, KEY);
    await page.getByTestId('option-variations').fill('2');
    await page.getByTestId('option-concurrency').fill('2');
    await page.getByTestId('option-timeLimitMs').fill('800');
    const started = Date.now();
    expect(await compileOnce(page)).toEqual([0, 2]);
    expect(Date.now() - started).toBeLessThan(30_000);
    const spinRows = page.getByTestId('candidate-row');
    expect(await spinRows.count()).toBe(2);
    expect(await spinRows.first().textContent()).toContain('timed out');
    expect(await page.getByTestId('candidate-problems').textContent()).toContain('ran past the time limit of 800 ms and its worker was stopped');

    // Cancel: the spinning candidate in flight is stopped and, being unfinished, not recorded.
    await page.getByTestId('option-variations').fill('5');
    await page.getByTestId('option-concurrency').fill('1');
    await page.getByTestId('option-timeLimitMs').fill('20000');
    await page.getByTestId('start-compile').click();
    await until(() => page.getByTestId('progress-generated').textContent().catch(() => ''), (t) => t?.startsWith('1 ') ?? false, 10_000, 'one generated');
    await page.getByTestId('cancel-compile').click();
    await page.locator('[data-testid="compile-status"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('progress-verified').textContent()).toBe('0 / 5');

    const before = llm.requests.length;
    await page.getByTestId('compile-spec').selectOption({ label: 'Leaker' });
    await page.getByTestId('target-line').filter({ hasText: 'leak()' }).waitFor();
    await page.getByTestId('option-variations').fill('1');
    expect(await compileOnce(page)).toEqual([0, 1]);
    expect(await page.getByTestId('candidate-problems').textContent()).toContain('expected "sent", got "nothing left the sandbox"');
    // Nothing reached the outside server, and the endpoint saw only the page's own API calls.
    expect(outside.requests).toEqual([]);
    expect(llm.requests.slice(before).filter((r) => !r.url.startsWith('/v1/'))).toEqual([]);

    expect(await runCount(page)).toBe(3);
    expect(await page.locator('[data-testid="runs-table"] td.fail').count()).toBe(3);
    expect(await page.locator('[data-testid="runs-table"] tbody tr').first().textContent()).toContain('compile');
    expect(await page.locator('[data-testid="runs-table"] td.pass').count()).toBe(0);
    await ctx.close();
  });
});
