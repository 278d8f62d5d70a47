import * as Y from 'yjs';
import { reportQuarantined, type QuarantinedUpdate } from './quarantineSink';

/**
 * Opening a spec must survive a stored update that no longer reads (a disk error, a bug, a
 * hand edit). y-indexeddb loads every stored update in one Yjs transaction: one bad update
 * throws there, its `synced` event never fires, and the editor waits forever. So before
 * y-indexeddb loads a document, its stored updates are replayed here one by one, in order, on
 * a scratch document with try/catch; each one that throws is moved, in the same IndexedDB
 * transaction, from the `updates` store to the `custom` store (under `quarantine:<key>`, so its
 * bytes are kept for inspection and a later fix) and reported. y-indexeddb then loads the
 * rest. Updates that depended on a quarantined one stay pending in the document (Yjs keeps
 * them, and a tab or peer that still has the missing update heals the spec).
 *
 * Ordering: the scrub's read-write transaction is created in the success handler of its own
 * open request, which IndexedDB dispatches before y-indexeddb's (opened right after); IndexedDB
 * runs transactions over the same store in creation order, so y-indexeddb's read only starts
 * once the scrub has committed.
 *
 * Not detectable here: bytes changed inside a string's content still decode; that edit is then
 * loaded with the changed characters (Yjs updates carry no checksum).
 */
export { setQuarantineSink, type QuarantinedUpdate } from './quarantineSink';

export const QUARANTINE_PREFIX = 'quarantine:';

/** y-indexeddb's stores, created the same way it would if the scrub opens the database first. */
function upgrade(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains('updates')) db.createObjectStore('updates', { autoIncrement: true });
  if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
}

/** Replays `updates` in order on a scratch document; returns the index and reason of each that throws. */
export function findUnreadable(updates: readonly Uint8Array[]): { index: number; reason: string }[] {
  const scratch = new Y.Doc();
  const bad: { index: number; reason: string }[] = [];
  try {
    updates.forEach((u, index) => {
      try {
        if (!(u instanceof Uint8Array)) throw new TypeError('stored value is not bytes');
        Y.applyUpdate(scratch, u);
      } catch (err) {
        bad.push({ index, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    });
  } finally {
    scratch.destroy();
  }
  return bad;
}

/**
 * Starts the scrub of `docName` at once (call it right before constructing the
 * IndexeddbPersistence); resolves with what was quarantined, after it is committed.
 */
export function scrubStoredUpdates(docName: string, now: () => number = Date.now): Promise<QuarantinedUpdate[]> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(docName);
    } catch {
      resolve([]); // no IndexedDB at all: y-indexeddb will say so itself
      return;
    }
    request.onupgradeneeded = () => upgrade(request.result);
    request.onerror = () => resolve([]);
    request.onsuccess = () => {
      const db = request.result;
      const done = (found: QuarantinedUpdate[]) => {
        db.close();
        resolve(found);
        found.forEach((q) => void reportQuarantined(q));
      };
      let tx: IDBTransaction;
      try {
        tx = db.transaction(['updates', 'custom'], 'readwrite');
      } catch {
        done([]);
        return;
      }
      const found: QuarantinedUpdate[] = [];
      const store = tx.objectStore('updates');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => {
        const updates = values.result as Uint8Array[];
        for (const { index, reason } of findUnreadable(updates)) {
          const key = keys.result[index] as number;
          const bytes = updates[index] instanceof Uint8Array ? updates[index] : new Uint8Array(0);
          found.push({ docName, key, bytes, reason, at: now() });
          tx.objectStore('custom').put(bytes, `${QUARANTINE_PREFIX}${key}`);
          store.delete(key);
        }
      };
      tx.oncomplete = () => done(found);
      // Nothing was moved; y-indexeddb will meet the same update and the spec will not load,
      // which is what happened before this scrub existed: no worse, and logged.
      tx.onabort = () => {
        console.warn(`could not check the stored edits of ${docName}:`, tx.error);
        done([]);
      };
    };
  });
}
