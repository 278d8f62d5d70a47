/**
 * A watchdog for y-webrtc connections that never open. Only one side of a pair offers
 * (peers/initiator.ts), but an offer can still be lost (see UNANSWERED_AFTER_MS) or a
 * handshake left half done, and one side is left holding a connection that never opens.
 * y-webrtc only announces itself again when a connection closes or fails, and a connection
 * that hangs fails only when the browser gives up on ICE, half a minute or more later: so
 * long, the two devices show each other nothing. Closing such a connection
 * after a while makes y-webrtc announce again, and the next attempt normally opens at once.
 */
export interface PendingConnection {
  connected: boolean;
  closed?: boolean;
  /** simple-peer keeps its RTCPeerConnection as `_pc`. */
  peer: { destroy(): void; _pc?: { signalingState?: string } };
}

/** A connection still not open after this long is closed (a loopback or LAN one opens in ~1 s). */
export const STUCK_AFTER_MS = 12_000;

/**
 * An offer still unanswered after this long is lost: the answer is one trip through the
 * signaling server (a few hundred ms, 0.7 s at a load of 20 on 2 cores). It is lost when the
 * other side was not listening (it had just left the room, or the offer left through a
 * signaling connection closed meanwhile) or dropped its half of the handshake; it never
 * answers, and its announces do not reach y-webrtc's offer while that waits.
 */
export const UNANSWERED_AFTER_MS = 2_500;

export class StuckConnectionReaper {
  private readonly firstSeen = new WeakMap<PendingConnection, number>();
  private readonly offeredAt = new WeakMap<PendingConnection, number>();

  constructor(
    private readonly stuckAfterMs = STUCK_AFTER_MS,
    private readonly unansweredAfterMs = UNANSWERED_AFTER_MS,
  ) {}

  /** Closes the connections that have been opening, or waiting for an answer, too long; returns how many. */
  reap(connections: Iterable<PendingConnection>, now: number): number {
    let closed = 0;
    for (const conn of connections) {
      if (conn.connected || conn.closed) continue;
      const since = this.firstSeen.get(conn);
      if (since === undefined) this.firstSeen.set(conn, now);
      const offering = conn.peer._pc?.signalingState === 'have-local-offer';
      const offered = this.offeredAt.get(conn);
      if (offering && offered === undefined) this.offeredAt.set(conn, now);
      if (!offering) this.offeredAt.delete(conn);
      const stuck = since !== undefined && now - since >= this.stuckAfterMs;
      const unanswered = offering && offered !== undefined && now - offered >= this.unansweredAfterMs;
      if (stuck || unanswered) {
        conn.peer.destroy();
        closed++;
      }
    }
    return closed;
  }
}
