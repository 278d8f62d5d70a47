import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, until } from './app';
import { fillBet, openBets } from './bets';
import { clearPriorsRuns, importRunsJsonl, runCount } from './evidence';
import type { Device, profileDevices } from '../peerScenario';

type Profiles = ReturnType<typeof profileDevices>;

/** The steps the My devices journeys share, whatever carries the exchange (y-websocket or WebRTC). */

export const shots = process.env.E2E_SHOTS ?? tmpdir();

/** Names this device and picks its transport: a y-websocket server's address, or WebRTC (the default signaling server). */
export async function settingsOf(page: Page, name: string, websocketUrl?: string): Promise<void> {
  await openApp(page, '/settings');
  const form = page.getByTestId('peer-settings');
  await form.getByTestId('display-name').fill(name);
  if (websocketUrl) {
    await form.getByTestId('transport-websocket').check();
    await form.getByTestId('websocket-url').fill(websocketUrl);
  } else {
    await form.getByTestId('transport-webrtc').check();
  }
  await form.getByTestId('save-peer-settings').click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

export const pairedNames = (page: Page) => page.getByTestId('paired-device').locator('.device-name').allTextContents();

/** Pairs `a` (makes the link) with `b` (opens it); returns the code both showed. */
export async function pairDevices(a: Device, b: Device, shotPrefix?: string): Promise<string> {
  await a.page.getByTestId('pair-device').click();
  const link = await a.page.getByTestId('pair-link').inputValue();
  await a.page.getByTestId('pair-status').filter({ hasText: 'Waiting for your other device' }).waitFor();
  if (shotPrefix) await a.page.getByTestId('devices').screenshot({ path: join(shots, `${shotPrefix}-link.png`) });
  await b.page.goto(link);
  const codeB = await b.page.getByTestId('pair-code').textContent({ timeout: 20_000 });
  const codeA = await a.page.getByTestId('pair-code').textContent({ timeout: 20_000 });
  expect(codeA).toMatch(/^\d{3} \d{3}$/);
  expect(codeB).toBe(codeA);
  if (shotPrefix) await b.page.getByTestId('devices').screenshot({ path: join(shots, `${shotPrefix}-code.png`) });
  await a.page.getByTestId('pair-confirm').click();
  await a.page.getByTestId('pair-status').filter({ hasText: 'Confirmed here' }).waitFor();
  await b.page.getByTestId('pair-confirm').click();
  await a.page.getByTestId('pair-done').waitFor({ timeout: 20_000 });
  await b.page.getByTestId('pair-done').waitFor({ timeout: 20_000 });
  if (shotPrefix) await a.page.getByTestId('devices').screenshot({ path: join(shots, `${shotPrefix}-paired.png`) });
  await a.page.getByTestId('pair-close').click();
  await b.page.getByTestId('pair-close').click();
  return codeA!;
}

/** '<Prefix> <name>': what a device of `prefix` is called in Settings. */
const displayName = (prefix: string, name: string) => `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${name}`;

/**
 * A browser profile per name ('<prefix>-<name>'), each called '<Prefix> <name>' in Settings and
 * exchanging through the y-websocket server `websocketUrl` (else over WebRTC); the first is
 * paired with each of the others. Resolves with the devices in the order of `names`.
 */
export async function pairedDevices<N extends string[]>(devices: Profiles, prefix: string, names: readonly [...N], websocketUrl?: string): Promise<{ [K in keyof N]: Device }> {
  const all: Device[] = [];
  for (const name of names) {
    const device = await devices.device(`${prefix}-${name}`);
    await settingsOf(device.page, displayName(prefix, name), websocketUrl);
    all.push(device);
  }
  for (const other of all.slice(1)) await pairDevices(all[0]!, other);
  return all as { [K in keyof N]: Device };
}

export const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
const stat = async (page: Page, card: string) => ((await page.getByTestId(card).locator('.stat-value').textContent()) ?? '').trim();

export async function placeAndResolve(page: Page, bet: { task: string; hours: string; confidence: string; stake: string; principle?: string; actual: string }) {
  await openBets(page);
  await fillBet(page, bet);
  await page.getByTestId('place-bet').click();
  const row = page.getByTestId('open-bet').filter({ hasText: bet.task });
  await row.getByTestId('resolve-open').click();
  await page.getByTestId('resolve-hours').fill(bet.actual);
  await page.getByTestId('resolve-submit').click();
  await page.getByTestId('resolve-dialog').waitFor({ state: 'detached' });
}

export async function reportIncident(page: Page, ref: string) {
  await openApp(page, '/scars');
  await page.getByTestId('incident-ref').fill(ref);
  await page.getByTestId('incident-description').fill(`${ref}: an incident`);
  await page.getByTestId('report-incident').click();
  await page.getByTestId('incident-saved').waitFor();
}

/** What a person sees of their record on one device: counts, bets, priors, the scar atlas. */
export async function whatItShows(page: Page, runs: number, resolved: number, scarCount: number) {
  await openApp(page, '/evidence');
  const runCount = await until(() => text(page, 'run-count'), (t) => t === `(${runs})`, 60_000, `${runs} runs on the Evidence page`);
  await openApp(page, '/bets');
  await page.getByTestId('credibility').waitFor();
  await until(() => page.getByTestId('resolved-bet').count(), (n) => n === resolved, 30_000, `${resolved} resolved bets`);
  const bets = { credibility: await stat(page, 'credibility'), tokens: await stat(page, 'tokens'), resolved: await page.getByTestId('resolved-bet').count() };
  await openApp(page, '/priors');
  await until(() => text(page, 'priors-status'), (t) => t === `From ${runs} runs.`, 60_000, `priors from ${runs} runs`);
  const priors = await page.getByTestId('prior-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-nudge')}: ${r.querySelector('[data-testid="mean-with"]')?.textContent ?? ''}`));
  await openApp(page, '/scars');
  await until(() => page.getByTestId('scar-row').count(), (n) => n === scarCount, 30_000, `${scarCount} scars`);
  const scars = await page.getByTestId('scar-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-trigger')}: ${r.querySelector('td')?.textContent ?? ''}`).sort());
  const tones = await page.getByTestId('locus-tone').allTextContents();
  return { runCount, bets, priors, scars, tones: tones.sort() };
}

/** The size of this device's latest signed head, as its Log page shows it. */
async function signedHeadSize(page: Page): Promise<number> {
  await openApp(page, '/log');
  const head = await until(() => page.locator('.log-summary dd').nth(1).textContent(), (t) => /^size \d+/.test(t ?? ''), 20_000, 'a signed head');
  return Number(/^size (\d+)/.exec(head ?? '')?.[1]);
}

/** Waits until `page` says the other device's log verifies up to the head `size`; returns that status line. */
async function verifiesUpTo(page: Page, size: number): Promise<string> {
  await openApp(page, '/settings');
  return until(() => text(page, 'exchange-status'), (t) => t.includes(`its signed log verifies (${size} entries)`), 60_000, `the other device's log to verify up to ${size}`);
}

/** Changes the first entry of this device's signed log in storage, as a tampered device would have it. */
async function tamperLog(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('metacompiler');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('log', 'readwrite');
      const store = tx.objectStore('log');
      const get = store.get(0);
      get.onsuccess = () => store.put({ ...get.result, payload: { ...get.result.payload, tampered: true } });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/**
 * The "Checked by" for records, through either transport: a laptop and a phone paired;
 * runs (some the same file on both), a bet placed and resolved and a scar on each side; then more
 * of each while both are offline (and apart indeed: the phone lacks the laptop's offline runs);
 * online again, both show the same counts, credibility, tokens, priors and scar atlas, and each
 * verifies the other's latest signed head. A tablet paired with the laptop whose log is then
 * changed in storage is refused by name: its new run is held back and a scar is left.
 */
export async function recordsOnEveryDevice(devices: Profiles, prefix: string, websocketUrl?: string): Promise<void> {
  const [laptop, phone] = await pairedDevices(devices, prefix, ['laptop', 'phone'], websocketUrl);

  // 120 runs on the laptop; the phone imports 20 of the same file and 30 of its own.
  const laptopRuns = clearPriorsRuns(`${prefix}-laptop`);
  await importRunsJsonl(laptop.page, laptopRuns, { someKnown: true });
  await importRunsJsonl(phone.page, [...laptopRuns.slice(0, 20), ...clearPriorsRuns(`${prefix}-phone`).slice(0, 30)], { someKnown: true });
  // A bullshit bet (90%, 2h, took 6h) leaves a scar on its principle; a hit and an incident on the phone.
  await placeAndResolve(laptop.page, { task: 'Laptop task', hours: '2', confidence: '0.9', stake: '10', principle: 'measure twice', actual: '6h' });
  await placeAndResolve(phone.page, { task: 'Phone task', hours: '3', confidence: '0.6', stake: '6', actual: '2h' });
  await reportIncident(phone.page, 'phone incident');

  const first = await whatItShows(laptop.page, 150, 2, 2);
  expect(await whatItShows(phone.page, 150, 2, 2)).toEqual(first);
  // 1 - 0.15 (bullshit) + 0.02 (hit), in the order resolved.
  expect(first.bets.credibility).toBe('0.87');

  // Both offline (each page is loaded again while offline, so no connection of before is left):
  // each records more, and neither gets the other's.
  await laptop.ctx.setOffline(true);
  await phone.ctx.setOffline(true);
  await importRunsJsonl(laptop.page, clearPriorsRuns(`${prefix}-offline-laptop`).slice(0, 10), { someKnown: true });
  await placeAndResolve(phone.page, { task: 'Offline phone task', hours: '1', confidence: '0.8', stake: '4', actual: '3h', principle: 'small steps' });
  await reportIncident(laptop.page, 'laptop incident');
  await openApp(phone.page, '/evidence');
  expect(await runCount(phone.page)).toBe(150);
  await laptop.ctx.setOffline(false);
  await phone.ctx.setOffline(false);

  const after = await whatItShows(laptop.page, 160, 3, 4);
  expect(await whatItShows(phone.page, 160, 3, 4)).toEqual(after);
  expect(after.bets.credibility).not.toBe(first.bets.credibility);

  // Each verifies the other's latest signed head (the records of both are logged on both).
  const laptopHead = await signedHeadSize(laptop.page);
  const phoneHead = await signedHeadSize(phone.page);
  expect(await verifiesUpTo(phone.page, laptopHead)).toMatch(/^Connected/);
  expect(await verifiesUpTo(laptop.page, phoneHead)).toMatch(/^Connected/);
  await phone.page.getByTestId('devices').screenshot({ path: join(shots, `devices-${prefix}-exchange.png`) });

  // A tablet pairs with the laptop, then its log is changed in storage: the laptop names it,
  // holds its new records back and leaves a scar.
  const tablet = await devices.device(`${prefix}-tablet`);
  const tabletName = displayName(prefix, 'tablet');
  await settingsOf(tablet.page, tabletName, websocketUrl);
  await openApp(laptop.page, '/settings');
  await pairDevices(laptop, tablet);
  const tabletRow = laptop.page.getByTestId('paired-device').filter({ hasText: tabletName });
  await until(() => tabletRow.getByTestId('exchange-status').textContent(), (t) => (t ?? '').includes('its signed log verifies'), 30_000, 'the tablet\'s log to verify on the laptop');
  await tamperLog(tablet.page);
  await tablet.page.reload();
  await importRunsJsonl(tablet.page, [{ id: `${prefix}-tablet-run-1`, specHash: 'name:tablet', nudges: ['Add type hints'], passed: true, errorMessages: [], at: Date.UTC(2026, 1, 1) }], { someKnown: true });
  await openApp(laptop.page, '/settings');
  const refused = await until(() => text(laptop.page, 'device-log-failed'), (t) => t.length > 0, 30_000, 'the laptop to refuse the tablet');
  expect(refused).toContain(`${tabletName}: its log does not verify`);
  expect(refused).toContain('held back');
  await laptop.page.getByTestId('devices').screenshot({ path: join(shots, `devices-${prefix}-refused.png`) });
  // The 160 runs of the laptop and the phone, not the tablet's; and a scar for the tablet.
  await openApp(laptop.page, '/evidence');
  expect(await runCount(laptop.page)).toBe(160);
  await openApp(laptop.page, '/scars');
  await until(() => laptop.page.locator('[data-testid="scar-row"][data-trigger="ledger_verification_failed"]').count(), (n) => n === 1, 10_000, 'a scar for the tablet');
}
