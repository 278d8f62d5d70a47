import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { launchProfile } from './support/chromium';
import { editorText, until } from './support/app';
import { editBothWaysAndMergeAfterOffline, profileDevices, watchPageErrors, wrongPasswordSeesNothing } from './peerScenario';
import { createSpecWithText, joinByLink, peopleNames, shareOpenSpec } from './specsHelpers';

/**
 * Two devices (two browser profiles) sharing a spec through a y-websocket server on loopback,
 * the alternative to WebRTC for people who run a server. The server is the one the npm
 * package ships, started as the README says.
 */
let server: ChildProcess | undefined;
let wsUrl = '';
const devices = profileDevices('mc-peer', launchProfile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  server = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server!.once('exit', (code) => reject(new Error(`y-websocket server exited with code ${code}`)));
    server!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('running at') && resolve());
  });
  wsUrl = `ws://127.0.0.1:${port}`;
});

afterAll(async () => {
  await devices.close();
  server?.kill('SIGTERM');
});

describe('peers over y-websocket (loopback)', () => {
  it('syncs both ways, merges offline edits on reconnect, and shows nothing to a wrong password', async () => {
    const ada = await devices.device('ada');
    const bob = await devices.device('bob');
    const errors = watchPageErrors([ada.page, bob.page]);
    const start = '# Shared plan\n\n- [ ] from Ada\n';
    await createSpecWithText(ada.page, 'Shared plan', start);
    const link = await shareOpenSpec(ada.page, { name: 'Ada', websocketUrl: wsUrl });
    expect(link).toContain('#join=');

    await joinByLink(bob.page, link, { name: 'Bob', websocketUrl: wsUrl });
    await until(() => editorText(bob.page), (t) => t === start, 15_000, 'Bob to receive the spec');
    await until(() => peopleNames(ada.page), (n) => n.includes('Bob'), 15_000, 'Ada to see Bob here');
    await until(() => peopleNames(bob.page), (n) => n.includes('Ada'), 15_000, 'Bob to see Ada here');

    await editBothWaysAndMergeAfterOffline(ada, bob, 20_000);
    // A third device with the wrong password joins an empty room: it never sees the spec.
    const eve = await devices.device('eve');
    errors.watch(eve.page);
    await wrongPasswordSeesNothing(eve, ada, bob, link, { name: 'Eve', websocketUrl: wsUrl });
    // No page threw: not the wrong password's decrypt failures either.
    expect(errors.list()).toEqual([]);
  });
});
