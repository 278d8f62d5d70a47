import type { Page } from 'playwright-core';
import { openApp, until } from './app';

/** Every page of the app a person can reach from the nav, by address. */
export const PAGES = [
  '/specs',
  '/evidence',
  '/priors',
  '/failure-modes',
  '/compile',
  '/bets',
  '/calibration',
  '/scars',
  '/governance',
  '/log',
  '/settings',
  '/time.trace.metacompiler.generations',
] as const;

export const WIDTHS = [1366, 390] as const;

/** Waits until the start-up log check has answered, so a restore or a read sees a settled app. */
export async function waitForProof(page: Page): Promise<void> {
  await page.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 60_000 });
}

/** Restores a backup file through Settings, as a person would. */
export async function restoreBundle(page: Page, file: string): Promise<void> {
  await openApp(page, '/settings');
  await waitForProof(page);
  await page.getByTestId('restore-file').setInputFiles(file);
  await page.locator('[data-testid="restore-summary"][data-verified="yes"]').waitFor({ timeout: 60_000 });
}

/** Sets the theme the way the toggle stores it, before the app reads it. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('metacompiler.theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
}

/** Opens a page by address and waits until its lazy route has rendered its heading. */
export async function openPage(page: Page, path: string): Promise<void> {
  await openApp(page, path);
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
  // Live queries answer after the first paint: wait until nothing says it is still reading.
  await until(
    () => page.locator('main').innerText(),
    (t) => !/\b(Reading|Loading)\b[^.]*…/.test(t),
    30_000,
    `${path} to finish loading`,
  );
}
