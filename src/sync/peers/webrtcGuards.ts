import { StuckConnectionReaper, type PendingConnection } from '../stuckPeers';
import { SilentConnectionReaper, type OpenConnection } from '../silentPeers';
import { announceGate, stampConnections, type AnnounceGate, type GateRoom, type GateSignaling } from './announceGate';

/** The watchdogs' tick: an unanswered offer is found within UNANSWERED_AFTER_MS + this. */
export const WATCHDOG_EVERY_MS = 500;

/** The parts of a y-webrtc provider the guards use (y-webrtc keeps them as plain fields). */
export interface GuardedProvider {
  key: PromiseLike<CryptoKey | null> | CryptoKey | null;
  room: GateRoom | null;
  signalingConns: unknown[];
  shouldConnect: boolean;
}

export interface WebrtcGuards {
  /** Call after provider.connect(): y-webrtc makes new signaling connections after being offline. */
  connected(): void;
  /** Call before provider.destroy(). */
  stop(): void;
}

/**
 * What every y-webrtc provider of the app gets, a spec's peers (peers.ts) as a pairing's rooms
 * (devices/room.ts), so reconnecting behaves the same in both: the smaller peer id offers
 * (peers/initiator.ts, put between the signaling connections and the room by announceGate.ts),
 * an offer unanswered or a connection unopened too long is dropped and redone (stuckPeers.ts),
 * and with `silent`, an open connection that brought nothing for a while is closed
 * (silentPeers.ts: only where a heartbeat keeps open connections talking).
 *
 * y-webrtc decrypts each signaling message with the room key and does not catch a failure: a
 * device with another password in the room would throw an uncaught OperationError into the
 * page. The gate reads every room message first, so it counts the messages that will fail;
 * exactly those rejections are quieted, no others.
 */
export function guardWebrtc(p: GuardedProvider, opts: { silent?: boolean } = {}): WebrtcGuards {
  let undecryptable = 0;
  const quiet = (e: PromiseRejectionEvent) => {
    const reason = e.reason as { name?: unknown } | null;
    if (undecryptable > 0 && reason?.name === 'OperationError') {
      undecryptable--;
      e.preventDefault();
    }
  };
  globalThis.addEventListener?.('unhandledrejection', quiet);
  const reaper = new StuckConnectionReaper();
  const silent = opts.silent ? new SilentConnectionReaper() : undefined;
  let gate: AnnounceGate | undefined;
  let stopped = false;
  const watchSignaling = () => {
    if (gate) for (const c of p.signalingConns as GateSignaling[]) gate.watch(c);
  };
  void Promise.resolve(p.key).then(() => {
    // y-webrtc opens the room as the key resolves (its handler runs before this one).
    if (!p.room || stopped) return;
    const room = p.room;
    gate = announceGate(room, stampConnections(room), (e) => {
      if ((e as { name?: unknown } | null)?.name === 'OperationError') undecryptable++;
    });
    watchSignaling();
  });
  const watchdog = setInterval(() => {
    if (!p.shouldConnect || !p.room) return;
    const conns = [...p.room.webrtcConns.values()] as unknown[];
    reaper.reap(conns as PendingConnection[], Date.now());
    silent?.reap(conns as OpenConnection[], Date.now());
  }, WATCHDOG_EVERY_MS);
  return {
    connected: watchSignaling,
    stop: () => {
      stopped = true;
      clearInterval(watchdog);
      gate?.stop();
      // Messages already in flight may still fail to decrypt; leave the guard a moment longer.
      setTimeout(() => globalThis.removeEventListener?.('unhandledrejection', quiet), 5_000);
    },
  };
}
