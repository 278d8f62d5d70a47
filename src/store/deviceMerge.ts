import type { Row } from '../domain/backup/bundle';
import { isPlainKey, planNumberedRows } from '../domain/backup/rowPlan';
import { addNew } from './addNew';
import { db } from './db';
import { guardQuota } from './quota';

/**
 * Rows from a paired device into their tables, the way a restore merges them (a stored key is
 * not stored again; an auto-numbered event is added unless the same event is stored), but
 * lean enough to run for every batch of a 100k-record first exchange: one transaction over
 * the tables the rows go to (a restore's spans every table and reads the whole log), and a
 * row whose key is stored is left as it is without comparing bodies (the record union has
 * already told versions apart), found by the add's refusal rather than read first (addNew.ts).
 * Returns how many rows were added.
 */
export async function mergeDeviceRows(tables: Record<string, Row[]>): Promise<number> {
  const d = db();
  const names = Object.keys(tables).filter((n) => (tables[n]?.length ?? 0) > 0);
  if (names.length === 0) return 0;
  return guardQuota('records from a paired device', () =>
    d.transaction('rw', names, async () => {
      let added = 0;
      for (const name of names) {
        const incoming = tables[name]!;
        const table = d.table(name);
        const { keyPath, auto } = table.schema.primKey;
        if (typeof keyPath !== 'string') throw new TypeError(`table ${name} has a compound primary key`);
        if (auto) {
          const add = planNumberedRows(keyPath, incoming, (await table.toArray()) as Row[]).add;
          if (add.length > 0) await table.bulkAdd(add);
          added += add.length;
        } else added += await addNew(table, incoming.filter((r) => isPlainKey(r[keyPath])));
      }
      return added;
    }),
  );
}
