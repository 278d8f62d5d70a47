import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, until } from './app';
import { fillBet, openBets } from './bets';
import type { Device } from '../peerScenario';

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
