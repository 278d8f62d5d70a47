import { expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { editorText, until } from './support/app';
import { appendText, joinByLink, peopleNames } from './specsHelpers';

/** The steps the peer journeys share, whatever carries the edits (WebRTC or y-websocket). */
export interface Device {
  ctx: BrowserContext;
  page: Page;
}

/** Devices as browser profiles of their own, each in a fresh folder; close() removes them all. */
export function profileDevices(prefix: string, launch: (dir: string) => Promise<BrowserContext>) {
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  const byName = new Map<string, string>();
  return {
    async device(name: string): Promise<Device> {
      const dir = mkdtempSync(join(tmpdir(), `${prefix}-${name}-`));
      profiles.push(dir);
      byName.set(name, dir);
      const ctx = await launch(dir);
      contexts.push(ctx);
      return { ctx, page: ctx.pages()[0] ?? (await ctx.newPage()) };
    },
    /** Launches a device's browser again on its profile (after its context was closed): a restart. */
    async reopen(name: string): Promise<Device> {
      const dir = byName.get(name);
      if (!dir) throw new Error(`no device named ${name}`);
      const ctx = await launch(dir);
      contexts.push(ctx);
      return { ctx, page: ctx.pages()[0] ?? (await ctx.newPage()) };
    },
    async close(): Promise<void> {
      for (const c of contexts) await c.close().catch(() => undefined);
      for (const p of profiles) rmSync(p, { recursive: true, force: true });
    },
  };
}

/**
 * Each side's edit reaches the other; then both go offline and keep writing, and back online
 * the edits of both merge on both.
 */
export async function editBothWaysAndMergeAfterOffline(ada: Device, bob: Device, mergeWithinMs: number): Promise<void> {
  await appendText(bob.page, '- [ ] from Bob\n');
  await until(() => editorText(ada.page), (t) => t.includes('- [ ] from Bob'), 10_000, 'Ada to get Bob’s edit');
  await appendText(ada.page, '- [ ] again Ada\n');
  await until(() => editorText(bob.page), (t) => t.includes('- [ ] again Ada'), 10_000, 'Bob to get Ada’s edit');

  await ada.ctx.setOffline(true);
  await bob.ctx.setOffline(true);
  await appendText(ada.page, 'offline Ada\n');
  await appendText(bob.page, 'offline Bob\n');
  await ada.ctx.setOffline(false);
  await bob.ctx.setOffline(false);
  const merged = await until(() => editorText(ada.page), (t) => t.includes('offline Ada') && t.includes('offline Bob'), mergeWithinMs, 'Ada to merge');
  await until(() => editorText(bob.page), (t) => t === merged, mergeWithinMs, 'Bob to equal Ada');
}

/** A third device joining with the wrong password never sees the spec, and nobody sees it. */
export async function wrongPasswordSeesNothing(
  eve: Device,
  ada: Device,
  bob: Device,
  link: string,
  joinOptions: Parameters<typeof joinByLink>[2],
): Promise<void> {
  await joinByLink(eve.page, link.replace(/key=[^&]+/, 'key=notthepasswordatall'), joinOptions);
  await appendText(ada.page, 'after Eve joined\n');
  await until(() => editorText(bob.page), (t) => t.includes('after Eve joined'), 10_000, 'Bob to get the latest edit');
  // Eve is told in words (the keyed hello), instead of an empty spec and "waiting" forever.
  await eve.page.getByTestId('share-session').filter({ hasText: 'wrong password' }).waitFor({ timeout: 15_000 });
  await eve.page.getByTestId('share-session').click();
  await eve.page.getByTestId('password-mismatch').filter({ hasText: "this link's password does not match the other devices'" }).waitFor();
  await eve.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();
  expect(await editorText(eve.page)).toBe('');
  expect(await peopleNames(ada.page)).not.toContain('Eve');
}

/**
 * Collects every uncaught error and unhandled rejection of the pages watched (a person would see
 * a broken page; a test asserts the list is empty).
 */
export function watchPageErrors(pages: Page[]) {
  const errors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.name}: ${e.message}`));
  pages.forEach(watch);
  return { watch, list: () => errors };
}
