import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { baseURL, editorText, openApp, until } from './support/app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('PWA: installable, works offline', () => {
  it('serves a manifest with icons', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await (await ctx.request.get(new URL(href!, baseURL()).toString())).json();
    expect(manifest.name).toBe('Metacompiler');
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    for (const icon of manifest.icons) {
      const res = await ctx.request.get(new URL(icon.src, baseURL()).toString());
      expect(res.status(), icon.src).toBe(200);
    }
    await ctx.close();
  });

  it('loads the app and its data offline after a reload', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await page.getByTestId('new-spec-title').fill('Offline notes');
    await page.getByTestId('create-spec').click();
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    await page.locator('[data-testid="spec-editor"]').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nwritten online');
    await until(() => editorText(page), (t) => t.includes('written online'), 3000, 'typed text');
    await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor();
    // The service worker must be active (precache done) before the network goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const url = page.url();

    await ctx.setOffline(true);
    await page.reload();
    await page.locator('.brand').waitFor();
    expect(await page.getByTestId('connectivity').textContent()).toContain('Offline');
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    const text = await until(() => editorText(page), (t) => t.includes('written online'), 5000, 'offline text');
    expect(text).toContain('# Offline notes');
    expect(page.url()).toBe(url);

    // The command bar's grammar is a chunk of its own, loaded on first opening: precached too.
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-input').fill('work bet "x" --hours 4 --confidence 175');
    await page.getByTestId('command-error').filter({ hasText: '--confidence' }).waitFor();
    await page.keyboard.press('Escape');

    // Other pages load offline too (lazy chunks come from the precache).
    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByTestId('record-run-form').waitFor();
    await ctx.setOffline(false);
    await until(() => page.getByTestId('connectivity').textContent(), (t) => t?.includes('Online') ?? false, 5000, 'online again');
    await ctx.close();
  });
});
