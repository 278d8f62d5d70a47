import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, openApp, until } from './support/app';
import { createNetns, type Netns } from './support/netns';
import { profileDevices } from './peerScenario';
import { clearPriorsRuns, importRunsJsonl } from './support/evidence';
import { pairDevices, pairedNames, placeAndResolve, settingsOf, shots, text, whatItShows } from './support/devices';

/*
 * My devices over WebRTC. Over y-websocket the pairing's document lives in the devices worker;
 * over WebRTC (which a worker cannot open) it stays on the page and only sealed bytes cross to
 * the worker, a different path through src/services/devices/exchange.ts. Two profiles pair over
 * y-webrtc with the signaling server from the npm package, all inside a private network
 * namespace (TESTING.md: no ICE candidates on loopback alone), the app served there on the same
 * address as baseURL() outside (the namespace has a loopback of its own), so openApp() works.
 */
let ns: Netns;
const devices = profileDevices('mc-devrtc', (dir) => ns.launchProfile(dir));

beforeAll(async () => {
  ns = createNetns();
  const outDir = process.env.E2E_OUT_DIR ?? 'dist';
  const port = new URL(baseURL()).port;
  await ns.start(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort', '--outDir', outDir], new RegExp(`127\\.0\\.0\\.1:${port}`));
  // The app's default signaling server (ws://127.0.0.1:4444), as `npm run signal` starts it.
  await ns.start(process.execPath, ['--import', './test/support/loopback.mjs', 'node_modules/y-webrtc/bin/server.js'], /Signaling server running/, { PORT: '4444' });
});

afterAll(async () => {
  await devices.close();
  ns?.close();
});

/** The size of this device's latest signed head, as its Log page shows it. */
async function signedHeadSize(page: Page): Promise<number> {
  await openApp(page, '/log');
  const head = await until(() => page.locator('.log-summary dd').nth(1).textContent(), (t) => /^size \d+/.test(t ?? ''), 20_000, 'a signed head');
  return Number(/^size (\d+)/.exec(head ?? '')?.[1]);
}

/** Waits until `page` says the other device's log verifies up to the head `size`. */
async function verifiesUpTo(page: Page, size: number): Promise<string> {
  await openApp(page, '/settings');
  return until(() => text(page, 'exchange-status'), (t) => t.includes(`its signed log verifies (${size} entries)`), 60_000, `the other device's log to verify up to ${size}`);
}

describe('My devices over WebRTC in a private network namespace', () => {
  it('pairs, and runs and a bet made on each side show the same on both; each log verifies the other', async () => {
    const laptop = await devices.device('rtc-laptop');
    const phone = await devices.device('rtc-phone');
    await settingsOf(laptop.page, 'Rtc laptop');
    await settingsOf(phone.page, 'Rtc phone');
    await pairDevices(laptop, phone, 'devices-rtc-pair');
    expect(await pairedNames(laptop.page)).toEqual(['Rtc phone']);
    expect(await pairedNames(phone.page)).toEqual(['Rtc laptop']);

    // 120 runs on the laptop; the phone imports 20 of the same file and 30 of its own.
    const laptopRuns = clearPriorsRuns('rtc-laptop');
    await importRunsJsonl(laptop.page, laptopRuns, { someKnown: true });
    await importRunsJsonl(phone.page, [...laptopRuns.slice(0, 20), ...clearPriorsRuns('rtc-phone').slice(0, 30)], { someKnown: true });
    // A bullshit bet (90%, 2h, took 6h) leaves a scar on its principle; a hit on the phone.
    await placeAndResolve(laptop.page, { task: 'Laptop task', hours: '2', confidence: '0.9', stake: '10', principle: 'measure twice', actual: '6h' });
    await placeAndResolve(phone.page, { task: 'Phone task', hours: '3', confidence: '0.6', stake: '6', actual: '2h' });

    const onLaptop = await whatItShows(laptop.page, 150, 2, 1);
    expect(await whatItShows(phone.page, 150, 2, 1)).toEqual(onLaptop);
    // 1 - 0.15 (bullshit) + 0.02 (hit), in the order resolved.
    expect(onLaptop.bets.credibility).toBe('0.87');

    // Each verifies the other's latest signed head (records of both are logged on both).
    const laptopHead = await signedHeadSize(laptop.page);
    const phoneHead = await signedHeadSize(phone.page);
    expect(await verifiesUpTo(phone.page, laptopHead)).toMatch(/^Connected/);
    expect(await verifiesUpTo(laptop.page, phoneHead)).toMatch(/^Connected/);
    await laptop.page.getByTestId('devices').screenshot({ path: join(shots, 'devices-rtc-exchange.png') });
  }, 400_000);
});
