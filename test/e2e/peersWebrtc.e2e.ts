import { afterAll, beforeAll, describe, it } from 'vitest';
import { createNetns, type Netns } from './support/netns';
import { peerJourney, profileDevices } from './peerScenario';
import { traceRtc } from './support/rtcTrace';

/**
 * Two devices (two browser profiles, two Chromium processes) editing one spec over y-webrtc
 * with an encrypted room, all inside a private network namespace made here: the built app is
 * served there, the signaling server is the one `npm run signal` starts (y-webrtc's own, on 127.0.0.1:4444,
 * the app's default), and the browsers find each other through host ICE candidates only.
 */
const APP = 'http://127.0.0.1:4173';
let ns: Netns;
const devices = profileDevices('mc-rtc', async (dir) => {
  const ctx = await ns.launchProfile(dir);
  await traceRtc(ctx, /mc-rtc-(\w+)-/.exec(dir)?.[1] ?? dir);
  return ctx;
});

beforeAll(async () => {
  ns = createNetns();
  // The build globalSetup made (E2E_OUT_DIR, else dist), not whatever an older build left in dist/.
  const outDir = process.env.E2E_OUT_DIR ?? 'dist';
  await ns.start(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', '4173', '--strictPort', '--outDir', outDir], /127\.0\.0\.1:4173/);
  // What `npm run signal` runs, started directly so the test holds the server's own process.
  await ns.start(process.execPath, ['--import', './test/support/loopback.mjs', 'node_modules/y-webrtc/bin/server.js'], /Signaling server running/, { PORT: '4444' });
});

afterAll(async () => {
  await devices.close();
  ns?.close();
});

describe('peers over WebRTC in a private network namespace', () => {
  it('sync both ways, merge after faults, and tell a wrong password in words', async () => {
    // A frozen device's connections are closed after 4 s of silence (src/sync/silentPeers.ts)
    // and both re-announce; the smaller peer id offers (src/sync/peers/initiator.ts), and an
    // offer unanswered for 2.5 s is dropped and made again (stuckPeers.ts). RTC_TRACE=<file>
    // writes every peer connection's states and the signaling traffic to a file (support/rtcTrace.ts).
    await peerJourney({ label: 'WebRTC', devices, origin: APP, choice: (name) => ({ name }), mergeWithinMs: 45_000 });
  }, process.env.FULL === '1' ? 900_000 : 240_000);
});
