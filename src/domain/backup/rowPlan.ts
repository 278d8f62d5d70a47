import { stableKey } from './encoding';
import type { Row } from './bundle';

/** How one table's rows from a bundle meet the rows already stored. */
export interface RowPlan {
  add: Row[];
  /** Already stored exactly as in the bundle. */
  same: number;
  /** Stored under the same key with different content: the local row is kept. */
  keptLocal: number;
  /** Rows without a usable primary key (a hand-edited file): left out. */
  invalid: number;
}

/** A primary key the store accepts and two devices spell alike: text or a finite number. */
export function isPlainKey(k: unknown): k is string | number {
  return typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k));
}

/**
 * Rows keyed by a chosen key merge by that key: a row whose key is new is added, a row whose
 * key exists is left alone (counted as the same, or as kept local when it differs).
 * `local` holds the stored rows for the incoming keys (undefined where none).
 */
export function planKeyedRows(keyPath: string, incoming: readonly Row[], local: ReadonlyMap<string | number, Row>): RowPlan {
  const plan: RowPlan = { add: [], same: 0, keptLocal: 0, invalid: 0 };
  const seen = new Set<string | number>();
  for (const row of incoming) {
    const key = row[keyPath];
    if (!isPlainKey(key)) {
      plan.invalid++;
      continue;
    }
    const stored = local.get(key);
    if (stored === undefined) {
      // Two rows with one key in the same bundle: the first wins, like a second restore would.
      if (seen.has(key)) plan.keptLocal++;
      else plan.add.push(row);
    } else if (stableKey(stored) === stableKey(row)) plan.same++;
    else plan.keptLocal++;
    seen.add(key);
  }
  return plan;
}

/**
 * Rows of an auto-numbered table (an event stream: the number says nothing across devices)
 * merge by content: a row is added, under a fresh number, unless an identical row (number
 * aside) is stored already. Restoring the same bundle twice therefore adds nothing the
 * second time. Into an empty table the rows keep their numbers (a restore gives the same data).
 */
export function planNumberedRows(keyPath: string, incoming: readonly Row[], local: readonly Row[]): RowPlan {
  const plan: RowPlan = { add: [], same: 0, keptLocal: 0, invalid: 0 };
  const content = (r: Row) => {
    const rest: Row = { ...r };
    delete rest[keyPath];
    return stableKey(rest);
  };
  const stored = new Map<string, number>();
  const keys = new Set<unknown>();
  // Rows that get a fresh number go last, after every kept number, so none can collide.
  const renumbered: Row[] = [];
  for (const r of local) stored.set(content(r), (stored.get(content(r)) ?? 0) + 1);
  for (const row of incoming) {
    const c = content(row);
    const n = stored.get(c) ?? 0;
    if (n > 0) {
      stored.set(c, n - 1);
      plan.same++;
    } else {
      const fresh: Row = { ...row };
      const key = fresh[keyPath];
      if (local.length > 0 || !isPlainKey(key) || keys.has(key)) {
        delete fresh[keyPath];
        renumbered.push(fresh);
      } else plan.add.push(fresh);
      keys.add(key);
    }
  }
  plan.add.push(...renumbered);
  return plan;
}
