import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { SAVE_FAILED, trackSaves } from '../../../src/sync/saveTracker';

/**
 * The tracker against y-indexeddb on fake-indexeddb (a real IndexedDB implementation in Node).
 * The test watches the same transactions from IDBDatabase's prototype, underneath the tracker's
 * wrapper: every readwrite transaction's creation and commit are logged in one sequence with
 * what the tracker reported, so order, not time, is asserted.
 */
type Entry = { kind: 'start' | 'commit' | 'abort'; id: number } | { kind: 'report'; pending: number } | { kind: 'next task' };
const proto = IDBDatabase.prototype;
const original = proto.transaction;
let abortNextWrite = false;

function watchWrites(log: Entry[]): void {
  let next = 0;
  proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = original.apply(this, args);
    if (tx.mode === 'readwrite') {
      const id = next++;
      log.push({ kind: 'start', id });
      tx.addEventListener('complete', () => {
        log.push({ kind: 'commit', id });
        // Marks where the next task starts (a keystroke could be handled from there on).
        setImmediate(() => log.push({ kind: 'next task' }));
      });
      tx.addEventListener('abort', () => log.push({ kind: 'abort', id }));
      // A write the browser refuses at commit (quota, I/O error): its requests succeeded, then
      // the transaction aborts and nothing of it is stored.
      if (abortNextWrite) {
        abortNextWrite = false;
        const objectStore = tx.objectStore.bind(tx);
        tx.objectStore = (storeName: string) => {
          const store = objectStore(storeName);
          const add = store.add.bind(store);
          store.add = (...a: Parameters<IDBObjectStore['add']>) => {
            const request = add(...a);
            request.addEventListener('success', () => tx.abort());
            return request;
          };
          return store;
        };
      }
    }
    return tx;
  } as IDBDatabase['transaction'];
}
afterEach(() => {
  proto.transaction = original;
  abortNextWrite = false;
});

function until(ok: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (ok()) resolve();
      else if (Date.now() - started > 5000) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

async function open(log: Entry[]) {
  const name = `save-tracker-${Math.random().toString(36).slice(2)}`;
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  const stop = trackSaves(doc, persistence, (pending) => log.push({ kind: 'report', pending }));
  await persistence.whenSynced;
  await until(() => log.length === 0 || log.at(-1)?.kind === 'next task', 'the load committed');
  return { name, doc, text: doc.getText('markdown'), persistence, stop };
}

/** Writes in flight after each entry of the log (as the test saw them). */
function replay(log: Entry[]): { entry: Entry; inFlight: number }[] {
  const flying = new Set<number>();
  return log.map((entry) => {
    if (entry.kind === 'start') flying.add(entry.id);
    else if (entry.kind === 'commit' || entry.kind === 'abort') flying.delete(entry.id);
    return { entry, inFlight: flying.size };
  });
}

describe('save tracker', () => {
  it('reports 0 in the event that commits the last write, and never while a write is in flight', async () => {
    const log: Entry[] = [];
    watchWrites(log);
    const { name, doc, text, persistence, stop } = await open(log);
    log.length = 0;

    text.insert(0, 'hello');
    await until(() => log.some((e) => e.kind === 'report' && e.pending === 0) && log.at(-1)?.kind === 'next task', 'the first edit saved');
    expect(log).toEqual([
      { kind: 'start', id: expect.any(Number) },
      { kind: 'report', pending: 1 },
      { kind: 'commit', id: expect.any(Number) },
      { kind: 'report', pending: 0 },
      { kind: 'next task' },
    ]);

    // Three edits typed faster than the disk: all three in flight, "saved" only after the last.
    log.length = 0;
    text.insert(5, ' a');
    text.insert(7, ' b');
    text.insert(9, ' c');
    await until(() => log.filter((e) => e.kind === 'next task').length === 3, 'three edits saved');
    const pendingReports = log.flatMap((e) => (e.kind === 'report' ? [e.pending] : []));
    expect(pendingReports).toEqual([1, 2, 3, 2, 1, 0]);
    for (const { entry, inFlight } of replay(log)) if (entry.kind === 'report') expect(entry.pending).toBe(inFlight);

    // What was reported saved is on disk: a fresh connection reads it back.
    stop();
    await persistence.destroy();
    doc.destroy();
    const again = new Y.Doc();
    const reread = new IndexeddbPersistence(name, again);
    await reread.whenSynced;
    expect(again.getText('markdown').toString()).toBe('hello a b c');
    await reread.destroy();
  });

  it('reports "not saved" once one of its writes is refused, and keeps saying it after later edits commit', async () => {
    const log: Entry[] = [];
    watchWrites(log);
    const { text, persistence, stop } = await open(log);
    log.length = 0;
    abortNextWrite = true;
    text.insert(0, 'refused');
    await until(() => log.some((e) => e.kind === 'abort'), 'the refused write');
    text.insert(0, 'later ');
    await until(() => log.some((e) => e.kind === 'next task'), 'the later edit committed');
    const reports = log.flatMap((e) => (e.kind === 'report' ? [e.pending] : []));
    expect(reports).toEqual([1, SAVE_FAILED, SAVE_FAILED, SAVE_FAILED]);
    stop();
    await persistence.destroy();
  });

  it('ignores writes it did not cause (loading, other code on the same database) and unwraps when stopped', async () => {
    const log: Entry[] = [];
    const { text, persistence, stop } = await open(log);
    // The load's own updates (origin: the persistence) are not edits.
    expect(log).toEqual([]);
    const other = persistence.db!.transaction(['custom'], 'readwrite');
    other.objectStore('custom').put('x', 'k');
    await new Promise((resolve) => other.addEventListener('complete', resolve));
    expect(log).toEqual([]);
    text.insert(0, 'x');
    await until(() => log.at(-1)?.kind === 'report' && (log.at(-1) as { pending: number }).pending === 0, 'saved');
    stop();
    expect(Object.hasOwn(persistence.db!, 'transaction')).toBe(false);
    text.insert(0, 'y');
    expect(log.filter((e) => e.kind === 'report')).toHaveLength(2);
    await persistence.destroy();
  });
});
