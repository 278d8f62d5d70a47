import { expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { editorText, until } from './support/app';
import { appendText, createSpecWithText, joinByLink, peopleNames, shareOpenSpec, type PeerChoice } from './specsHelpers';
import { editLatencies, faultPlan, percentile, runFault } from './peerFaults';

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
    /** The profile folder of a device (its browser's --user-data-dir). */
    profile(name: string): string {
      const dir = byName.get(name);
      if (!dir) throw new Error(`no device named ${name}`);
      return dir;
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

export type Devices = ReturnType<typeof profileDevices>;

/**
 * The peer journey both transports run (issue 18: one scenario, not two copies): Ada shares, Bob
 * joins by the link, each sees the other here; edits go both ways and merge after both were
 * offline; the edit latency over 50 edits; the faults of faultPlan() one after the other, each
 * merging within a timeout (the figures are printed, never asserted on); a wrong password is
 * told in words; no page throws.
 */
export async function peerJourney(opts: {
  label: string;
  devices: Devices;
  choice: (name: string) => PeerChoice;
  origin?: string;
  /** How long a merge after a fault may take before the test fails (a bound, not the target). */
  mergeWithinMs: number;
}): Promise<void> {
  const { devices, choice, label } = opts;
  const ada = await devices.device('ada');
  const bob = await devices.device('bob');
  const errors = watchPageErrors([ada.page, bob.page]);
  const start = `# Shared over ${label}\n\n- [ ] from Ada\n`;
  await createSpecWithText(ada.page, `Shared over ${label}`, start, opts.origin);
  const link = await shareOpenSpec(ada.page, choice('Ada'));
  expect(link).toContain('#join=');

  await joinByLink(bob.page, link, choice('Bob'));
  await until(() => editorText(bob.page), (t) => t === start, 30_000, `Bob to receive the spec over ${label}`);
  await until(() => peopleNames(ada.page), (n) => n.includes('Bob'), 15_000, 'Ada to see Bob here');
  await until(() => peopleNames(bob.page), (n) => n.includes('Ada'), 15_000, 'Bob to see Ada here');
  // Bob is counted by his heartbeats: a y-websocket server is not a device.
  await ada.page.getByTestId('share-session').click();
  await ada.page.getByTestId('share-status').filter({ hasText: '1 other device here' }).waitFor({ timeout: 15_000 });
  await ada.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();

  await editBothWaysAndMergeAfterOffline(ada, bob, opts.mergeWithinMs);

  const latencies = await editLatencies(ada, bob, 50);
  console.log(`[peers] ${label}: device-to-device edit latency over ${latencies.length} edits (in-page timestamps): p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms`);

  const merges: number[] = [];
  const syncs: number[] = [];
  const aways: number[] = [];
  const plan = faultPlan();
  for (const [i, fault] of plan.entries()) {
    const r = await runFault(fault, i + 1, ada, bob, devices.profile('bob'), opts.mergeWithinMs);
    merges.push(r.mergeMs);
    syncs.push(r.syncMs);
    if (r.awayShownMs !== undefined) aways.push(r.awayShownMs);
    console.log(`[peers] ${label}: fault ${i + 1}/${plan.length} ${fault.kind} ${fault.seconds} s: merged ${r.mergeMs} ms after it ended (peers' part ${r.syncMs} ms)${r.awayShownMs !== undefined ? `; shown away after ${r.awayShownMs} ms` : ''}`);
  }
  console.log(
    `[peers] ${label}: ${merges.length} faults${process.env.FULL === '1' ? ' (FULL=1)' : ' (default set; FULL=1 runs 10)'}: time to merge p50 ${percentile(merges, 50)} ms, p95 ${percentile(merges, 95)} ms, max ${Math.max(...merges)} ms` +
      (aways.length ? `; a frozen device shown away after ${aways.join(', ')} ms` : ''),
  );
  console.log(`[peers] ${label}: the peers' part of it (edits crossing, from the fault's end or the edit's showing, in-page clocks): p50 ${percentile(syncs, 50)} ms, p95 ${percentile(syncs, 95)} ms, max ${Math.max(...syncs)} ms`);

  const eve = await devices.device('eve');
  errors.watch(eve.page);
  await wrongPasswordSeesNothing(eve, ada, bob, link, choice('Eve'));
  // No page threw: not the wrong password's decrypt failures either.
  expect(errors.list()).toEqual([]);
}
