import type * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';

/**
 * Tells when every edit of a document has been committed to IndexedDB. y-indexeddb writes each
 * update in its own readwrite transaction but does not say when it lands; IndexedDB runs
 * transactions with overlapping scope in creation order, so a readonly transaction created right
 * after an update's write completes only once that write has committed. When the last such
 * probe completes, everything typed so far is on disk and the UI may say "Saved".
 */
export function trackSaves(doc: Y.Doc, persistence: IndexeddbPersistence, onChange: (pending: number) => void): () => void {
  let pending = 0;
  const handler = (_update: Uint8Array, origin: unknown) => {
    const db = persistence.db;
    if (origin === persistence || !db) return;
    pending++;
    onChange(pending);
    const settle = () => {
      pending--;
      onChange(pending);
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
  return () => doc.off('update', handler);
}
