import Dexie from 'dexie';
import { db } from './db';
import type { Live } from './live';

/**
 * A cue each time any of `tables` is written, in this context or another (a tab, a worker:
 * Dexie relays its commits over a BroadcastChannel). It emits a counter, first 0 at once.
 * Unlike a live query that counts the tables, it reads nothing: counting a 100,000-row table
 * after every step of a device exchange was most of that exchange's reads.
 */
export function observeTableWrites(tables: readonly string[]): Live<number> {
  return {
    subscribe(observer) {
      const prefixes = tables.map((t) => `idb://${db().name}/${t}/`);
      let writes = 0;
      const onMutated = (parts: Record<string, unknown>) => {
        if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) observer.next?.(++writes);
      };
      Dexie.on('storagemutated', onMutated);
      queueMicrotask(() => observer.next?.(writes));
      return { unsubscribe: () => Dexie.on.storagemutated.unsubscribe(onMutated) };
    },
  };
}
