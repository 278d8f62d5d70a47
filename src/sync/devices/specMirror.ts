import * as Y from 'yjs';
import { specDocId, type DeviceRecord, type SpecDocBody } from '../../domain/devices/records';
import { acquireSpec, type SpecSession } from '../specSession';

/**
 * Spec text between paired devices, as records: each spec's Yjs document is held (quietly: the
 * exchange does not show up as a person in the spec), and next to it a *shadow* document that
 * holds exactly the spec updates the pairing's records hold. What the spec has and its shadow
 * lacks is this device's news: one `specDoc` record (a Yjs update) per spec and push. A
 * `specDoc` record that arrives goes into both, so it is never sent back. Yjs merges updates in
 * any order and any number of times, so the union of records is the text on every device; the
 * spec's own persistence (y-indexeddb) stores what arrives and its tab channel shows it in every
 * open tab of this browser, live.
 */
export const PAIRED_DEVICE_ORIGIN = 'paired-device';

export interface SpecMirror {
  /** Applies `specDoc` records (others are ignored); returns how many changed a spec. */
  absorb(records: readonly DeviceRecord[]): Promise<number>;
  /** Records of what `specIds` hold beyond what was absorbed or returned before. */
  news(origin: string, specIds: Iterable<string>): Promise<DeviceRecord[]>;
  /** A spec changed here (an edit in any tab of this browser): there may be news. */
  onLocalChange(f: () => void): () => void;
  destroy(): void;
}

interface Held {
  session: SpecSession;
  shadow: Y.Doc;
  close(): void;
}

export function openSpecMirror(): SpecMirror {
  const held = new Map<string, Held>();
  const listeners = new Set<() => void>();
  const hold = (specId: string): Held => {
    const found = held.get(specId);
    if (found) return found;
    const { session, release } = acquireSpec(specId, { quiet: true });
    const shadow = new Y.Doc();
    const changed = (_u: Uint8Array, origin: unknown) => {
      if (origin !== PAIRED_DEVICE_ORIGIN) listeners.forEach((f) => f());
    };
    session.doc.on('update', changed);
    const h: Held = {
      session,
      shadow,
      close: () => {
        session.doc.off('update', changed);
        release();
        shadow.destroy();
      },
    };
    held.set(specId, h);
    return h;
  };

  return {
    absorb: async (records) => {
      let changed = 0;
      for (const r of records) {
        if (r.kind !== 'specDoc') continue;
        const { specId, update } = r.body as SpecDocBody;
        if (typeof specId !== 'string' || !(update instanceof Uint8Array)) continue;
        const h = hold(specId);
        await h.session.whenLoaded;
        let did = false;
        const seen = () => (did = true);
        h.session.doc.on('update', seen);
        try {
          Y.applyUpdate(h.shadow, update, PAIRED_DEVICE_ORIGIN);
          Y.applyUpdate(h.session.doc, update, PAIRED_DEVICE_ORIGIN);
        } catch {
          // An update Yjs cannot read changes nothing; the others still apply.
          continue;
        } finally {
          h.session.doc.off('update', seen);
        }
        if (did) changed++;
      }
      return changed;
    },
    news: async (origin, specIds) => {
      const out: DeviceRecord[] = [];
      for (const specId of specIds) {
        const h = hold(specId);
        await h.session.whenLoaded;
        const diff = Y.encodeStateAsUpdate(h.session.doc, Y.encodeStateVector(h.shadow));
        // Yjs emits an update only for what the shadow did not hold (deletions included).
        const fresh: Uint8Array[] = [];
        const take = (u: Uint8Array) => fresh.push(u);
        h.shadow.on('update', take);
        Y.applyUpdate(h.shadow, diff);
        h.shadow.off('update', take);
        if (fresh.length === 0) continue;
        const update = fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh);
        const body: SpecDocBody = { specId, update };
        out.push({ kind: 'specDoc', id: specDocId(specId, update), origin, body });
      }
      return out;
    },
    onLocalChange: (f) => (listeners.add(f), () => listeners.delete(f)),
    destroy: () => {
      listeners.clear();
      for (const h of held.values()) h.close();
      held.clear();
    },
  };
}
