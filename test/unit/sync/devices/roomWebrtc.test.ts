import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as buffer from 'lib0/buffer';
// y-webrtc's own encryption, so the messages are read as y-webrtc really sends them.
// @ts-expect-error -- plain JS; its types (dist/src/crypto.d.ts) are not where the import points
import * as yCrypto from '../../../../node_modules/y-webrtc/src/crypto.js';
const { decryptJson, deriveKey, encryptJson } = yCrypto as typeof import('../../../../node_modules/y-webrtc/dist/src/crypto');
import { joinRoom, type RoomLink } from '../../../../src/sync/devices/room';
import { UNANSWERED_AFTER_MS } from '../../../../src/sync/stuckPeers';
import { WATCHDOG_EVERY_MS } from '../../../../src/sync/peers/webrtcGuards';

/*
 * A pairing's room over the real y-webrtc, with the browser's WebSocket (to the signaling server)
 * and RTCPeerConnection replaced by fakes that record what is sent: the room must reconnect as a
 * spec's peers do (peers/webrtcGuards.ts). Another device is a peer id that publishes announces.
 */
type Sent = { type: string; topic?: string; data?: string };

class FakeSocket {
  static all: FakeSocket[] = [];
  sent: Sent[] = [];
  binaryType = '';
  onopen?: () => void;
  onmessage?: (e: { data: string }) => void;
  onclose?: () => void;
  onerror?: (e: unknown) => void;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(s: string) {
    this.sent.push(JSON.parse(s) as Sent);
  }
  close() {
    this.onclose?.();
  }
}

/** Enough of an RTCPeerConnection for simple-peer to make an offer that nobody answers. */
class FakePeerConnection {
  static all: FakePeerConnection[] = [];
  signalingState = 'stable';
  localDescription: { type: string; sdp: string } | null = null;
  closed = false;
  constructor() {
    FakePeerConnection.all.push(this);
  }
  createDataChannel() {
    return { readyState: 'connecting', close() {} };
  }
  createOffer() {
    return Promise.resolve({ type: 'offer', sdp: 'v=0\r\n' });
  }
  setLocalDescription(d: { type: string; sdp: string }) {
    this.signalingState = 'have-local-offer';
    this.localDescription = d;
    return Promise.resolve();
  }
  close() {
    this.closed = true;
    this.signalingState = 'closed';
  }
}

const g = globalThis as unknown as { WebSocket?: unknown; RTCPeerConnection?: unknown };
let link: RoomLink | undefined;
let n = 0;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  g.WebSocket = FakeSocket;
  g.RTCPeerConnection = FakePeerConnection;
  FakeSocket.all = [];
  FakePeerConnection.all = [];
});
afterEach(() => {
  link?.destroy();
  link = undefined;
  vi.useRealTimers();
  delete g.WebSocket;
  delete g.RTCPeerConnection;
});

/** Joins a fresh room over WebRTC; resolves once y-webrtc announced itself on the signaling server. */
async function join() {
  const room = `pairing-room-${++n}`;
  const password = 'pairing secret';
  link = joinRoom(new Y.Doc(), { transport: 'webrtc', server: `ws://signal.test/${n}`, room, password });
  const key = (await deriveKey(password, room)) as CryptoKey;
  const socket = FakeSocket.all.find((s) => s.url === `ws://signal.test/${n}`)!;
  socket.onopen!();
  const published = async () => {
    const out: Record<string, unknown>[] = [];
    for (const m of socket.sent) if (m.type === 'publish' && m.topic === room) out.push((await decryptJson(buffer.fromBase64(m.data!), key)) as Record<string, unknown>);
    return out;
  };
  await vi.waitFor(async () => expect((await published()).some((m) => m.type === 'announce')).toBe(true));
  const mine = String((await published()).find((m) => m.type === 'announce')!.from);
  const hear = async (message: object) => socket.onmessage!({ data: JSON.stringify({ type: 'publish', topic: room, data: buffer.toBase64(await encryptJson(message, key)) }) });
  return { mine, published, hear };
}

describe('a pairing room over WebRTC reconnects as a spec\'s peers do', () => {
  it('asks a device with a smaller peer id to offer instead of offering to it', async () => {
    const { mine, published, hear } = await join();
    await hear({ type: 'announce', from: '0000' });
    await vi.waitFor(async () => expect(await published()).toContainEqual({ type: 'announce', from: mine, to: '0000' }));
    expect(FakePeerConnection.all).toHaveLength(0);
    expect((await published()).filter((m) => m.type === 'signal')).toEqual([]);
  });

  it('offers to a device with a larger peer id; an offer unanswered for 2.5 s is dropped and y-webrtc announces again', async () => {
    const { mine, published, hear } = await join();
    await hear({ type: 'announce', from: 'zzzz' });
    await vi.waitFor(async () => expect((await published()).filter((m) => m.type === 'signal' && m.to === 'zzzz')).toHaveLength(1));
    const [pc] = FakePeerConnection.all;
    expect(pc!.signalingState).toBe('have-local-offer');
    const announces = (await published()).filter((m) => m.type === 'announce' && m.from === mine).length;

    await vi.advanceTimersByTimeAsync(UNANSWERED_AFTER_MS - WATCHDOG_EVERY_MS);
    expect(pc!.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * WATCHDOG_EVERY_MS);
    expect(pc!.closed).toBe(true);
    await vi.waitFor(async () => expect((await published()).filter((m) => m.type === 'announce' && m.from === mine).length).toBe(announces + 1));
  });
});
