import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchProfile } from './support/chromium';
import { startYWebsocketServer } from './support/yWebsocketServer';
import { peerJourney, profileDevices } from './peerScenario';

/**
 * Two devices (two browser profiles) sharing a spec through a y-websocket server on loopback,
 * the alternative to WebRTC for people who run a server. The server is the one the npm
 * package ships, started as the README says.
 */
let server: Awaited<ReturnType<typeof startYWebsocketServer>>;
const devices = profileDevices('mc-peer', launchProfile);

beforeAll(async () => {
  server = await startYWebsocketServer();
});
afterAll(async () => {
  await devices.close();
  server?.stop();
});

describe('peers over y-websocket (loopback)', () => {
  it('sync both ways, merge after faults, and tell a wrong password in words', async () => {
    await peerJourney({ label: 'y-websocket', devices, choice: (name) => ({ name, websocketUrl: server.url }), mergeWithinMs: 30_000 });
  }, process.env.FULL === '1' ? 900_000 : 240_000);
});
