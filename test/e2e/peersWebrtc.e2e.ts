import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorText, until } from './support/app';
import { createNetns, type Netns } from './support/netns';
import { editBothWaysAndMergeAfterOffline, profileDevices, watchPageErrors, wrongPasswordSeesNothing } from './peerScenario';
import { createSpecWithText, joinByLink, peopleNames, shareOpenSpec } from './specsHelpers';

/**
 * Two devices (two browser profiles, two Chromium processes) editing one spec over y-webrtc
 * with an encrypted room, all inside a private network namespace made here: the built app is
 * served there, the signaling server is the one `npm run signal` starts (y-webrtc's own, on 127.0.0.1:4444,
 * the app's default), and the browsers find each other through host ICE candidates only.
 */
const APP = 'http://127.0.0.1:4173';
let ns: Netns;
const devices = profileDevices('mc-rtc', (dir) => ns.launchProfile(dir));

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
  it('syncs both ways, merges offline edits on reconnect, and shows nothing to a wrong password', async () => {
    const ada = await devices.device('ada');
    const bob = await devices.device('bob');
    const errors = watchPageErrors([ada.page, bob.page]);
    const start = '# Shared over WebRTC\n\n- [ ] from Ada\n';
    await createSpecWithText(ada.page, 'Shared over WebRTC', start, APP);
    const link = await shareOpenSpec(ada.page, { name: 'Ada' });
    expect(link.startsWith(`${APP}/specs/`)).toBe(true);

    await joinByLink(bob.page, link, { name: 'Bob' });
    await until(() => editorText(bob.page), (t) => t === start, 30_000, 'Bob to receive the spec over WebRTC');
    await until(() => peopleNames(ada.page), (n) => n.includes('Bob'), 15_000, 'Ada to see Bob here');
    // The text came over a WebRTC data channel: Ada's session counts one open connection.
    await ada.page.getByTestId('share-session').click();
    await ada.page.getByTestId('share-status').filter({ hasText: 'Sharing over WebRTC · 1 other device here' }).waitFor({ timeout: 15_000 });
    await ada.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();

    // Both peers re-signal and rebuild their WebRTC connection at once after coming back; a
    // connection left half-open by that is closed after 12 s (src/sync/stuckPeers.ts) and
    // retried, so allow well over that.
    await editBothWaysAndMergeAfterOffline(ada, bob, 45_000);
    const eve = await devices.device('eve');
    errors.watch(eve.page);
    await wrongPasswordSeesNothing(eve, ada, bob, link, { name: 'Eve' });
    // No page threw: not the wrong password's decrypt failures either.
    expect(errors.list()).toEqual([]);
  }, 240_000);
});
