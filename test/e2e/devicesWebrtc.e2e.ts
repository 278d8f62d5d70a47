import { afterAll, beforeAll, describe, it } from 'vitest';
import { baseURL } from './support/app';
import { createNetns, type Netns } from './support/netns';
import { profileDevices } from './peerScenario';
import { recordsOnEveryDevice } from './support/devices';

/*
 * My devices over WebRTC. Over y-websocket the pairing's document lives in the devices worker;
 * over WebRTC (which a worker cannot open) it stays on the page and only sealed bytes cross to
 * the worker, a different path through src/services/devices/exchange.ts. The same journey as
 * over y-websocket (support/devices.ts recordsOnEveryDevice): profiles pair over y-webrtc with
 * the signaling server from the npm package, all inside a private network
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

describe('My devices over WebRTC in a private network namespace', () => {
  it('runs, bets and scars made on each side, also offline, show the same on both; each log verifies the other; a tampered third is refused by name', () => recordsOnEveryDevice(devices, 'rtc'), 500_000);
});
