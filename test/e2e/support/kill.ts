import { execFileSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { launchProfile } from './chromium';
import { baseURL, until } from './app';

/**
 * Killing the browser the hard way: SIGKILL to the Chromium process that owns a profile, so
 * nothing gets to run (no pagehide, no IndexedDB close), as when a machine's tab crashes or the
 * process is killed. Only processes of that profile (our own launch) are signalled, by pid.
 */
function profilePids(userDataDir: string): { main: number[]; all: number[] } {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const all: number[] = [];
  const main: number[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m || !m[2]!.includes(`--user-data-dir=${userDataDir}`)) continue;
    all.push(Number(m[1]));
    if (!m[2]!.includes('--type=')) main.push(Number(m[1]));
  }
  return { main, all };
}

export async function killBrowser(userDataDir: string): Promise<void> {
  const { main } = profilePids(userDataDir);
  if (main.length === 0) throw new Error(`no Chromium process found for ${userDataDir}`);
  for (const pid of main) process.kill(pid, 'SIGKILL');
  // Its children notice the parent is gone and exit; the profile is free once they have.
  await until(async () => profilePids(userDataDir).all.length, (n) => n === 0, 30_000, 'the killed browser to be gone');
}

export async function relaunch(userDataDir: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await launchProfile(userDataDir);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page };
}

/** Reads object stores of the app's database, raw, as they are on disk after a restart. */
export function readStores(page: Page, stores: string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    (names) =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('metacompiler');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (out[n] = r.result);
          }
          tx.oncomplete = () => (open.result.close(), resolve(out));
        };
      }),
    stores,
  );
}

/** The start-up verification of the whole log against the latest signed head, as the Log page shows it. */
export async function logVerifies(page: Page): Promise<string> {
  await page.goto(baseURL() + '/log');
  await page.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 60_000 });
  const result = page.locator('[data-testid="verification"]:not([data-ok="none"])');
  await result.waitFor({ timeout: 60_000 });
  return `${await result.getAttribute('data-ok')}: ${(await result.textContent()) ?? ''}`;
}
