import type { ConsoleMessage, Page, Request } from 'playwright-core';

/** What the page showed when the app's shell did not come: the next person reading CI knows why. */
async function describePage(page: Page): Promise<string> {
  try {
    return await page.evaluate(() => {
      const root = document.getElementById('root');
      const scripts = [...document.scripts].map((s) => s.src.replace(location.origin, '')).join(', ');
      const sw = navigator.serviceWorker?.controller ? `controlled by ${navigator.serviceWorker.controller.scriptURL}` : 'no service worker in control';
      return `address ${location.href}; readyState ${document.readyState}; #root ${root ? `${root.childElementCount} children` : 'missing'}; scripts [${scripts}]; ${sw}; text: ${JSON.stringify(document.body?.innerText.slice(0, 300) ?? '')}`;
    });
  } catch (e) {
    return `the page could not be read (${e instanceof Error ? e.message : String(e)})`;
  }
}

/**
 * Opens `url` and waits until the app's shell (its brand link) is visible. When it is not, the
 * error carries what the page showed, its console errors and failed requests; with `reloadOnce`
 * the page is reloaded one time first and the miss is printed, so an intermittent boot failure
 * is on record rather than silent (CI once timed out here with nothing to go on).
 */
export async function gotoShell(page: Page, url: string, opts: { timeoutMs?: number; reloadOnce?: boolean } = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const seen: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error') seen.push(`console error: ${m.text()}`);
  };
  const onFailed = (r: Request) => seen.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? 'unknown'})`);
  const onError = (e: Error) => seen.push(`page error: ${e.message}`);
  page.on('console', onConsole);
  page.on('requestfailed', onFailed);
  page.on('pageerror', onError);
  const shell = page.locator('.brand');
  try {
    await page.goto(url);
    const firstWait = opts.reloadOnce ? timeoutMs / 2 : timeoutMs;
    if (await shell.waitFor({ timeout: firstWait }).then(() => true, () => false)) return;
    const first = `${await describePage(page)}; ${seen.join(' | ') || 'no console errors or failed requests'}`;
    if (!opts.reloadOnce) throw new Error(`the app's shell did not appear within ${firstWait} ms: ${first}`);
    console.warn(`[boot] the app's shell did not appear within ${firstWait} ms, reloading once: ${first}`);
    seen.length = 0;
    await page.reload();
    if (await shell.waitFor({ timeout: timeoutMs / 2 }).then(() => true, () => false)) return;
    throw new Error(`the app's shell did not appear after a reload either: ${await describePage(page)}; ${seen.join(' | ') || 'no console errors or failed requests'}`);
  } finally {
    page.off('console', onConsole);
    page.off('requestfailed', onFailed);
    page.off('pageerror', onError);
  }
}
