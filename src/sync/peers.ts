import type * as Y from 'yjs';
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import { acquireSpec } from './specSession';
import { guardWebrtc, type GuardedProvider } from './peers/webrtcGuards';
import { watchRoomClosed } from './peers/closedRooms';
import { websocketRoomName } from './peers/roomName';
import { guardClosingUpdates } from './peers/closingGuard';
import { deviceId } from './peers/deviceId';
import { PeerDevices, startHeartbeat, BEAT_EVERY_MS, type PeerDevice } from './peers/heartbeat';
import { webrtcHellos, websocketHellos, type HelloExchange } from './peers/helloExchange';

/**
 * A spec shared with other devices. Nothing of this runs until a person shares or joins:
 * the tab channel of specSession never leaves the browser.
 *
 * - webrtc: y-webrtc in a room whose signaling messages and BroadcastChannel traffic are
 *   encrypted with the room password (AES-GCM, key derived by PBKDF2 from the password and
 *   the room name), so the signaling server only ever sees the room name and ciphertext.
 *   The document itself travels peer to peer over DTLS data channels.
 * - websocket: y-websocket against a server the person runs. That server sees the document;
 *   the password only picks the room, so a wrong password lands in an empty room.
 */
export type PeerTransport = 'webrtc' | 'websocket';

export interface PeerConfig {
  transport: PeerTransport;
  room: string;
  password: string;
  /** y-webrtc signaling servers (ws:// or wss://). */
  signaling: string[];
  /** STUN/TURN URLs; none means host candidates only (same machine or LAN, no third party). */
  iceServers: string[];
  /** y-websocket server, e.g. ws://127.0.0.1:1234. */
  websocketUrl: string;
  /**
   * Who opened the room. A device that joined by a link waits for the others' keyed hellos
   * (up to HELLO_WAIT_MS) before joining, and stays out when its password does not match.
   */
  role?: 'sharer' | 'joiner';
}

/** How long a joining device waits for the others' hellos before joining the room anyway. */
export const HELLO_WAIT_MS = 2_000;

export interface PeerStatus {
  transport: PeerTransport;
  /** The provider is trying to reach others (false while the browser is offline or stopped). */
  active: boolean;
  /** Other devices here now, by their heartbeats (a server is not a peer). */
  connections: number;
  /** Every other device this session has heard from: here or away, last in sync. */
  devices: Omit<PeerDevice, 'clients'>[];
  /** This device has edits that no other device has yet (by their state vectors). */
  unsentEdits: boolean;
  /** The servers the session goes through (signaling, or the y-websocket server). */
  servers: { url: string; reachable: boolean | undefined }[];
  /** Why the session could not start (the provider failed to load), in words. */
  problem?: string;
  /**
   * From the keyed hellos: 'mine' when this device's password differs from the other devices'
   * (it stays out of the room), 'theirs' when a device with another password tried to join.
   */
  passwordMismatch?: 'mine' | 'theirs';
}

/** What an earlier session knew of a device (kept with the session in the store). */
export interface RememberedDevice {
  device: string;
  name: string;
  lastSeenAt: number;
  lastInSyncAt?: number;
}

export interface PeerHandle {
  readonly config: PeerConfig;
  status(): PeerStatus;
  onStatus(listener: (status: PeerStatus) => void): () => void;
  stop(): void;
}

interface Provider {
  connect(): void;
  disconnect(): void;
  /** Resolves once the provider has really left (y-webrtc leaves its room asynchronously). */
  destroy(): Promise<void>;
  servers(): { url: string; reachable: boolean | undefined }[];
  on(event: string, f: () => void): void;
}

interface ServerConn {
  url: string;
  connected: boolean;
  unsuccessfulReconnects?: number;
}
const reachability = (c: ServerConn) => ({ url: c.url, reachable: c.connected ? true : (c.unsuccessfulReconnects ?? 0) > 0 ? false : undefined });

// The providers (y-webrtc with simple-peer, y-websocket) load only when some spec is shared or
// joined: a browser that never shares never downloads them.
async function webrtc(config: PeerConfig, doc: Y.Doc, awareness: Awareness): Promise<Provider> {
  const { WebrtcProvider } = await import('y-webrtc');
  const p = new WebrtcProvider(config.room, doc, {
    signaling: config.signaling,
    password: config.password,
    awareness,
    peerOpts: { config: { iceServers: config.iceServers.map((urls) => ({ urls })) } },
  });
  // The smaller peer id offers, stuck and silent connections are redone (peers/webrtcGuards.ts).
  const guards = guardWebrtc(p as unknown as GuardedProvider, { silent: true });
  return {
    connect: () => {
      p.connect();
      guards.connected();
    },
    disconnect: () => p.disconnect(),
    destroy: () => {
      guards.stop();
      p.destroy();
      return Promise.resolve(p.key).then(() => undefined);
    },
    servers: () => (p.signalingConns as unknown as ServerConn[]).map(reachability),
    on: (event, f) => p.on(event as 'peers', f),
  };
}

async function websocket(config: PeerConfig, doc: Y.Doc, awareness: Awareness, onClosed: () => void): Promise<Provider> {
  const { WebsocketProvider } = await import('y-websocket');
  // The tab channel already links this browser's tabs; a second BroadcastChannel is noise.
  const p = new WebsocketProvider(config.websocketUrl, await websocketRoomName(config.room, config.password), doc, { awareness, disableBc: true });
  guardClosingUpdates(p.messageHandlers as unknown as Parameters<typeof guardClosingUpdates>[0], config.room, onClosed);
  return {
    connect: () => p.connect(),
    disconnect: () => p.disconnect(),
    destroy: () => (p.destroy(), Promise.resolve()),
    servers: () => [reachability({ url: config.websocketUrl, connected: p.wsconnected, unsuccessfulReconnects: p.wsUnsuccessfulReconnects })],
    on: (event, f) => p.on(event as 'status', f),
  };
}

/**
 * Joins (or creates) the room of `config` for a spec; stop() leaves it. `onRoomClosed` is called
 * when a device marks the room closed ("Stop sharing" there): the caller ends the session.
 */
export function startPeerSession(
  specId: string,
  config: PeerConfig,
  onRoomClosed: () => void = () => undefined,
  remembered: readonly RememberedDevice[] = [],
): PeerHandle {
  const { session, release } = acquireSpec(specId);
  const { doc, awareness } = session;
  const devices = new PeerDevices(deviceId());
  for (const r of remembered) devices.remember(r.device, r.name, r.lastSeenAt, r.lastInSyncAt);
  const away = new Set<string>();
  const listeners = new Set<(s: PeerStatus) => void>();
  let provider: Provider | undefined;
  let stopped = false;
  let active = typeof navigator === 'undefined' || navigator.onLine !== false;

  let problem: string | undefined;
  let hellos: HelloExchange | undefined;
  const status = (): PeerStatus => {
    const now = Date.now();
    devices.observe(awareness, doc, now);
    const list = devices.list(doc, now);
    return {
      transport: config.transport,
      active: active && !stopped,
      connections: list.filter((d) => d.here).length,
      devices: list.map(({ clients: _clients, ...d }) => d),
      unsentEdits: devices.unsentEdits(doc, now),
      servers: provider?.servers() ?? [],
      ...(problem ? { problem } : {}),
      ...(hellos?.verdicts.passwordMismatch ? { passwordMismatch: config.role === 'joiner' ? ('mine' as const) : ('theirs' as const) } : {}),
    };
  };
  const emit = () => listeners.forEach((l) => l(status()));
  // Once a second: a device whose heartbeats stopped is away, and its tabs leave the list of
  // people at once (awareness alone would keep them 30 s).
  const tick = () => {
    const now = Date.now();
    devices.observe(awareness, doc, now);
    for (const d of devices.list(doc, now)) {
      if (d.here) away.delete(d.device);
      else if (!away.has(d.device)) {
        away.add(d.device);
        removeAwarenessStates(awareness, d.clients.filter((c) => c !== doc.clientID), 'away');
      }
    }
    emit();
  };
  const ticker = setInterval(tick, BEAT_EVERY_MS);
  const stopBeat = startHeartbeat(awareness, doc, deviceId());

  // Leaving a room clears this client's awareness state, which the tab channel shares too: keep
  // it, so this tab's cursor and name stay visible to the other tabs.
  const keepingPresence = (f: () => void) => {
    const mine = awareness.getLocalState();
    f();
    if (mine && !awareness.getLocalState()) awareness.setLocalState(mine);
  };

  const attach = (p: Provider) => {
    provider = p;
    for (const event of ['peers', 'synced', 'status']) p.on(event, emit);
    if (!active) keepingPresence(() => p.disconnect());
    emit();
  };
  const closed = () => {
    if (!stopped) onRoomClosed();
  };
  // The keyed hello first; a joiner joins once a hello verified, or no hello came within
  // HELLO_WAIT_MS (nobody else is online), and never while only other passwords answer.
  let starting: Promise<void> | undefined;
  let gateOpen = config.role !== 'joiner';
  const mismatchMine = () => config.role === 'joiner' && !!hellos?.verdicts.passwordMismatch;
  const maybeStart = () => {
    if (stopped || !gateOpen) return;
    if (mismatchMine()) {
      // A wrong link: leave the room (the others' text must not be asked for with it).
      if (provider && active) keepingPresence(() => provider!.disconnect());
      return emit();
    }
    if (provider) {
      if (active) provider.connect();
      return emit();
    }
    starting ??= (config.transport === 'webrtc' ? webrtc(config, doc, awareness) : websocket(config, doc, awareness, closed)).then(
      (p) => (stopped ? void p.destroy() : attach(p)),
      (e: unknown) => {
        problem = `the connection code did not load (${e instanceof Error ? e.message : String(e)})`;
        emit();
      },
    );
  };
  const onHello = () => {
    if (config.role === 'joiner' && hellos?.verdicts.matched.size) gateOpen = true;
    maybeStart();
  };
  const device = deviceId();
  const helloReady = (
    config.transport === 'webrtc'
      ? webrtcHellos(config.signaling, config.room, config.password, device, () => onHello())
      : websocketHellos(config.websocketUrl, config.room, config.password, device, () => onHello())
  ).then(
    (h) => {
      if (stopped) return h.destroy();
      hellos = h;
      maybeStart();
    },
    () => undefined, // no WebCrypto or no WebSocket: the session runs without the hello
  );
  const gateTimer = setTimeout(() => ((gateOpen = true), maybeStart()), config.role === 'joiner' ? HELLO_WAIT_MS : 0);
  const attached = () => starting ?? Promise.resolve();
  const unwatchClosed = watchRoomClosed(doc, config.room, closed);
  awareness.on('change', emit);

  // Offline, the session pauses; back online it reconnects and the sync protocol exchanges
  // state vectors, so edits made on either side while apart merge.
  const offline = () => {
    active = false;
    if (provider) keepingPresence(() => provider!.disconnect());
    emit();
  };
  const online = () => {
    active = true;
    maybeStart();
  };
  globalThis.addEventListener?.('offline', offline);
  globalThis.addEventListener?.('online', online);

  return {
    config,
    status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      globalThis.removeEventListener?.('offline', offline);
      globalThis.removeEventListener?.('online', online);
      awareness.off('change', emit);
      unwatchClosed();
      clearInterval(ticker);
      stopBeat();
      emit();
      listeners.clear();
      const mine = awareness.getLocalState();
      clearTimeout(gateTimer);
      void helloReady.then(() => hellos?.destroy());
      const left = attached().then(() => (provider ? provider.destroy() : undefined));
      void left.then(() => {
        if (mine && !awareness.getLocalState()) awareness.setLocalState(mine);
        release();
      });
    },
  };
}
