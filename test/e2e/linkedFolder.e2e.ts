import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { axeViolations, describeFindings } from './support/axe';
import { editorText, openApp, until } from './support/app';
import { appendText, createSpecWithText, rendered } from './specsHelpers';

/**
 * The linked folder, driven through the app's own "private browser folder" link: a folder of
 * the origin private file system, the same FileSystemDirectoryHandle API and code path as a
 * folder picked on disk (a picker cannot be driven headless). "Another editor" is a second
 * handle to the same folder, opened in the page by the test, writing as VS Code or git would.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FOLDER = 'Linked folder';

/** Reads a file of the linked folder through a handle of the test's own. */
function readFile(page: Page, name: string): Promise<string | null> {
  return page.evaluate(
    async ([folder, file]) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder!);
      try {
        return await (await (await dir.getFileHandle(file!)).getFile()).text();
      } catch {
        return null;
      }
    },
    [FOLDER, name],
  );
}

/** Writes a file as another program would: its own handle, its own writable. */
function writeFile(page: Page, name: string, content: string | number[]): Promise<void> {
  return page.evaluate(
    async ([folder, file, data]) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder as string, { create: true });
      const w = await (await dir.getFileHandle(file as string, { create: true })).createWritable();
      await w.write(typeof data === 'string' ? data : new Uint8Array(data as number[]));
      await w.close();
    },
    [FOLDER, name, content] as const,
  );
}

function removeFile(page: Page, name: string): Promise<void> {
  return page.evaluate(
    async ([folder, file]) => (await (await navigator.storage.getDirectory()).getDirectoryHandle(folder!)).removeEntry(file!),
    [FOLDER, name],
  );
}

async function linkPrivateFolder(page: Page): Promise<void> {
  await openApp(page, '/settings');
  await page.getByTestId('private-folder').locator('summary').click();
  await page.getByTestId('link-private-folder').click();
  await page.getByTestId('link-summary').filter({ hasText: 'Linked to “Linked folder”' }).waitFor();
}

const fileRow = (page: Page, name: string) => page.locator(`[data-testid="linked-file"][data-file="${name}"]`);
const statusOf = (page: Page, name: string) => fileRow(page, name).getByTestId('link-status').getAttribute('data-status');

async function openLinkedSpec(page: Page, title: string): Promise<void> {
  await openApp(page, '/specs');
  await page.getByTestId('spec-item').filter({ hasText: title }).getByRole('link').click();
  await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
}

describe('a linked folder, both ways', () => {
  it('links: specs become files, files become specs; an edit in the app reaches the file', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Alpha', '# Alpha\n\n- [ ] first task\n');
    await openApp(page, '/specs');
    await writeFile(page, 'From the editor.md', '# From the editor\n\n- [ ] written outside\n');
    await linkPrivateFolder(page);
    await until(() => statusOf(page, 'Alpha.md'), (s) => s === 'synced', 10_000, 'Alpha.md in sync');
    expect(await readFile(page, 'Alpha.md')).toBe('# Alpha\n\n- [ ] first task\n');
    await until(() => statusOf(page, 'From the editor.md'), (s) => s === 'synced', 10_000, 'the outside file linked');
    await expect(page.getByTestId('link-summary').textContent()).resolves.toContain('2 files: 2 in sync');

    await openLinkedSpec(page, 'Alpha');
    await expect(page.locator('.spec-heading').getByTestId('link-status').textContent()).resolves.toContain('Alpha.md · In sync');
    await appendText(page, '- [ ] typed in the app\n');
    const typed = Date.now();
    await until(() => readFile(page, 'Alpha.md'), (t) => t === '# Alpha\n\n- [ ] first task\n- [ ] typed in the app\n', 5000, 'the app edit in the file');
    console.log(`app -> file: the file held the edit ${Date.now() - typed} ms after the last keystroke`);

    await openLinkedSpec(page, 'From the editor');
    await until(() => editorText(page), (t) => t.includes('written outside'), 5000, 'the outside file as a spec');
    await ctx.close();
  });

  it('an outside write shows in the editor and the rendered view within 3 s, through the observer and by polling', async () => {
    for (const observer of [true, false]) {
      const ctx = await browser.newContext();
      // Without FileSystemObserver the app falls back to looking at the files every 2 s.
      if (!observer) await ctx.addInitScript(() => delete (window as { FileSystemObserver?: unknown }).FileSystemObserver);
      const page = await ctx.newPage();
      await createSpecWithText(page, 'Outside', '# Outside\n\n- [ ] one\n');
      await linkPrivateFolder(page);
      await until(() => statusOf(page, 'Outside.md'), (s) => s === 'synced', 10_000, 'in sync');
      await page.getByTestId('link-how').filter({ hasText: observer ? 'as they happen' : 'within 2 s' }).waitFor();
      await openLinkedSpec(page, 'Outside');
      await writeFile(page, 'Outside.md', '# Outside\n\n- [x] one\n- [ ] two from VS Code\n');
      const wrote = Date.now();
      await until(() => editorText(page), (t) => t === '# Outside\n\n- [x] one\n- [ ] two from VS Code\n', 3000, 'the editor to show the file');
      await rendered(page).getByTestId('task-item').filter({ hasText: 'two from VS Code' }).waitFor({ timeout: 3000 });
      console.log(`file -> app (${observer ? 'observer' : 'polling'}): shown ${Date.now() - wrote} ms after the write`);
      await until(() => page.locator('.spec-heading').getByTestId('link-status').getAttribute('data-status'), (s) => s === 'merged', 3000, 'the merged status');
      await ctx.close();
    }
  });

  it('both at once: the app and the file changed, nothing is lost, and it survives a reload', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Both', '# Both\n\n- [ ] parse\n- [ ] emit\n');
    await linkPrivateFolder(page);
    await until(() => statusOf(page, 'Both.md'), (s) => s === 'synced', 10_000, 'in sync');
    await openLinkedSpec(page, 'Both');
    // Written there, and typed here at once, while the app may still be merging the file.
    // (A write made after the app wrote its line, from an older copy, would be an editor
    // deleting that line, which no one can tell from a real deletion.)
    await writeFile(page, 'Both.md', '# Both\n\n- [x] parse\n- [ ] emit\n');
    await appendText(page, '- [ ] typed in the app\n');
    const merged = '# Both\n\n- [x] parse\n- [ ] emit\n- [ ] typed in the app\n';
    await until(() => editorText(page), (t) => t === merged, 5000, 'both changes in the editor');
    await until(() => readFile(page, 'Both.md'), (t) => t === merged, 5000, 'both changes in the file');

    await page.reload();
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    await writeFile(page, 'Both.md', merged + '- [ ] after the reload\n');
    await until(() => editorText(page), (t) => t.endsWith('after the reload\n'), 5000, 'the link to work after a reload');
    await ctx.close();
  });

  it('after a restart, asks for access again with one click, then syncs what changed meanwhile', async () => {
    const ctx = await browser.newContext();
    // Stands in for Chromium's permission prompt, which a headless browser never shows: the
    // folder answers "prompt" until the person allows it (requestPermission, from a click).
    await ctx.addInitScript(() => {
      const proto = FileSystemHandle.prototype as unknown as Record<string, unknown>;
      proto.queryPermission = async () => localStorage.getItem('e2e-permission') ?? 'granted';
      proto.requestPermission = async () => {
        localStorage.setItem('e2e-permission', 'granted');
        return 'granted';
      };
    });
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Later', '# Later\n');
    await linkPrivateFolder(page);
    await until(() => statusOf(page, 'Later.md'), (s) => s === 'synced', 10_000, 'in sync');
    await page.evaluate(() => localStorage.setItem('e2e-permission', 'prompt'));
    await page.reload();
    await page.getByTestId('link-needs-permission').waitFor();
    await writeFile(page, 'Later.md', '# Later\n\nedited while the app could not see the folder\n');
    await page.getByTestId('allow-folder-access').click();
    await page.getByTestId('link-needs-permission').waitFor({ state: 'detached' });
    await until(() => statusOf(page, 'Later.md'), (s) => s === 'merged', 5000, 'the change merged once allowed');
    await openLinkedSpec(page, 'Later');
    expect(await editorText(page)).toBe('# Later\n\nedited while the app could not see the folder\n');
    await ctx.close();
  });

  it('names a file that is not UTF-8 and keeps the spec; asks before deleting a spec whose file was deleted', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Keep', '# Keep\n');
    await createSpecWithText(page, 'Gone', '# Gone\n');
    await linkPrivateFolder(page);
    await until(() => statusOf(page, 'Gone.md'), (s) => s === 'synced', 10_000, 'in sync');
    const latin1 = [0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]; // "# Café\n" in Latin-1
    await writeFile(page, 'Keep.md', latin1);
    await writeFile(page, 'Latin.md', latin1);
    await until(() => statusOf(page, 'Keep.md'), (s) => s === 'error', 5000, 'the error status');
    await expect(fileRow(page, 'Keep.md').textContent()).resolves.toContain('Keep.md: is not UTF-8 text, so it was not read; save it as UTF-8. The spec keeps its text.');
    await page.getByTestId('link-problems').filter({ hasText: 'Latin.md: is not UTF-8 text' }).waitFor();

    await removeFile(page, 'Gone.md');
    await until(() => statusOf(page, 'Gone.md'), (s) => s === 'deleted-outside', 5000, 'the deleted status');
    // Every status, a problem list and the two questions on screen: readable, named, in contrast.
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      expect(describeFindings(`Settings (${theme})`, await axeViolations(page))).toEqual([]);
    }
    await fileRow(page, 'Gone.md').getByTestId('write-file-again').click();
    await until(() => statusOf(page, 'Gone.md'), (s) => s === 'synced', 5000, 'the file written again');
    expect(await readFile(page, 'Gone.md')).toBe('# Gone\n');
    await removeFile(page, 'Gone.md');
    await until(() => statusOf(page, 'Gone.md'), (s) => s === 'deleted-outside', 5000, 'deleted again');
    await fileRow(page, 'Gone.md').getByTestId('delete-spec-too').click();
    await fileRow(page, 'Gone.md').waitFor({ state: 'detached' });

    await openLinkedSpec(page, 'Keep');
    expect(await editorText(page)).toBe('# Keep\n');
    await page.locator('.spec-heading [data-status="error"]').waitFor();
    expect(describeFindings('Specs with statuses', await axeViolations(page))).toEqual([]);
    await expect(page.getByTestId('spec-item').filter({ hasText: 'Gone' }).count()).resolves.toBe(0);
    await ctx.close();
  });

  it('without the File System Access API, says linking needs a Chromium-based browser and offers the export', async () => {
    const ctx = await browser.newContext();
    // As in Firefox or Safari: no folder picker anywhere on the window.
    await ctx.addInitScript(() => {
      delete (Window.prototype as { showDirectoryPicker?: unknown }).showDirectoryPicker;
      delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker;
    });
    const page = await ctx.newPage();
    await createSpecWithText(page, 'Exported', '# Exported\n');
    await expect(page.getByTestId('folder-line').textContent()).resolves.toContain('Linking a folder needs a Chromium-based browser');
    await openApp(page, '/settings');
    await page.getByTestId('link-unsupported').filter({ hasText: 'needs a Chromium-based browser' }).waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('link-unsupported-export').click()]);
    expect(dl.suggestedFilename()).toMatch(/^metacompiler-specs-.*\.zip$/);
    await ctx.close();
  });
});
