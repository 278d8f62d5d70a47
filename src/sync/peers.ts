import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { acquireSpec } from './specSession';
import { StuckConnectionReaper } from './stuckPeers';
import { watchRoomClosed } from './peers/closedRooms';
import { websocketRoomName } from './peers/roomName';
import { guardClosingUpdates } from './peers/closingGuard';

const WATCHDOG_EVERY_MS = 3_000;

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
}

export interface PeerStatus {
  transport: PeerTransport;
  /** The provider is trying to reach others (false while the browser is offline or stopped). */
  active: boolean;
  /** Devices connected right now (webrtc data channels, or the websocket server). */
  connections: number;
  /** Why the session could not start (the provider failed to load), in words. */
  problem?: string;
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
  connections(): number;
  on(event: string, f: () => void): void;
}

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
  const reaper = new StuckConnectionReaper();
  const watchdog = setInterval(() => {
    if (p.shouldConnect && p.room) reaper.reap(p.room.webrtcConns.values(), Date.now());
  }, WATCHDOG_EVERY_MS);
  return {
    connect: () => p.connect(),
    disconnect: () => p.disconnect(),
    destroy: () => {
      clearInterval(watchdog);
      p.destroy();
      return Promise.resolve(p.key).then(() => undefined);
    },
    connections: () => [...(p.room?.webrtcConns.values() ?? [])].filter((c) => c.connected).length,
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
    connections: () => (p.wsconnected ? 1 : 0),
    on: (event, f) => p.on(event as 'status', f),
  };
}

/**
 * Joins (or creates) the room of `config` for a spec; stop() leaves it. `onRoomClosed` is called
 * when a device marks the room closed ("Stop sharing" there): the caller ends the session.
 */
export function startPeerSession(specId: string, config: PeerConfig, onRoomClosed: () => void = () => undefined): PeerHandle {
  const { session, release } = acquireSpec(specId);
  const { doc, awareness } = session;
  const listeners = new Set<(s: PeerStatus) => void>();
  let provider: Provider | undefined;
  let stopped = false;
  let active = typeof navigator === 'undefined' || navigator.onLine !== false;

  let problem: string | undefined;
  const status = (): PeerStatus => ({
    transport: config.transport,
    active: active && !stopped,
    connections: provider?.connections() ?? 0,
    ...(problem ? { problem } : {}),
  });
  const emit = () => listeners.forEach((l) => l(status()));

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
  const made = config.transport === 'webrtc' ? webrtc(config, doc, awareness) : websocket(config, doc, awareness, closed);
  const attached = made.then(
    (p) => (stopped ? void p.destroy() : attach(p)),
    (e: unknown) => {
      problem = `the connection code did not load (${e instanceof Error ? e.message : String(e)})`;
      emit();
    },
  );
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
    provider?.connect();
    emit();
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
      emit();
      listeners.clear();
      const mine = awareness.getLocalState();
      const left = attached.then(() => (provider ? provider.destroy() : undefined));
      void left.then(() => {
        if (mine && !awareness.getLocalState()) awareness.setLocalState(mine);
        release();
      });
    },
  };
}
