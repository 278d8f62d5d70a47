import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { freshDatabase } from './specsSupport';
import { yWebsocketServer } from '../sync/peers/yServer';
import { createSpec, specs } from '../../../src/services/specs';
import { DEFAULT_PEER_SETTINGS, savePeerSettings } from '../../../src/services/specs/peerSettings';
import { clearServerCopyOf, joinInvite, JOINED_TITLE, shareState, startSharing, stopSharing } from '../../../src/services/specs/share';
import { readInvite } from '../../../src/services/specs/shareLink';
import { getPeerSession, listPeerSessions } from '../../../src/store/peerSessionsRepo';
import { getSpec } from '../../../src/store/specsRepo';
import { websocketRoomName } from '../../../src/sync/peers/roomName';
import { isRoomClosed } from '../../../src/sync/peers/closedRooms';
import { clocksOf } from '../../../src/sync/peers/stateVectors';

/*
 * Shared sessions against a real y-websocket server in this process. This process is one
 * browser (its store and its leader tab); the other device is a bare Yjs document with its own
 * provider in the same room, as another browser's would be.
 */
let server: Awaited<ReturnType<typeof yWebsocketServer>>;
const others: { doc: Y.Doc; provider: WebsocketProvider }[] = [];

beforeAll(async () => {
  server = await yWebsocketServer();
  freshDatabase();
  await savePeerSettings({ ...DEFAULT_PEER_SETTINGS, displayName: 'Ada', transport: 'websocket', websocketUrl: server.url });
});
afterAll(async () => {
  for (const o of others) {
    o.provider.destroy();
    o.doc.destroy();
  }
  await server.close();
});

async function otherDevice(room: string, password: string, initial?: string) {
  const doc = new Y.Doc();
  if (initial) doc.getText('markdown').insert(0, initial);
  const provider = new WebsocketProvider(server.url, await websocketRoomName(room, password), doc, { disableBc: true });
  // It beats as the app's leader tab does (sync/peers/heartbeat.ts).
  provider.awareness.setLocalStateField('user', { name: 'Bob' });
  provider.awareness.setLocalStateField('beat', { device: 'bob-device', at: Date.now(), sv: clocksOf(doc) });
  others.push({ doc, provider });
  return doc;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const listSpecs = () =>
  new Promise<{ id: string; title: string }[]>((resolve) => {
    const sub = specs().subscribe({ next: (rows) => (resolve(rows), queueMicrotask(() => sub.unsubscribe())) });
  });

describe('shared sessions that last', () => {
  it('keeps the session in the store, connects it, and a link naming another id opens the same spec', async () => {
    const spec = await createSpec('Launch plan', '# Launch plan\n\n- [ ] ship\n');
    const state = await startSharing(spec);
    const row = await getPeerSession(spec.id);
    expect(row).toMatchObject({ specId: spec.id, transport: 'websocket', role: 'sharer', servers: [server.url] });
    expect(state.link).toContain(`#join=${row!.room}`);
    expect(state.link).not.toContain('title=');
    // Sharing again keeps the room: the dialog always shows the current link.
    expect((await startSharing(spec)).link).toBe(state.link);

    const bob = await otherDevice(row!.room, row!.password);
    await eventually(() => bob.getText('markdown').toString() === '# Launch plan\n\n- [ ] ship\n', 'the other device to get the text');
    // One other device here (by its heartbeat), the server reachable and not counted as a peer.
    await eventually(() => (shareState(spec.id)?.status?.connections ?? 0) === 1, 'the session to report the other device');
    expect(shareState(spec.id)!.status!.servers).toEqual([{ url: server.url, reachable: true }]);
    expect(shareState(spec.id)!.status!.devices.map((d) => d.name)).toEqual(['Bob']);

    const forged = readInvite('/specs/spec_forged123', `#${state.link.split('#')[1]}`)!;
    expect(await joinInvite({ ...forged, specId: 'spec_forged123' })).toBe(spec.id);
    expect(await getSpec('spec_forged123')).toBeUndefined();
    expect((await listSpecs()).filter((s) => s.title === 'Launch plan')).toHaveLength(1);
  });

  it('names a server that cannot be reached', async () => {
    await savePeerSettings({ ...DEFAULT_PEER_SETTINGS, displayName: 'Ada', transport: 'websocket', websocketUrl: 'ws://127.0.0.1:9' });
    const spec = await createSpec('Unreachable', '# Unreachable\n');
    await startSharing(spec);
    await savePeerSettings({ ...DEFAULT_PEER_SETTINGS, displayName: 'Ada', transport: 'websocket', websocketUrl: server.url });
    await eventually(() => shareState(spec.id)?.status?.servers[0]?.reachable === false, 'the server to be named unreachable');
    expect(shareState(spec.id)!.status!.servers[0]!.url).toBe('ws://127.0.0.1:9');
    expect(shareState(spec.id)!.status!.connections).toBe(0);
    await stopSharing(spec.id);
  });

  it('joins an unknown spec under its document’s title, not the link’s', async () => {
    const room = 'mc-joinroom12345';
    const password = 'p'.repeat(32);
    await otherDevice(room, password, '# Bob’s notes\n\nfrom Bob\n');
    const specId = await joinInvite({ specId: 'spec_bobs', room, password, transport: 'websocket' });
    expect(specId).toBe('spec_bobs');
    expect((await getSpec(specId))!.title).toBe(JOINED_TITLE);
    await eventually(async () => (await getSpec(specId))!.title === 'Bob’s notes', 'the title from the document');
    await eventually(async () => (await getPeerSession(specId))!.titleFromDocument === false, 'the row to stop waiting for a title');
  });

  it('stop sharing closes the room for every device, forgets it, and clears the server copy on request', async () => {
    const spec = await createSpec('Secret', '# Secret\n\nthe plan\n');
    const { invite } = await startSharing(spec);
    const bob = await otherDevice(invite.room, invite.password);
    await eventually(() => bob.getText('markdown').toString().includes('the plan'), 'the other device to get the text');
    const copy = await stopSharing(spec.id);
    expect(await getPeerSession(spec.id)).toBeUndefined();
    expect(shareState(spec.id)).toBeUndefined();
    await eventually(() => isRoomClosed(bob, invite.room), 'the other device to learn the room is closed');
    const serverRoom = await websocketRoomName(invite.room, invite.password);
    expect(server.roomText(serverRoom)).toContain('the plan');
    await clearServerCopyOf(copy!);
    await eventually(() => server.roomText(serverRoom) === '', 'the server copy to be empty');
    // This device keeps its text; sharing again makes a new room.
    const again = await startSharing(spec);
    expect(again.invite.room).not.toBe(invite.room);
    expect(again.invite.password).not.toBe(invite.password);
    expect((await listPeerSessions()).map((r) => r.specId)).toContain(spec.id);
  });
});
