import { readFileSync } from 'node:fs';

/** The XSS corpus of test/fixtures/xss.txt: one payload per line; each sets window.__xss if it runs. */
export const XSS: string[] = readFileSync(new URL('../../../fixtures/xss.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
