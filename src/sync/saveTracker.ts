import type * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * Tells when every edit of a document has been committed to IndexedDB, from y-indexeddb's own
 * writes: for each local edit y-indexeddb opens one readwrite transaction, and that
 * transaction's `complete` event is the moment the edit is on disk. y-indexeddb does not hand
 * its transactions out, so the database handle it opened gets an own `transaction` method that
 * notes the last readwrite transaction created; the document's update listener below runs right
 * after y-indexeddb's (it is registered later), so the transaction noted then is that edit's
 * write. "Saved" (0 pending) is therefore reported in the very event that commits the last
 * write, before any later keystroke can be handled, and never while a write is in flight.
 *
 * A refused write (storage full, disk error) aborts its transaction; from then on the edits are
 * reported as not saved (-1) for as long as the document stays open: they live only in memory.
 *
 * Edits made before the database opens are stored by y-indexeddb with the load (the session's
 * `whenLoaded`), and nobody edits before that.
 */
export const SAVE_FAILED = -1;

export function trackSaves(doc: Y.Doc, persistence: IndexeddbPersistence, onChange: (pending: number) => void): () => void {
  const inFlight = new Set<IDBTransaction>();
  let failed = false;
  let stopped = false;
  let lastWrite: IDBTransaction | undefined;
  let unwrap = () => {};
  const report = () => onChange(failed ? SAVE_FAILED : inFlight.size);

  // `_db` resolves just after y-indexeddb's own handler for it has set `persistence.db` and
  // started the load, so the wrapper is in place before any edit can reach the database.
  void persistence._db.then((db) => {
    if (stopped) return;
    const open = db.transaction;
    db.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = open.apply(this, args);
      if (tx.mode === 'readwrite') lastWrite = tx;
      return tx;
    } as IDBDatabase['transaction'];
    unwrap = () => Reflect.deleteProperty(db, 'transaction');
  });

  const handler = (_update: Uint8Array, origin: unknown) => {
    const tx = lastWrite;
    lastWrite = undefined;
    // The same test y-indexeddb makes before it writes; anything else wrote nothing just now.
    if (origin === persistence || !persistence.db || !tx) return;
    inFlight.add(tx);
    report();
    tx.addEventListener('complete', () => {
      inFlight.delete(tx);
      report();
    });
    tx.addEventListener('abort', () => {
      inFlight.delete(tx);
      failed = true;
      report();
    });
  };
  // Registered after y-indexeddb's own listener, so this edit's write transaction exists first.
  doc.on('update', handler);
  return () => {
    stopped = true;
    doc.off('update', handler);
    unwrap();
  };
}
