/**
 * A watchdog for y-webrtc connections that never open. When two devices come back online at
 * the same moment, both announce themselves and both start a connection; y-webrtc settles
 * that glare with tokens, but now and then one side is left holding a connection whose ICE
 * never completes. y-webrtc only announces itself again when a connection closes or fails,
 * and a connection that hangs fails only when the browser gives up on ICE, half a minute or
 * more later: so long, the two devices show each other nothing. Closing such a connection
 * after a while makes y-webrtc announce again, and the next attempt normally opens at once.
 */
export interface PendingConnection {
  connected: boolean;
  closed?: boolean;
  peer: { destroy(): void };
}

/** A connection still not open after this long is closed (a loopback or LAN one opens in ~1 s). */
export const STUCK_AFTER_MS = 12_000;

export class StuckConnectionReaper {
  private readonly firstSeen = new WeakMap<PendingConnection, number>();

  constructor(private readonly stuckAfterMs = STUCK_AFTER_MS) {}

  /** Closes the connections that have been opening for too long; returns how many. */
  reap(connections: Iterable<PendingConnection>, now: number): number {
    let closed = 0;
    for (const conn of connections) {
      if (conn.connected || conn.closed) continue;
      const since = this.firstSeen.get(conn);
      if (since === undefined) this.firstSeen.set(conn, now);
      else if (now - since >= this.stuckAfterMs) {
        conn.peer.destroy();
        closed++;
      }
    }
    return closed;
  }
}
