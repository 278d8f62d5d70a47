import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { baseURL, openApp, until } from './support/app';

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
});
