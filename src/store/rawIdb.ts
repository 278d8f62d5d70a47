/**
 * Bare IndexedDB for the ledger worker, which reads the log and keeps its tree without Dexie
 * (Dexie would make the worker five times the size, and every page starts it). Only reads of
 * the app's database, which the page always opens (and upgrades) first.
 */

export function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The app's database if it exists, at whatever version it has; null when it does not exist yet. */
export function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    let created = false;
    // Opening a name that does not exist creates it: refuse, so the page creates it with its schema.
    open.onupgradeneeded = () => {
      created = true;
      open.transaction?.abort();
    };
    open.onsuccess = () => watch(open.result, resolve);
    // An aborted creation leaves no database behind.
    open.onerror = () => (created ? resolve(null) : reject(open.error));
  });
}

/** A database of this worker's own, created with `stores` (all keyed by `key`) when new. */
export function openOwn(name: string, stores: readonly string[]): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      for (const s of stores) if (!open.result.objectStoreNames.contains(s)) open.result.createObjectStore(s, { keyPath: 'key' });
    };
    open.onsuccess = () => watch(open.result, resolve);
    open.onerror = () => reject(open.error);
  });
}

/** Closes the connection when another one upgrades the database, so it never blocks the page. */
function watch(db: IDBDatabase, resolve: (db: IDBDatabase) => void): void {
  db.onversionchange = () => db.close();
  resolve(db);
}

/** Runs `body` over one transaction and resolves when it has committed. */
export function inTransaction<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>): Promise<T> {
  const tx = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
  return body(tx).then(async (value) => {
    await done;
    return value;
  });
}
