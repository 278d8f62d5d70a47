import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { clocksOf, covers, type Clocks } from './stateVectors';

/**
 * Heartbeats over awareness. The tab holding a session writes `beat` into its awareness state
 * every second: this device's id, the time, and the document's state vector. Awareness travels to
 * every peer (y-webrtc or y-websocket), so each device knows, per other device, when it last heard
 * from it and which edits it has. A device silent for AWAY_AFTER_MS (a closed lid, a frozen
 * process, a dropped network that fired no event) is shown as away, long before awareness's own
 * 30 s timeout.
 */
export const BEAT_EVERY_MS = 1_000;
export const AWAY_AFTER_MS = 3_000;

export interface Beat {
  device: string;
  at: number;
  sv: Clocks;
}

export interface PeerDevice {
  device: string;
  name: string;
  /** Heard from within AWAY_AFTER_MS. */
  here: boolean;
  /** When this device last heard from it (its heartbeat's arrival). */
  lastSeenAt: number;
  /** When both last held the same edits (each state vector covered the other), if ever. */
  lastInSyncAt?: number;
  /** It has edits this device lacks (by its last heartbeat). */
  hasEditsWeLack: boolean;
  /** The awareness clients (tabs) of that device. */
  clients: number[];
}

export function startHeartbeat(awareness: Awareness, doc: Y.Doc, device: string): () => void {
  const beat = () => awareness.setLocalStateField('beat', { device, at: Date.now(), sv: clocksOf(doc) } satisfies Beat);
  beat();
  const timer = setInterval(beat, BEAT_EVERY_MS);
  return () => {
    clearInterval(timer);
    awareness.setLocalStateField('beat', null);
  };
}

function beatOf(state: unknown): Beat | undefined {
  const b = (state as { beat?: Partial<Beat> } | null)?.beat;
  return b && typeof b.device === 'string' && typeof b.at === 'number' && b.sv && typeof b.sv === 'object' ? (b as Beat) : undefined;
}

/**
 * Tracks the other devices from their heartbeats: when each was last heard from (the arrival
 * time here, not the sender's clock) and last in sync.
 */
export class PeerDevices {
  private readonly seen = new Map<string, { name: string; lastSeenAt: number; beatAt: number; sv: Clocks; lastInSyncAt?: number; clients: Set<number> }>();

  constructor(private readonly myDevice: string) {}

  /** Reads the awareness states; call on every awareness change and on a timer. */
  observe(awareness: Awareness, doc: Y.Doc, now: number): void {
    const mine = clocksOf(doc);
    awareness.getStates().forEach((state, client) => {
      const beat = beatOf(state);
      if (!beat || beat.device === this.myDevice) return;
      const name = (state as { user?: { name?: unknown } }).user?.name;
      const entry = this.seen.get(beat.device) ?? { name: '', lastSeenAt: 0, beatAt: 0, sv: {}, clients: new Set<number>() };
      entry.clients.add(client);
      if (typeof name === 'string') entry.name = name;
      if (beat.at !== entry.beatAt) {
        entry.beatAt = beat.at;
        entry.lastSeenAt = now;
        entry.sv = beat.sv;
      }
      if (covers(mine, entry.sv) && covers(entry.sv, mine) && now - entry.lastSeenAt < AWAY_AFTER_MS) entry.lastInSyncAt = now;
      this.seen.set(beat.device, entry);
    });
  }

  /** Restores what an earlier session knew (last seen / in sync), so "last in sync" survives a restart. */
  remember(device: string, name: string, lastSeenAt: number, lastInSyncAt?: number): void {
    if (this.seen.has(device)) return;
    this.seen.set(device, { name, lastSeenAt, beatAt: 0, sv: {}, clients: new Set(), ...(lastInSyncAt ? { lastInSyncAt } : {}) });
  }

  list(doc: Y.Doc, now: number): PeerDevice[] {
    const mine = clocksOf(doc);
    return [...this.seen.entries()]
      .map(([device, e]) => ({
        device,
        name: e.name || 'A device',
        here: now - e.lastSeenAt < AWAY_AFTER_MS,
        lastSeenAt: e.lastSeenAt,
        ...(e.lastInSyncAt ? { lastInSyncAt: e.lastInSyncAt } : {}),
        hasEditsWeLack: !covers(mine, e.sv),
        clients: [...e.clients],
      }))
      .sort((a, b) => Number(b.here) - Number(a.here) || b.lastSeenAt - a.lastSeenAt);
  }

  /** This device has edits that no device here now holds (by their last heartbeats). */
  unsentEdits(doc: Y.Doc, now: number): boolean {
    const mine = clocksOf(doc);
    const here = [...this.seen.values()].filter((e) => now - e.lastSeenAt < AWAY_AFTER_MS);
    return !here.some((e) => covers(e.sv, mine));
  }
}
