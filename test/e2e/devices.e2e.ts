import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile } from './support/chromium';
import { baseURL, openApp, until } from './support/app';
import { startYWebsocketServer } from './support/yWebsocketServer';
import { profileDevices, type Device } from './peerScenario';

/*
 * My devices: two browser profiles (a laptop and a phone) pair through a y-websocket server:
 * the laptop shows a link and its QR code, the phone opens the link, both show the same code,
 * the person confirms on both, and each lists the other. Unpairing is one click.
 */

const shots = process.env.E2E_SHOTS ?? tmpdir();
let server: Awaited<ReturnType<typeof startYWebsocketServer>> | undefined;
const devices = profileDevices('mc-devices', launchProfile);

beforeAll(async () => {
  server = await startYWebsocketServer();
});
afterAll(async () => {
  await devices.close();
  server?.stop();
});

async function settingsOf(page: Page, name: string): Promise<void> {
  await openApp(page, '/settings');
  const form = page.getByTestId('peer-settings');
  await form.getByTestId('display-name').fill(name);
  await form.getByTestId('transport-websocket').check();
  await form.getByTestId('websocket-url').fill(server!.url);
  await form.getByTestId('save-peer-settings').click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

const pairedNames = (page: Page) => page.getByTestId('paired-device').locator('.device-name').allTextContents();

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

describe('My devices', () => {
  let laptop: Device;
  let phone: Device;

  it('pairs two profiles by link and code, and unpairs in one click', async () => {
    laptop = await devices.device('laptop');
    phone = await devices.device('phone');
    await settingsOf(laptop.page, 'Laptop');
    await settingsOf(phone.page, 'Phone');
    expect(await laptop.page.getByTestId('no-devices').textContent()).toBe('No paired devices.');

    await pairDevices(laptop, phone, 'devices-pair');
    expect(await pairedNames(laptop.page)).toEqual(['Phone']);
    expect(await pairedNames(phone.page)).toEqual(['Laptop']);
    // The link was used: it is gone from the phone's address bar.
    expect(new URL(phone.page.url()).hash).toBe('');
    await laptop.page.getByTestId('devices').screenshot({ path: join(shots, 'devices-list.png') });

    await phone.page.getByTestId('unpair').click();
    await phone.page.getByTestId('no-devices').waitFor();
    expect(await pairedNames(phone.page)).toEqual([]);
  }, 120_000);

  it('refuses a pairing link that was changed', async () => {
    const page = (await devices.device('tampered')).page;
    await openApp(page, '/settings');
    await laptop.page.getByTestId('pair-device').click();
    const link = await laptop.page.getByTestId('pair-link').inputValue();
    await page.goto(link.replace(/check=[^&]+/, 'check=AAAAAAAA'));
    const error = await page.getByTestId('pair-error').textContent({ timeout: 10_000 });
    expect(error).toContain('this pairing link was changed or cut short');
    await laptop.page.getByTestId('pair-close').click();
    await until(() => laptop.page.getByTestId('pairing-panel').count(), (n) => n === 0, 5000, 'the pairing panel to close');
    expect(baseURL()).toBeTruthy();
  }, 60_000);
});
