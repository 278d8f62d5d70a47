import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { editorText, until } from './support/app';
import { appendText } from './specsHelpers';
import type { Device } from './peerScenario';
import { traceMark } from './support/rtcTrace';

/**
 * Faults between two devices, and what they cost: a browser frozen (every process of its profile
 * stopped with SIGSTOP, as a closed lid or a hung machine would: no event fires) or the network
 * dropped on both sides, each side editing meanwhile; then the time until both hold both edits.
 */
export type Fault = { kind: 'freeze'; seconds: number } | { kind: 'offline'; seconds: number };

/** FULL=1 runs the 10 faults per transport (20 in all, freezes of 5, 20 and 45 s); the default run 2 per transport. */
export function faultPlan(): Fault[] {
  if (process.env.FULL === '1')
    return [
      ...[5, 20, 45, 5, 20].map((seconds): Fault => ({ kind: 'freeze', seconds })),
      ...[3, 5, 10, 20, 45].map((seconds): Fault => ({ kind: 'offline', seconds })),
    ];
  // The default run: one freeze long enough to be shown away, one network drop.
  return [
    { kind: 'freeze', seconds: 5 },
    { kind: 'offline', seconds: 5 },
  ];
}

/** The processes of the browser running on this profile folder (its main process and all below it). */
function browserProcesses(profileDir: string): number[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = ps
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const roots = rows.filter((r) => r.args.includes(`--user-data-dir=${profileDir}`) && !rows.some((p) => p.pid === r.ppid && p.args.includes(`--user-data-dir=${profileDir}`)));
  const found = new Set(roots.map((r) => r.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows)
      if (found.has(r.ppid) && !found.has(r.pid)) {
        found.add(r.pid);
        grew = true;
      }
  }
  if (found.size === 0) throw new Error(`no browser process found for profile ${profileDir}`);
  return [...found];
}

function signal(pids: number[], sig: 'SIGSTOP' | 'SIGCONT'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // the process ended meanwhile
    }
  }
}

/**
 * Runs one fault: `frozen` is frozen (or both go offline), `other` edits meanwhile; after it the
 * frozen one edits too. Returns the milliseconds from the end of the fault until both editors
 * show both edits; throws when that takes longer than `mergeWithinMs`.
 */
export async function runFault(
  fault: Fault,
  n: number,
  other: Device,
  frozen: Device,
  frozenProfile: string,
  mergeWithinMs: number,
): Promise<{ mergeMs: number; syncMs: number; awayShownMs?: number }> {
  const mine = `fault ${n} ${fault.kind} ${fault.seconds}s: other\n`;
  const theirs = `fault ${n} ${fault.kind} ${fault.seconds}s: frozen\n`;
  await watchLines(other.page, [mine.trim(), theirs.trim()]);
  await watchLines(frozen.page, [mine.trim(), theirs.trim()]);
  let awayShownMs: number | undefined;
  if (fault.kind === 'freeze') {
    const pids = browserProcesses(frozenProfile);
    signal(pids, 'SIGSTOP');
    const stoppedAt = Date.now();
    traceMark(`fault ${n} freeze ${fault.seconds}s: stopped`);
    try {
      // The other device shows the silent one as away (its dialog's device list).
      await other.page.getByTestId('share-session').click();
      await other.page.locator('[data-testid="peer-device"][data-here="no"]').first().waitFor({ timeout: fault.seconds * 1000 + 10_000 });
      awayShownMs = Date.now() - stoppedAt;
      await other.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();
      await appendText(other.page, mine);
      const left = fault.seconds * 1000 - (Date.now() - stoppedAt);
      if (left > 0) await new Promise((r) => setTimeout(r, left)); // the rest of the fault's length, not a wait for a condition
    } finally {
      signal(pids, 'SIGCONT');
      traceMark(`fault ${n} freeze: continued`);
    }
  } else {
    await other.ctx.setOffline(true);
    await frozen.ctx.setOffline(true);
    traceMark(`fault ${n} offline ${fault.seconds}s: both offline`);
    await appendText(other.page, mine);
    await appendText(frozen.page, theirs);
    await new Promise((r) => setTimeout(r, fault.seconds * 1000)); // the fault's length
    await other.ctx.setOffline(false);
    await frozen.ctx.setOffline(false);
    traceMark(`fault ${n} offline: both online`);
  }
  const endedAt = Date.now();
  if (fault.kind === 'freeze') await appendText(frozen.page, theirs);
  traceMark(`fault ${n}: frozen side typed (${Date.now() - endedAt} ms)`);
  const both = (t: string) => t.includes(mine.trim()) && t.includes(theirs.trim());
  await until(() => editorText(other.page), both, mergeWithinMs, `fault ${n} (${fault.kind} ${fault.seconds} s): the other device to merge`);
  traceMark(`fault ${n}: other side merged (${Date.now() - endedAt} ms)`);
  await until(() => editorText(frozen.page), both, mergeWithinMs, `fault ${n} (${fault.kind} ${fault.seconds} s): the frozen device to merge`);
  traceMark(`fault ${n}: merged after ${Date.now() - endedAt} ms`);
  const mergeMs = Date.now() - endedAt;
  // The part that is the peers' doing, on the pages' clocks: the other's edit reaching the woken
  // device after the fault, and the woken device's edit reaching the other after it showed where
  // it was typed (a just-woken browser takes seconds to take the typing in).
  const [o, f] = [await linesSeen(other.page), await linesSeen(frozen.page)];
  const syncMs = Math.max(0, f[mine.trim()]! - endedAt, o[theirs.trim()]! - Math.max(endedAt, f[theirs.trim()]!));
  return { mergeMs, syncMs, ...(awayShownMs !== undefined ? { awayShownMs } : {}) };
}

/** Records, in the page, when each of `lines` first shows in its editor (page clock). */
async function watchLines(page: Page, lines: string[]): Promise<void> {
  await page.evaluate((lines) => {
    const w = window as unknown as { __lines?: Record<string, number> };
    w.__lines = {};
    const editor = document.querySelector('[data-testid="spec-editor"]')!;
    const seen = () => {
      const text = editor.textContent ?? '';
      for (const l of lines) if (text.includes(l)) w.__lines![l] ??= Date.now();
    };
    seen();
    new MutationObserver(seen).observe(editor, { subtree: true, childList: true, characterData: true });
  }, lines);
}

const linesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __lines: Record<string, number> }).__lines);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Records, in the page, when each line `lat-<n>` first shows in its editor (page clock). */
async function watchArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __arrivals?: Record<string, number> };
    w.__arrivals = {};
    const editor = document.querySelector('[data-testid="spec-editor"]')!;
    const seen = () => {
      for (const m of (editor.textContent ?? '').matchAll(/lat-(\d+)\b/g)) w.__arrivals![m[1]!] ??= Date.now();
    };
    new MutationObserver(seen).observe(editor, { subtree: true, childList: true, characterData: true });
  });
}

const arrivals = (page: Page) => page.evaluate(() => (window as unknown as { __arrivals: Record<string, number> }).__arrivals);

/**
 * Device-to-device edit latency over `count` edits: the time an edit shows in the sender's editor
 * to the time it shows in the receiver's, both read in-page (the two browsers share this machine's
 * clock). One edit at a time.
 */
export async function editLatencies(from: Device, to: Device, count: number): Promise<number[]> {
  await watchArrivals(from.page);
  await watchArrivals(to.page);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    await appendText(from.page, `lat-${i}\n`);
    const got = await until(() => arrivals(to.page), (a) => a[i] !== undefined, 15_000, `edit lat-${i} to arrive`);
    const sent = (await arrivals(from.page))[i]!;
    out.push(got[i]! - sent);
  }
  return out;
}
