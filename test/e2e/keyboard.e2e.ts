import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';
import { setTheme, waitForProof } from './support/pages';

/**
 * The main actions from the keyboard alone, asserting where focus lands after each: the skip
 * link, placing and resolving bets, the command bar (a refused command, Escape, a command that
 * opens a page), the import dialog; and that focus is visible (the ring's contrast against the
 * page, tag inputs included) in the light theme, where it was 2.0:1.
 */
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await ctx.newPage();
  await openApp(page, '/specs');
  await waitForProof(page);
});
afterAll(async () => {
  await browser?.close();
});

/** What has focus: its id, test id, tag and text, enough to say where it landed. */
function focused(p: Page) {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? '',
      testid: el?.getAttribute('data-testid') ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 60),
      inMain: !!el?.closest('main'),
      betId: el?.closest('[data-bet-id]')?.getAttribute('data-bet-id') ?? '',
    };
  });
}

function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
const rgbOf = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);

/** The focused element's (or `selector`'s) outline: style, width and its contrast with the page background. */
async function ring(p: Page, selector?: string) {
  const r = await p.evaluate((sel) => {
    const el = (sel ? document.querySelector(sel) : document.activeElement) as HTMLElement;
    const cs = getComputedStyle(el);
    return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor, page: getComputedStyle(document.body).backgroundColor };
  }, selector);
  return { ...r, contrast: contrast(rgbOf(r.color), rgbOf(r.page)) };
}

describe('keyboard journeys', () => {
  it('the skip link moves focus into main, and the focus ring is visible at 3:1 in the light theme', async () => {
    await setTheme(page, 'light');
    await openApp(page, '/evidence');
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to content');
    const skipRing = await ring(page);
    expect(skipRing.style).not.toBe('none');
    expect(skipRing.contrast).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'main', tag: 'main' });
    await page.keyboard.press('Tab');
    expect((await focused(page)).inMain).toBe(true);
    // A tag input (nudges) shows focus on its box, at the same contrast.
    await page.locator('#run-nudges').focus();
    const tagRing = await ring(page, '.tag-input:focus-within');
    expect(tagRing.style).not.toBe('none');
    expect(tagRing.width).toBeGreaterThanOrEqual(2);
    expect(tagRing.contrast).toBeGreaterThanOrEqual(3);
  });

  it('placing a bet returns focus to Task; resolving moves it to the next open bet, then to the Open bets heading', async () => {
    await openApp(page, '/bets');
    for (const task of ['Keyboard bet one', 'Keyboard bet two']) {
      // The context is shown on the bet once placed (it was entered and shown nowhere).
      await page.locator('#bet-context').focus();
      await page.keyboard.type(`context of ${task}`);
      await page.keyboard.press('Enter');
      await page.locator('#bet-task').focus();
      await page.keyboard.type(task);
      await page.keyboard.press('Tab');
      await page.keyboard.type('2h');
      await page.keyboard.press('Tab');
      await page.keyboard.type('70%');
      await page.keyboard.press('Enter');
      await page.getByTestId('open-bet').filter({ hasText: task }).waitFor();
      expect(await focused(page)).toMatchObject({ id: 'bet-task' });
      expect(await page.getByTestId('open-bet').filter({ hasText: task }).getByTestId('bet-context').textContent()).toBe(`Context: context of ${task}`);
    }
    const first = page.getByTestId('open-bet').filter({ hasText: 'Keyboard bet one' });
    const firstId = await first.getAttribute('data-bet-id');
    await first.getByTestId('resolve-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('resolve-dialog').waitFor();
    await page.getByTestId('resolve-hours').fill('2');
    await page.keyboard.press('Enter');
    await page.getByTestId('resolve-dialog').waitFor({ state: 'detached' });
    const next = await until(() => focused(page), (f) => f.testid === 'resolve-open', 5000, 'focus on the next Resolve button');
    expect(next.betId).not.toBe(firstId);
    await page.keyboard.press('Enter');
    await page.getByTestId('resolve-hours').fill('3');
    await page.keyboard.press('Enter');
    await page.getByTestId('resolve-dialog').waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ id: 'open-bets-heading' });
  });

  it('the command bar keeps focus after a refused command, closes on Escape back to its opener, and lands on main after opening a page', async () => {
    await openApp(page, '/bets');
    await page.locator('#bet-task').focus();
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('command-input');
    await input.waitFor();
    await page.keyboard.type('work bet "y" --hours 2 --confidence 0.6 --stake 1000');
    await page.keyboard.press('Enter');
    await page.getByTestId('command-error').waitFor();
    expect(await focused(page)).toMatchObject({ testid: 'command-input' });
    await page.keyboard.press('Escape');
    await page.getByTestId('command-bar').waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ id: 'bet-task' });

    // 1.5 is neither a probability nor a likely percentage: refused, saying what to write.
    await page.keyboard.press('Control+k');
    await input.waitFor();
    await input.fill('');
    await page.keyboard.type('work bet "z" --hours 2 --confidence 1.5');
    await until(() => page.getByTestId('command-error').textContent().catch(() => ''), (t) => /write 1\.5% if you mean/.test(t ?? ''), 5000, 'the 1.5 refusal');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('open-bet').filter({ hasText: /^z/ }).count()).toBe(0);
    expect(await focused(page)).toMatchObject({ testid: 'command-input' });

    await input.fill('time.trace.metacompiler.calibration');
    await page.keyboard.press('Enter');
    await page.getByTestId('command-bar').waitFor({ state: 'detached' });
    await page.locator('main h1', { hasText: 'Calibration' }).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'main' });
  });

  it('closing the import dialog returns focus to the button that opened it', async () => {
    await openApp(page, '/evidence');
    await page.getByTestId('open-import').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('import-file-input').waitFor({ state: 'attached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('import-file-input').waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ testid: 'open-import' });
  });
});

describe('the offline-ready notice', () => {
  it('floats over the page instead of pushing it down', async () => {
    // A new profile: the service worker installs and says so once.
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const p = await fresh.newPage();
    await openApp(p, '/specs');
    await p.getByTestId('hud').waitFor({ timeout: 30_000 });
    await p.getByTestId('offline-ready').waitFor({ timeout: 30_000 });
    // While it shows, the page starts right under the HUD, as it does without it.
    const gap = await p.evaluate(() => document.querySelector('main')!.getBoundingClientRect().top - document.querySelector('[data-testid="hud"]')!.getBoundingClientRect().bottom);
    expect(gap).toBeLessThanOrEqual(1);
    await fresh.close();
  });
});
