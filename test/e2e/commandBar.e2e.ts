import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { baseURL, editorText, openApp, until } from './support/app';
import { clearPriorsRuns, importRunsJsonl } from './support/evidence';
import { createSpecWithText } from './specsHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function run(page: Page, line: string): Promise<void> {
  if (!(await page.getByTestId('command-bar').isVisible())) await page.keyboard.press('Control+k');
  const input = page.getByTestId('command-input');
  await input.fill(line);
  await input.press('Enter');
}

const lastNotice = async (page: Page) => (await page.getByTestId('notice').last().textContent()) ?? '';
/** The last notice's message, without its dismiss button. */
const lastMessage = async (page: Page) => (await page.getByTestId('notice').last().locator('span').first().textContent()) ?? '';
const commandError = async (page: Page) => {
  await page.getByTestId('command-error').waitFor();
  return (await page.getByTestId('command-error').textContent()) ?? '';
};


describe('command bar (Ctrl+K)', () => {
  it('places, reports and resolves a bet, and underlines bad input without writing', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');

    // Bad confidence: the offending value is underlined, the bar stays open, nothing is placed.
    await run(page, 'work bet "Implement FailureCorpus" --hours 4 --confidence 175');
    await page.getByTestId('command-error').waitFor();
    expect(await page.getByTestId('command-error').textContent()).toContain('--confidence');
    expect(await page.locator('.cmd-echo mark').textContent()).toBe('175');
    await run(page, 'work status');
    await until(() => lastNotice(page), (t) => t.includes('0 open bets'), 5000, 'status with no bets');

    await run(page, 'work bet "Implement FailureCorpus" --hours 4 --confidence 75% --principle "depth over breadth"');
    await until(() => lastNotice(page), (t) => t.includes('Placed [Bet: 4h @ 75%]'), 5000, 'bet placed');
    expect(await lastNotice(page)).toContain('a hit wins 3.33, a miss costs 10');
    expect(new URL(page.url()).pathname).toBe('/self.work.bets');

    await run(page, 'work status');
    await until(() => lastNotice(page), (t) => t.includes('1 open bet'), 5000, 'status with one bet');
    expect(await lastNotice(page)).toContain('Credibility 1, 100 focus tokens (90 free), 1 open bet.');

    await run(page, 'work resolve --actual 3.5');
    await until(() => lastNotice(page), (t) => t.includes('Resolved “Implement FailureCorpus”: 3.5h, hit'), 5000, 'resolved');
    await run(page, 'work resolve --actual 2');
    await page.getByTestId('command-error').waitFor();
    expect(await page.getByTestId('command-error').textContent()).toContain('There is no open bet to resolve.');
    await page.keyboard.press('Escape');

    await run(page, 'work adversary');
    await until(() => lastNotice(page), (t) => t.includes('The adversary is down 3.33 tokens (0 wins, 1 losses)'), 5000, 'adversary');
    await ctx.close();
  });

  it('opens pages by AGENTESE path and completes commands with Tab', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('command-input');
    await input.type('world.pri');
    await page.locator('.cmd-list li').first().waitFor();
    await input.press('Tab');
    expect(await input.inputValue()).toBe('world.priors ');
    await input.press('Enter');
    await until(async () => new URL(page.url()).pathname, (p) => p === '/world.priors', 5000, 'priors route');
    await page.getByTestId('priors-status').waitFor();

    // The seed's paths are the pages' addresses too, typed straight into the address bar.
    for (const [path, heading] of [
      ['/time.trace.metacompiler.calibration', 'Calibration'],
      ['/self.work.principles.health', 'Bets'],
      ['/time.trace.log', 'Log'],
    ] as const) {
      await page.goto(baseURL() + path);
      await page.locator('main h1').filter({ hasText: heading }).first().waitFor();
    }
    await page.goto(baseURL() + '/self.work.nothing.here');
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('unknown AGENTESE path "self.work.nothing.here"');
    await ctx.close();
  });

  it('closes loop 1 from the keyboard: records a run, copies and injects the learned priors', async () => {
    const ctx = await browser.newContext();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL() });
    const page = await ctx.newPage();
    await openApp(page, '/specs');

    // No evidence yet: nothing to copy, said in the bar, which stays open.
    await run(page, 'priors copy');
    expect(await commandError(page)).toContain('There are no learned priors to copy yet: no nudge is clearly beneficial or harmful.');
    await page.keyboard.press('Escape');

    // Both outcomes at once: the second one is underlined and nothing is recorded.
    await run(page, 'run record "Lexer" --passed --failed');
    expect(await commandError(page)).toContain('give --passed or --failed, not both');
    expect(await page.locator('.cmd-echo mark').textContent()).toBe('--failed');
    await page.keyboard.press('Escape');

    await run(page, `run record "Lexer" --failed --nudge "add type hints" --error "KeyError: 'x'"`);
    await until(() => lastMessage(page), (t) => t.includes('Recorded a failing run'), 10_000, 'the run recorded');
    expect(await lastMessage(page)).toBe('Recorded a failing run of “Lexer” (outside work: no spec has that title), with 1 nudge and 1 error.');
    await until(async () => new URL(page.url()).pathname, (p) => p === '/world.evidence', 5000, 'the Evidence page');
    const row = page.getByTestId('runs-table').locator('tbody tr').first();
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['Lexer', 'fail', 'add type hints', "KeyError: 'x'", 'manual']);
    expect(await page.getByTestId('run-count').textContent()).toBe('(1)');

    // With no spec open, inject says to open one.
    await run(page, 'priors inject');
    expect(await commandError(page)).toContain('Open a spec first, or name one: priors inject "Parser".');
    await page.keyboard.press('Escape');

    await importRunsJsonl(page, clearPriorsRuns('cmd'));
    await run(page, 'priors refit');
    await until(() => lastMessage(page), (t) => t.startsWith('Refitted'), 60_000, 'the refit');
    expect(await lastMessage(page)).toMatch(/^Refitted the priors on 121 runs in [\d.]+ m?s: 1 nudge clearly helps, 1 clearly hurts\.$/);
    expect(new URL(page.url()).pathname).toBe('/world.priors');

    // The nudge keeps the label it was first recorded with: "add type hints", from the bar.
    await run(page, 'priors copy');
    await until(() => lastMessage(page), (t) => t.startsWith('Copied'), 15_000, 'the copy');
    expect(await lastMessage(page)).toBe('Copied the learned priors (2 lines) to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^## Learned priors\n\nDo: add type hints \[Nudge: "add type hints" -> \+\d+%\]\n\nAvoid: Use global state \[Nudge: "Use global state" -> -\d+%\]$/);

    // From an open spec, at the default trust level, the injection waits for approval.
    const url = await createSpecWithText(page, 'Parser', '# Parser\n\n- [ ] Write it\n');
    await run(page, 'priors inject');
    await until(() => lastMessage(page), (t) => t.startsWith('Queued') || t.startsWith('Blocked') || t.startsWith('Applied'), 15_000, 'the verdict');
    expect(await lastMessage(page)).toMatch(/^Queued for your approval on the Governance page: .+\.$/);
    expect(page.url()).toBe(url);
    expect(await editorText(page)).toBe('# Parser\n\n- [ ] Write it\n');
    await openApp(page, '/governance');
    const queued = page.locator('[data-testid="queued-action"][data-action="inject_priors"]');
    await queued.waitFor();
    expect(await queued.textContent()).toContain('write the learned priors into "Parser"');
    await ctx.close();
  });
});
