import Dexie, { type IndexableType, type Table } from 'dexie';

/*
 * Foreground and background reads. IndexedDB serves a database's requests in turn, and a
 * big read's rows are turned into objects on the page's thread in one go: a read of every
 * scar (thousands of rows in a long-used profile) issued by the header at start-up held up
 * a proof asked for meanwhile by half a second and more. What a person waits for (a proof)
 * runs as `foreground`; whole-table reads for dials and lists read in chunks and take each
 * next chunk only when no foreground work is running, so a proof waits for one chunk at most.
 */

let running = 0;
let waiting: (() => void)[] = [];

/** Runs `job` ahead of background reads (they pause between chunks until it settles). */
export async function foreground<T>(job: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await job();
  } finally {
    running--;
    if (running === 0) {
      const go = waiting;
      waiting = [];
      for (const f of go) f();
    }
  }
}

/** Resolves when no foreground work runs. */
export function backgroundTurn(): Promise<void> {
  return running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}

/** Rows per chunk: a few tens of milliseconds of reading on a loaded machine. */
export const TURN_CHUNK = 500;

/**
 * Every row of `table` in primary-key order, read TURN_CHUNK rows at a time, each chunk after
 * any foreground work. Not one snapshot: a row written between chunks may be missed, which a
 * live query's next run (every write re-runs it) makes good.
 */
export async function readAllInTurns<T, K extends IndexableType>(table: Table<T, K>, keyOf: (row: T) => K): Promise<T[]> {
  const out: T[] = [];
  for (let last: K | undefined; ; ) {
    // Dexie.waitFor keeps a live query's observation context across a promise not Dexie's own.
    if (running > 0) await Dexie.waitFor(backgroundTurn(), 10 * 60_000);
    const rows = last === undefined ? await table.limit(TURN_CHUNK).toArray() : await table.where(':id').above(last).limit(TURN_CHUNK).toArray();
    out.push(...rows);
    const end = rows[rows.length - 1];
    if (rows.length < TURN_CHUNK || end === undefined) return out;
    last = keyOf(end);
  }
}
