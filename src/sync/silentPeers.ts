/**
 * A watchdog for y-webrtc connections that went silent. Every device's connection tab sends a
 * heartbeat each second (peers/heartbeat.ts), so an open connection that brought nothing for
 * SILENT_AFTER_MS leads to a device that froze (a closed lid, a stopped process) or lost its
 * network without an event. y-webrtc would keep it until the browser's ICE gives up (about 15 s
 * and more: the slow reconvergence after a freeze); closing it here makes y-webrtc announce
 * itself again on the signaling server, and the device is reconnected the moment it is back.
 * The frozen device does the same on waking: its own connections have been silent for as long.
 */
export interface OpenConnection {
  connected: boolean;
  closed?: boolean;
  peer: { destroy(): void; on(event: 'data', f: () => void): void };
}

export const SILENT_AFTER_MS = 4_000;

export class SilentConnectionReaper {
  private readonly lastHeard = new WeakMap<OpenConnection, number>();

  constructor(private readonly silentAfterMs = SILENT_AFTER_MS) {}

  /** Closes the open connections silent for too long; returns how many. */
  reap(connections: Iterable<OpenConnection>, now: number): number {
    let closed = 0;
    for (const conn of connections) {
      if (!conn.connected || conn.closed) continue;
      const heard = this.lastHeard.get(conn);
      if (heard === undefined) {
        this.lastHeard.set(conn, now);
        conn.peer.on('data', () => this.lastHeard.set(conn, Date.now()));
      } else if (now - heard >= this.silentAfterMs) {
        conn.peer.destroy();
        closed++;
      }
    }
    return closed;
  }
}
