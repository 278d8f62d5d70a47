import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './chromium';
import { writeLongBundle } from './longBundle';
import { restoreBundle } from './pages';

/**
 * For a test file that looks at every page with the worst data: registers the file's hooks that
 * launch one browser, open a 1366 x 900 page and restore the long-strings backup through
 * Settings into it, and close it all at the end. Read `page` inside the tests.
 */
export function longDataPage(): { readonly page: Page } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'mc-long-'));
    const bundle = join(dir, 'long-backup.json');
    await writeLongBundle(bundle);
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await restoreBundle(page, bundle);
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get page() {
      if (!page) throw new Error('longDataPage: the page opens in beforeAll; read it inside a test');
      return page;
    },
  };
}
