import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { joinRoom, type RoomConfig, type RoomLink } from './room';

/**
 * The document of one pairing on this device: kept in this browser (y-indexeddb), so a later
 * exchange starts from what both sides already hold and Yjs sends only what the other lacks;
 * joined to the pairing's room once loaded. `left` records a device that unpaired, so the
 * other side stops too.
 */
export interface PairedDoc {
  doc: Y.Doc;
  whenLoaded: Promise<void>;
  connected(): boolean;
  /** Connected and holding what the server or peer held when it connected. */
  synced(): boolean;
  /** Local or remote changes to the document, and connection changes. */
  onChange(f: (remote: boolean) => void): () => void;
  /** Leaves the pairing's room for now (paused), or joins it again. */
  setOnline(on: boolean): void;
  /** Says in the document that this device left the pairing (then destroy it). */
  leave(deviceId: string): void;
  /** Devices that said they left. */
  leftDevices(): string[];
  destroy(clear: boolean): Promise<void>;
}

const LOCAL = Symbol('local');
export const LOCAL_ORIGIN = LOCAL;

export function pairedDocName(pairingId: string): string {
  return `metacompiler-devices:${pairingId}`;
}

export function openPairedDoc(pairingId: string, room: RoomConfig): PairedDoc {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(pairedDocName(pairingId), doc);
  const listeners = new Set<(remote: boolean) => void>();
  const emit = (remote: boolean) => listeners.forEach((f) => f(remote));
  let link: RoomLink | undefined;
  let destroyed = false;
  let online = true;
  const onUpdate = (_u: Uint8Array, origin: unknown) => emit(origin !== LOCAL && origin !== persistence);
  doc.on('update', onUpdate);
  const whenLoaded = persistence.whenSynced.then(() => {
    if (destroyed) return;
    link = joinRoom(doc, room);
    link.onChange(() => emit(false));
    if (!online) link.setOnline(false);
    emit(true);
  });
  return {
    doc,
    whenLoaded,
    connected: () => link?.connected() ?? false,
    synced: () => link?.synced() ?? false,
    onChange: (f) => (listeners.add(f), () => listeners.delete(f)),
    setOnline: (on) => {
      online = on;
      link?.setOnline(on);
    },
    leave: (deviceId) => doc.transact(() => doc.getMap<number>('left').set(deviceId, Date.now()), LOCAL),
    leftDevices: () => [...doc.getMap<number>('left').keys()],
    destroy: async (clear) => {
      destroyed = true;
      doc.off('update', onUpdate);
      link?.destroy();
      if (clear) await persistence.clearData();
      else await persistence.destroy();
      doc.destroy();
    },
  };
}
