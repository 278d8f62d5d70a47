import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { gotoShell } from './shell';

export const baseURL = () => inject('baseURL');

/** Opens a page of the app and waits until the shell has rendered. */
export async function openApp(page: Page, path = '/specs'): Promise<void> {
  await gotoShell(page, baseURL() + path);
}

/** Waits until a condition holds in the page (never a fixed sleep). */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

/** Text of the spec's plain editor as the person sees it (CodeMirror renders one div per line). */
export async function editorText(page: Page): Promise<string> {
  return page.locator('[data-testid="spec-editor"]').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    // Remote cursors are widgets inside the lines, not text.
    copy.querySelectorAll('.cm-ySelectionCaret, .cm-ySelectionInfo, .cm-widgetBuffer').forEach((w) => w.remove());
    return Array.from(copy.querySelectorAll('.cm-line'))
      .map((l) => l.textContent ?? '')
      .join('\n');
  });
}
