import type { StoredLogEntry } from '../domain/ledger/logEntry';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import { appDbName } from './dbName';
import { LOG_EPOCH_KEY } from './logEpoch';
import { inTransaction, openExisting, request } from './rawIdb';

/**
 * What the ledger worker reads of the app's database (the log, the signed heads, the log's
 * epoch), with bare IndexedDB: see rawIdb.ts. Same stores and keys as the Dexie schema
 * (schema.ts: log by seq, heads by size, settings by key).
 */

let open: { name: string; db: Promise<IDBDatabase | null> } | undefined;

function appDb(): Promise<IDBDatabase | null> {
  const name = appDbName();
  if (open?.name !== name) {
    void open?.db.then((d) => d?.close());
    open = { name, db: openExisting(name) };
  }
  const mine = open;
  return mine.db.then((d) => {
    // Closed under us (the page upgraded the schema, or a test deleted it): open again next time.
    if (d && !d.objectStoreNames.contains('log')) return null;
    return d;
  }).catch((err: unknown) => {
    if (open === mine) open = undefined;
    throw err;
  });
}

async function read<T>(store: string, body: (s: IDBObjectStore) => Promise<T>, empty: T): Promise<T> {
  const d = await appDb();
  if (!d) return empty;
  try {
    return await inTransaction(d, [store], 'readonly', (tx) => body(tx.objectStore(store)));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'InvalidStateError') {
      open = undefined; // the connection was closed (versionchange): once more on a fresh one
      const again = await appDb();
      return again ? inTransaction(again, [store], 'readonly', (tx) => body(tx.objectStore(store))) : empty;
    }
    throw err;
  }
}

/** Up to `limit` entries with seq >= from, in seq order (gaps skipped over, as stored). */
export function readLogFrom(from: number, limit: number): Promise<StoredLogEntry[]> {
  return read('log', (s) => request(s.getAll(IDBKeyRange.lowerBound(from), limit)) as Promise<StoredLogEntry[]>, []);
}

export function readEntry(seq: number): Promise<StoredLogEntry | undefined> {
  return read('log', (s) => request(s.get(seq)) as Promise<StoredLogEntry | undefined>, undefined);
}

/** Counts every stored entry: IndexedDB walks each row (seconds for 100k under load), so only the full check does. */
export function logCount(): Promise<number> {
  return read('log', (s) => request(s.count()), 0);
}

/** The newest entry's seq (one row read), or -1 for an empty log. */
export function lastSeq(): Promise<number> {
  return read(
    'log',
    async (s) => {
      const cursor = await request(s.openKeyCursor(null, 'prev'));
      return typeof cursor?.key === 'number' ? cursor.key : -1;
    },
    -1,
  );
}

export function latestHead(): Promise<SignedTreeHead | null> {
  return read(
    'heads',
    async (s) => {
      const cursor = await request(s.openCursor(null, 'prev'));
      return (cursor?.value as SignedTreeHead | undefined) ?? null;
    },
    null,
  );
}

/** The head signed when the log had exactly `size` entries, if one was. */
export function headOfSize(size: number): Promise<SignedTreeHead | null> {
  return read('heads', async (s) => ((await request(s.get(size))) as SignedTreeHead | undefined) ?? null, null);
}

/** The log's epoch (logEpoch.ts): it changes when a restore replaces the log. */
export function logEpoch(): Promise<string | null> {
  return read('settings', async (s) => ((await request(s.get(LOG_EPOCH_KEY))) as { value?: string } | undefined)?.value ?? null, null);
}
