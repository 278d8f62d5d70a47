import { WebrtcProvider } from 'y-webrtc';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { guardWebrtc, type GuardedProvider } from '../peers/webrtcGuards';

/**
 * One Yjs document in one room of a pairing, through the engines the app already uses:
 * y-websocket against a server the person runs, or y-webrtc with its signaling server and the
 * room password (y-webrtc then encrypts its signaling and tab traffic with it). Kept apart from
 * the spec-sharing providers: a pairing's rooms have their own names, passwords and lifetime.
 */
export interface RoomConfig {
  transport: 'webrtc' | 'websocket';
  /** The y-websocket server, or the signaling server. */
  server: string;
  room: string;
  /** y-webrtc's room password (ignored by y-websocket, whose documents are sealed instead). */
  password: string;
}

export interface RoomLink {
  /** Connected to the server (websocket) or to at least one peer (webrtc). */
  connected(): boolean;
  /**
   * The server answers: the y-websocket server, or a signaling server (webrtc), with or without
   * a peer yet. While a pairing link waits for the other device, over WebRTC there is no peer
   * until it comes, and "connecting to the server" would be wrong.
   */
  reachable(): boolean;
  /** Holds what the server (websocket) or a peer (webrtc) held when it connected. */
  synced(): boolean;
  onChange(f: () => void): () => void;
  /** Leaves the room without forgetting it (nothing is sent or received), or joins it again. */
  setOnline(on: boolean): void;
  destroy(): void;
}

interface SignalingEvents {
  on(event: 'connect' | 'disconnect', f: () => void): void;
  off(event: 'connect' | 'disconnect', f: () => void): void;
}

export function joinRoom(doc: Y.Doc, config: RoomConfig): RoomLink {
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((f) => f());
  if (config.transport === 'websocket') {
    // Tabs of this browser must not pair with each other: no BroadcastChannel.
    const p = new WebsocketProvider(config.server, config.room, doc, { disableBc: true });
    p.on('status', emit);
    p.on('sync', emit);
    return {
      connected: () => p.wsconnected,
      reachable: () => p.wsconnected,
      synced: () => p.wsconnected && p.synced,
      onChange: (f) => (listeners.add(f), () => listeners.delete(f)),
      setOnline: (on) => (on ? p.connect() : p.disconnect()),
      destroy: () => p.destroy(),
    };
  }
  const p = new WebrtcProvider(config.room, doc, { signaling: [config.server], password: config.password, filterBcConns: true, peerOpts: { config: { iceServers: [] } } });
  // Reconnecting as a spec's peers do: the smaller peer id offers, an offer unanswered for
  // 2.5 s is dropped and redone (peers/webrtcGuards.ts). Not the silent-connection watchdog:
  // nothing here beats while idle, so a quiet open connection is not a lost one.
  const guards = guardWebrtc(p as unknown as GuardedProvider);
  p.on('peers', emit);
  p.on('synced', emit);
  // Signaling connections are shared by every provider of the page and may be open already;
  // y-webrtc makes new ones after going offline.
  const watched = new Set<SignalingEvents>();
  const watchSignaling = () => {
    for (const c of p.signalingConns as unknown as SignalingEvents[]) {
      if (watched.has(c)) continue;
      watched.add(c);
      c.on('connect', emit);
      c.on('disconnect', emit);
    }
  };
  watchSignaling();
  return {
    connected: () => [...(p.room?.webrtcConns.values() ?? [])].some((c) => c.connected),
    reachable: () => p.signalingConns.some((c) => c.connected),
    synced: () => [...(p.room?.webrtcConns.values() ?? [])].some((c) => c.connected && c.synced),
    onChange: (f) => (listeners.add(f), () => listeners.delete(f)),
    setOnline: (on) => {
      if (on) {
        p.connect();
        guards.connected();
        watchSignaling();
      } else p.disconnect();
      emit();
    },
    destroy: () => {
      for (const c of watched) {
        c.off('connect', emit);
        c.off('disconnect', emit);
      }
      guards.stop();
      p.destroy();
    },
  };
}
