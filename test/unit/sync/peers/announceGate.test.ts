import { describe, expect, it } from 'vitest';
import * as buffer from 'lib0/buffer';
// y-webrtc's own encryption, so the gate is checked against the format y-webrtc really sends.
// @ts-expect-error -- plain JS; its types (dist/src/crypto.d.ts) are not where the import points
import * as yCrypto from '../../../../node_modules/y-webrtc/src/crypto.js';
const { decryptJson, deriveKey, encryptJson } = yCrypto as typeof import('../../../../node_modules/y-webrtc/dist/src/crypto');
import { announceGate, stampConnections, type GateRoom, type GateSignaling } from '../../../../src/sync/peers/announceGate';

type Listener = (...args: unknown[]) => void;

function signaling(): GateSignaling & { sent: unknown[]; got: unknown[] } {
  const s = { connected: true, sent: [] as unknown[], got: [] as unknown[], _observers: new Map<string, Set<Listener>>(), send: (m: unknown) => void s.sent.push(m) };
  // y-webrtc's own listener, which the gate wraps.
  s._observers.set('message', new Set([(m: unknown) => void s.got.push(m)]));
  return s;
}
const emit = (s: GateSignaling, m: unknown) => s._observers.get('message')!.forEach((f) => f(m, s));

async function setup(peerId: string) {
  const key = await deriveKey('secret', 'room-1');
  const room: GateRoom = { name: 'room-1', peerId, key, webrtcConns: new Map(), bcConns: new Set() };
  let now = 0;
  const age = stampConnections(room, () => now);
  const undecryptable: unknown[] = [];
  const gate = announceGate(room, age, (e) => undecryptable.push(e));
  const sig = signaling();
  gate.watch(sig);
  gate.watch(sig); // once only
  const publish = async (data: object, k: CryptoKey = key) => ({ type: 'publish', topic: 'room-1', data: buffer.toBase64(await encryptJson(data, k)) });
  return { room, sig, gate, key, publish, undecryptable, tick: (ms: number) => (now += ms) };
}

describe('announceGate', () => {
  it('hands an announce to y-webrtc when this device is the one to offer', async () => {
    const { sig, gate, publish } = await setup('aaa');
    const m = await publish({ type: 'announce', from: 'bbb' });
    emit(sig, m);
    await gate.settled();
    expect(sig.got).toEqual([m]);
    expect(sig.sent).toEqual([]);
  });

  it('answers an announce with one addressed to the smaller id, when the other device is to offer', async () => {
    const { sig, gate, publish, key } = await setup('bbb');
    emit(sig, await publish({ type: 'announce', from: 'aaa' }));
    await gate.settled();
    expect(sig.got).toEqual([]);
    expect(sig.sent).toHaveLength(1);
    const sent = sig.sent[0] as { type: string; topic: string; data: string };
    expect([sent.type, sent.topic]).toEqual(['publish', 'room-1']);
    expect(await decryptJson(buffer.fromBase64(sent.data), key)).toEqual({ type: 'announce', from: 'bbb', to: 'aaa' });
  });

  it('closes a connection that is still not open when its other end announces itself again', async () => {
    const { sig, gate, publish, room, tick } = await setup('aaa');
    let destroyed = 0;
    room.webrtcConns.set('bbb', { connected: false, peer: { destroy: () => void destroyed++ } });
    emit(sig, await publish({ type: 'announce', from: 'bbb' }));
    await gate.settled();
    expect(destroyed).toBe(0); // a handshake just begun is left alone
    tick(2_000);
    emit(sig, await publish({ type: 'announce', from: 'bbb' }));
    await gate.settled();
    expect(destroyed).toBe(1);
    expect(sig.got).toEqual([]);
  });

  it('passes every other message on unchanged and in order; other topics at once', async () => {
    const { sig, gate, publish } = await setup('bbb');
    const offer = await publish({ type: 'signal', from: 'aaa', to: 'bbb', token: 1.5, signal: { type: 'offer', sdp: 'v=0' } });
    const candidate = await publish({ type: 'signal', from: 'aaa', to: 'bbb', token: 1.5, signal: { candidate: {} } });
    const elsewhere = { type: 'publish', topic: 'other-room', data: 'x' };
    emit(sig, offer);
    emit(sig, candidate);
    emit(sig, elsewhere);
    expect(sig.got).toEqual([elsewhere]);
    await gate.settled();
    expect(sig.got).toEqual([elsewhere, offer, candidate]);
  });

  it('tells of a message sealed with another password, and still hands it on', async () => {
    const { sig, gate, publish, undecryptable } = await setup('aaa');
    const m = await publish({ type: 'announce', from: 'eve' }, await deriveKey('wrong', 'room-1'));
    emit(sig, m);
    await gate.settled();
    expect(undecryptable.map((e) => (e as Error).name)).toEqual(['OperationError']);
    expect(sig.got).toEqual([m]);
  });

  it('lets everything through once stopped', async () => {
    const { sig, publish, gate } = await setup('bbb');
    gate.stop();
    const m = await publish({ type: 'announce', from: 'aaa' });
    emit(sig, m);
    await gate.settled();
    expect(sig.got).toEqual([m]);
    expect(sig.sent).toEqual([]);
  });
});
