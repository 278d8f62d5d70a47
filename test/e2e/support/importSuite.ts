import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium';

/** The real-format evidence files the import journeys choose. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/evidence/', import.meta.url));

/**
 * For an import journey file: registers the hooks that launch one browser and make one
 * temporary folder (for files the journeys write before choosing them), and remove both at
 * the end. Read `browser` and `tmp` inside the tests.
 */
export function importSuite(prefix: string): { readonly browser: Browser; readonly tmp: string } {
  let browser: Browser | undefined;
  let tmp: string | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
  const opened = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`importSuite: the ${what} is made in beforeAll; read it inside a test`);
    return value;
  };
  return {
    get browser() {
      return opened(browser, 'browser');
    },
    get tmp() {
      return opened(tmp, 'temporary folder');
    },
  };
}
