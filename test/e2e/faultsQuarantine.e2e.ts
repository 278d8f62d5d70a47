import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';
import { SHOTS, shoot, typeInNewSpec } from './support/faults';

/**
 * A stored Yjs update of a spec is damaged in IndexedDB (as a disk error or a bug would):
 * the spec still opens with every other edit, the damaged one is set aside and the person is
 * told, on every page and in Settings; never an endless "loading".
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Overwrites one stored update of the spec (the newest, or the oldest) with bytes Yjs cannot read. */
function corrupt(page: Page, specId: string, which: 'newest' | 'oldest'): Promise<number> {
  return page.evaluate(
    ({ name, which }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          const store = tx.objectStore('updates');
          const keys = store.getAllKeys();
          let key = -1;
          keys.onsuccess = () => {
            const all = keys.result as number[];
            key = which === 'newest' ? Math.max(...all) : Math.min(...all);
            store.put(new Uint8Array(32).fill(0xff), key);
          };
          tx.oncomplete = () => (open.result.close(), resolve(key));
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: `metacompiler-spec:${specId}`, which },
  );
}

const specIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

describe('a corrupt stored edit', () => {
  it('opens the spec with every other edit, quarantines the broken one and says so', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await typeInNewSpec(page, 'Damaged on disk', '\nkept line');
    await page.keyboard.type('Z');
    await until(() => editorText(page), (t) => t.includes('kept lineZ'), 30_000, 'the last edit');
    await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor({ timeout: 30_000 });
    const id = specIdOf(page);
    // Close the page first: an open tab keeps the whole document in memory and would heal it.
    await page.close();
    const other = await ctx.newPage();
    await openApp(other, '/settings');
    await corrupt(other, id, 'newest');

    await other.goto(other.url().replace('/settings', `/specs/${id}`));
    const text = await until(() => editorText(other), (t) => t.includes('kept line'), 30_000, 'the spec to open');
    expect(text).not.toContain('kept lineZ');
    expect(text).toContain('# Damaged on disk');
    const notice = other.getByTestId('quarantine-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('A stored edit of the spec “Damaged on disk” could not be read');
    await shoot(other, 'quarantine-notice');

    // The spec still takes edits and stores them.
    await other.locator('[data-testid="spec-editor"]').click();
    await other.keyboard.press('Control+End');
    await other.keyboard.type(' after');
    await other.locator('[data-testid="save-state"][data-saved="yes"]').waitFor({ timeout: 30_000 });

    await notice.getByRole('link', { name: 'Details' }).click();
    await other.getByTestId('quarantine-row').first().waitFor({ timeout: 30_000 });
    expect(await other.getByTestId('quarantine-row').count()).toBe(1);
    expect(await other.getByTestId('quarantine-row').textContent()).toContain('Integer out of Range');
    await shoot(other, 'settings-quarantine');
    await other.getByTestId('quarantine-dismiss').click();
    await notice.waitFor({ state: 'detached' });
    expect(await other.getByTestId('quarantine-row').count()).toBe(1);
    await ctx.close();
  });

  it('never leaves the editor loading, even when the edit everything else builds on is broken', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await typeInNewSpec(page, 'Broken at the root', '\nbuilt on the starter');
    const id = specIdOf(page);
    await page.close();
    const other = await ctx.newPage();
    await openApp(other, '/settings');
    // The oldest update holds the document's first state; later edits depend on it.
    await corrupt(other, id, 'oldest');
    await other.goto(other.url().replace('/settings', `/specs/${id}`));
    await other.getByTestId('quarantine-notice').waitFor({ timeout: 30_000 });
    await other.locator('[data-testid="spec-editor"]').waitFor({ timeout: 30_000 });
    await other.locator('[data-testid="spec-editor"]').click();
    await other.keyboard.type('still editable');
    await until(() => editorText(other), (t) => t.includes('still editable'), 30_000, 'an edit after the broken root');
    await other.locator('[data-testid="save-state"][data-saved="yes"]').waitFor({ timeout: 30_000 });
    await ctx.close();
  });
});
