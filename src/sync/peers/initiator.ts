/**
 * Who offers, when two devices find each other on the signaling server. y-webrtc lets every
 * device that hears an announce start an offer, and settles a clash (glare) with tokens that
 * exist only once an offer has been made. After a freeze both sides announce at once (the
 * awake one when the connection went silent, the frozen one on waking), both start an offer,
 * and an offer that arrives while the other side is still making its own is applied to it: that
 * side fails (setLocalDescription: InvalidStateError), closes and announces, while this side
 * keeps waiting for an answer that never comes and ignores the announce (it already has a
 * connection to that device): 12-15 s until the stuck-connection watchdog. Here the smaller
 * peer id always offers, so an offer never meets an offer; the larger one answers an announce
 * with an announce addressed to the smaller, which then offers.
 */
export const offersTo = (mine: string, theirs: string): boolean => mine < theirs;

/** A connection as the decision needs it. */
export interface ConnState {
  connected: boolean;
  /** Milliseconds since it was made. */
  age: number;
}

/**
 * A connection not open this long when its other end announces itself again is one that end
 * no longer knows about (it announces only on joining or when a connection of its own closed):
 * it is closed so a fresh one is made. A handshake on a LAN takes well under a second.
 */
export const STALE_PENDING_MS = 2_000;

/**
 * What to do with an announce from another device:
 * - forward: hand it to y-webrtc (which makes this device's offer when it has no connection);
 * - invite: this device is not the one to offer, so it asks the other to (an announce to it);
 * - restart: close the stale connection to that device (y-webrtc then announces again);
 * - ignore: a connection is open or under way.
 */
export type AnnounceAction = 'forward' | 'invite' | 'restart' | 'ignore';

export function onAnnounce(mine: string, theirs: string, conn: ConnState | undefined): AnnounceAction {
  if (!conn) return offersTo(mine, theirs) ? 'forward' : 'invite';
  if (conn.connected) return 'ignore';
  return conn.age >= STALE_PENDING_MS ? 'restart' : 'ignore';
}
