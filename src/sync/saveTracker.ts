import type * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * Tells when every edit of a document has been committed to IndexedDB. y-indexeddb writes each
 * update in its own readwrite transaction but does not say when it lands; IndexedDB runs
 * transactions with overlapping scope in creation order, so a readonly transaction created right
 * after an update's write completes only once that write has committed. When the last such
 * probe completes, everything typed so far is on disk and the UI may say "Saved".
 *
 * A refused write (storage full, disk error) aborts y-indexeddb's transaction, and the probe
 * after it still completes; so aborted readwrite transactions, whose events bubble up to the
 * database, are watched too, and once one is seen the edits are reported as not saved (-1)
 * for as long as the document stays open: the edits live only in memory from then on.
 */
export const SAVE_FAILED = -1;

export function trackSaves(doc: Y.Doc, persistence: IndexeddbPersistence, onChange: (pending: number) => void): () => void {
  let pending = 0;
  let failed = false;
  let watched: IDBDatabase | undefined;
  const onAbort = (e: Event) => {
    if ((e.target as IDBTransaction | null)?.mode !== 'readwrite') return;
    failed = true;
    onChange(SAVE_FAILED);
  };
  const report = () => onChange(failed ? SAVE_FAILED : pending);
  const handler = (_update: Uint8Array, origin: unknown) => {
    const db = persistence.db;
    if (origin === persistence || !db) return;
    if (watched !== db) {
      watched?.removeEventListener('abort', onAbort);
      db.addEventListener('abort', onAbort);
      watched = db;
    }
    pending++;
    report();
    const settle = () => {
      pending--;
      report();
    };
    try {
      const tx = db.transaction(['updates'], 'readonly');
      tx.objectStore('updates').count();
      tx.oncomplete = settle;
      tx.onabort = settle;
    } catch {
      settle(); // the database is closing; nothing more will be written from this tab
    }
  };
  // Registered after y-indexeddb's own listener, so the write transaction exists first.
  doc.on('update', handler);
  return () => {
    doc.off('update', handler);
    watched?.removeEventListener('abort', onAbort);
  };
}
