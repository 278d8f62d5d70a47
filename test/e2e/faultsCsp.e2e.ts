import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';

/**
 * The Content-Security-Policy of index.html: the app itself runs under it without a single
 * violation on any page, while script injected into the page (inline, as an attribute handler,
 * or from another origin) is refused by the browser.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Violation = { directive: string; blocked: string };

/** Collects every CSP violation event of the page from the first script on. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: { directive: string; blocked: string }[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);

const PAGES = ['/specs', '/evidence', '/priors', '/failure-modes', '/compile', '/bets', '/calibration', '/scars', '/governance', '/log', '/settings'];

describe('Content-Security-Policy', () => {
  it('the app runs every page, its workers and its service worker without a violation', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await watchViolations(page);
    await openApp(page, '/specs');
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    // A spec exercises CodeMirror (injected styles) and y-indexeddb.
    await page.getByTestId('new-spec-title').fill('Under CSP');
    await page.getByTestId('create-spec').click();
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor({ timeout: 30_000 });
    for (const path of PAGES) {
      await page.locator(`nav a[href="${path}"]`).click();
      await page.waitForURL((u) => u.pathname.startsWith(path));
      await page.locator('main h1').first().waitFor({ timeout: 30_000 });
    }
    // The app's workers (learner, ledger) were fetched and started under the policy.
    const workers = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.worker-/.test(n)));
    expect(workers.length).toBeGreaterThan(0);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await violations(page)).toEqual([]);
    await ctx.close();
  });

  it('refuses inline script, inline handlers and remote script in the page', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await watchViolations(page);
    await openApp(page, '/settings');
    const outcome = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = 1';
      document.body.append(inline);
      const remote = document.createElement('script');
      remote.src = 'http://127.0.0.2:9/evil.js';
      document.body.append(remote);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__handlerRan = 1');
      document.body.append(button);
      button.click();
      return { inline: w.__inlineRan, handler: w.__handlerRan };
    });
    expect(outcome).toEqual({ inline: undefined, handler: undefined });
    // eval cannot be tried from here (DevTools evaluation is exempt from CSP); the policy must
    // simply not allow it.
    const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    expect(policy).not.toMatch(/unsafe-eval|'unsafe-inline'[^;]*;.*script-src|script-src[^;]*(unsafe|\*|https?:)/);
    const seen = await until(() => violations(page), (v) => v.length >= 3, 10_000, 'three violation events');
    const directives = seen.map((v) => v.directive).sort();
    expect(directives).toEqual(['script-src-attr', 'script-src-elem', 'script-src-elem']);
    expect(seen.filter((v) => v.blocked === 'inline').length).toBe(2);
    expect(seen.some((v) => v.blocked.includes('127.0.0.2'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__inlineRan)).toBeUndefined();
    await ctx.close();
  });
});
