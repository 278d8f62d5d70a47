import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { editorText, openApp, until } from './support/app';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function createSpec(page: Page, title: string): Promise<string> {
  await openApp(page, '/specs');
  await page.getByTestId('new-spec-title').fill(title);
  await page.getByTestId('create-spec').click();
  await page.getByTestId('spec-title').filter({ hasText: title }).waitFor();
  await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
  return page.url();
}

async function typeAtEnd(page: Page, text: string) {
  await page.locator('[data-testid="spec-editor"]').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe('specs: create, edit, persist, tabs', () => {
  it('keeps typed text across a reload', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const url = await createSpec(page, 'Reload survivor');
    expect(await editorText(page)).toContain('# Reload survivor');
    await typeAtEnd(page, '\nWritten before reload.');
    await until(() => editorText(page), (t) => t.includes('Written before reload.'), 3000, 'typed text');
    // The editor says when every edit is stored; only then is a reload promised to keep it.
    await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    const text = await until(() => editorText(page), (t) => t.includes('Written before reload.'), 5000, 'text after reload');
    expect(text).toContain('# Reload survivor');
    expect(page.url()).toBe(url);
    await ctx.close();
  });

  it('shows text typed in one tab in the other, and converges under concurrent typing', async () => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    const url = await createSpec(a, 'Two tabs');
    const b = await ctx.newPage();
    await b.goto(url);
    await b.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();

    const started = Date.now();
    await typeAtEnd(a, '\nfrom tab A');
    await until(() => editorText(b), (t) => t.includes('from tab A'), 5000, 'tab B to show tab A text');
    console.log(`tab A -> tab B latency: ${Date.now() - started} ms (includes typing)`);

    // Both type at the same time, at different places.
    await b.locator('[data-testid="spec-editor"]').click();
    await b.keyboard.press('Control+Home');
    await a.locator('[data-testid="spec-editor"]').click();
    await a.keyboard.press('Control+End');
    await Promise.all([a.keyboard.type(' AAAA1111', { delay: 15 }), b.keyboard.type('BBBB2222 ', { delay: 15 })]);
    const both = (t: string) => t.includes('AAAA1111') && t.includes('BBBB2222');
    const ta = await until(() => editorText(a), both, 5000, 'tab A to have both edits');
    const tb = await until(() => editorText(b), (t) => t === ta, 5000, 'tab B to equal tab A');
    expect(tb).toBe(ta);
    await ctx.close();
  });

  it('renames a spec and undoes a delete', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpec(page, 'Doomed spec');
    const item = page.getByTestId('spec-item').filter({ hasText: 'Doomed spec' });
    await item.getByRole('button', { name: 'Rename Doomed spec' }).click();
    await page.getByLabel('New title').fill('Renamed spec');
    await page.getByLabel('New title').press('Enter');
    await page.getByTestId('spec-item').filter({ hasText: 'Renamed spec' }).waitFor();

    await page.getByRole('button', { name: 'Delete Renamed spec' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Deleted “Renamed spec”' }).waitFor();
    expect(await page.getByTestId('spec-item').filter({ hasText: 'Renamed spec' }).count()).toBe(0);
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('spec-item').filter({ hasText: 'Renamed spec' }).waitFor();
    await ctx.close();
  });

  it('a rename being typed survives another tab changing the list', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await createSpec(page, 'Kept spec');
    const other = await ctx.newPage();
    await createSpec(other, 'Other spec');
    await page.getByTestId('spec-item').filter({ hasText: 'Other spec' }).waitFor();
    await page.getByTestId('spec-item').filter({ hasText: 'Kept spec' }).getByRole('button', { name: 'Rename Kept spec' }).click();
    await page.getByLabel('New title').fill('Kept spec, half typ');
    // The other tab (a paired device does the same) adds a spec and renames its own.
    await createSpec(other, 'Third spec');
    const third = other.getByTestId('spec-item').filter({ hasText: 'Other spec' });
    await third.getByRole('button', { name: 'Rename Other spec' }).click();
    await other.getByLabel('New title').fill('Other spec renamed');
    await other.getByLabel('New title').press('Enter');
    await page.getByTestId('spec-item').filter({ hasText: 'Other spec renamed' }).waitFor();
    await page.getByTestId('spec-item').filter({ hasText: 'Third spec' }).waitFor();
    // The rename here is still open with what was typed, and finishes.
    expect(await page.getByLabel('New title').inputValue()).toBe('Kept spec, half typ');
    await page.getByLabel('New title').press('End');
    await page.getByLabel('New title').pressSequentially('ed');
    await page.getByLabel('New title').press('Enter');
    await page.getByTestId('spec-item').filter({ hasText: 'Kept spec, half typed' }).waitFor();
    await other.getByTestId('spec-item').filter({ hasText: 'Kept spec, half typed' }).waitFor();
    await ctx.close();
  });

  it('rejects an empty title with an inline error and creates nothing', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openApp(page, '/specs');
    await page.getByTestId('new-spec-title').fill('   ');
    await page.getByTestId('create-spec').click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('title: a spec needs a title');
    expect(await page.getByTestId('spec-item').count()).toBe(0);
    await ctx.close();
  });
});
