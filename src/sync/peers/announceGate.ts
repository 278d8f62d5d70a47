import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as buffer from 'lib0/buffer';
import { onAnnounce } from './initiator';

/**
 * Puts the initiator rule (initiator.ts) between y-webrtc's signaling connections and its room:
 * every message of the room is read here first (decrypted with the room key, as y-webrtc does);
 * announces are decided on, everything else reaches y-webrtc unchanged and in order. y-webrtc
 * keeps these internals (a room's connections and key, a signaling connection's listeners) as
 * plain fields; the shapes below are the few this needs.
 */
interface Conn {
  connected: boolean;
  closed?: boolean;
  peer: { destroy(): void };
}
export interface GateRoom {
  name: string;
  peerId: string;
  key: CryptoKey | null;
  webrtcConns: Map<string, Conn>;
  bcConns: Set<string>;
}
type Listener = (...args: unknown[]) => void;
export interface GateSignaling {
  connected: boolean;
  send(message: unknown): void;
  _observers: Map<string, Set<Listener>>;
}
interface SignalingMessage {
  type?: string;
  topic?: string;
  data?: unknown;
}
interface RoomMessage {
  type?: string;
  from?: string;
  to?: string;
}

async function decrypt(data: string, key: CryptoKey): Promise<unknown> {
  const d = decoding.createDecoder(buffer.fromBase64(data));
  if (decoding.readVarString(d) !== 'AES-GCM') return undefined;
  const iv = decoding.readVarUint8Array(d);
  const cipher = decoding.readVarUint8Array(d);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, key, cipher as Uint8Array<ArrayBuffer>);
  return decoding.readAny(decoding.createDecoder(new Uint8Array(plain)));
}

async function encrypt(message: RoomMessage, key: CryptoKey): Promise<string> {
  const e = encoding.createEncoder();
  encoding.writeAny(e, message as { [k: string]: string });
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>);
  const out = encoding.createEncoder();
  encoding.writeVarString(out, 'AES-GCM');
  encoding.writeVarUint8Array(out, iv);
  encoding.writeVarUint8Array(out, new Uint8Array(cipher));
  return buffer.toBase64(encoding.toUint8Array(out));
}

/**
 * Stamps each connection y-webrtc adds to the room with the time it was made (y-webrtc keeps no
 * such time); returns how old a connection is.
 */
export function stampConnections(room: { webrtcConns: Map<string, Conn> }, now: () => number = Date.now): (conn: Conn) => number {
  const made = new WeakMap<Conn, number>();
  const conns = room.webrtcConns;
  for (const c of conns.values()) made.set(c, now());
  const set = conns.set.bind(conns);
  conns.set = (key, conn) => {
    if (!made.has(conn)) made.set(conn, now());
    return set(key, conn);
  };
  return (conn) => now() - (made.get(conn) ?? now());
}

export interface AnnounceGate {
  /** Puts the gate on a signaling connection (once; y-webrtc makes new ones after going offline). */
  watch(conn: GateSignaling): void;
  /** Lets everything through from now on (the provider is leaving). */
  stop(): void;
  /** Resolves once every room message received so far has been handled. */
  settled(): Promise<void>;
}

/** `age(conn)`: milliseconds since y-webrtc made that connection. */
/**
 * `onUndecryptable(error)`: a message of the room did not decrypt with this key (another
 * password); y-webrtc is handed it next and fails the same way.
 */
export function announceGate(room: GateRoom, age: (conn: Conn) => number, onUndecryptable: (error: unknown) => void = () => undefined): AnnounceGate {
  const watched = new WeakSet<GateSignaling>();
  let stopped = false;

  /** Acts on an announce; true when y-webrtc is to have it. */
  const decide = async (from: string, signaling: GateSignaling): Promise<boolean> => {
    const conn = room.webrtcConns.get(from);
    const action = onAnnounce(room.peerId, from, conn && { connected: conn.connected, age: age(conn) });
    if (action === 'restart') conn!.peer.destroy();
    if (action === 'invite' && signaling.connected) {
      const invite: RoomMessage = { type: 'announce', from: room.peerId, to: from };
      const data = room.key ? await encrypt(invite, room.key) : invite;
      signaling.send({ type: 'publish', topic: room.name, data });
    }
    return action === 'forward';
  };
  let queue = Promise.resolve();

  return {
    watch(signaling) {
      if (watched.has(signaling)) return;
      watched.add(signaling);
      const listeners = signaling._observers.get('message');
      if (!listeners) return;
      const inner = [...listeners];
      listeners.clear();
      const pass = (args: unknown[]) => inner.forEach((f) => f(...args));
      // The room's messages are decrypted one after the other, so they reach y-webrtc in order.
      listeners.add((...args: unknown[]) => {
        const m = args[0] as SignalingMessage;
        if (m?.type !== 'publish' || m.topic !== room.name) return pass(args);
        queue = queue.then(async () => {
          let data: RoomMessage | undefined;
          try {
            data = (room.key ? await decrypt(String(m.data), room.key) : m.data) as RoomMessage | undefined;
          } catch (e) {
            onUndecryptable(e);
          }
          const announce = data?.type === 'announce' && typeof data.from === 'string' && data.from !== room.peerId;
          const forMe = data?.to === undefined || data.to === room.peerId;
          if (stopped || !announce || !forMe || room.bcConns.has(data!.from!) || (await decide(data!.from!, signaling))) pass(args);
        });
      });
    },
    stop() {
      stopped = true;
    },
    settled: () => queue,
  };
}
