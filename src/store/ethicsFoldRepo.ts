import Dexie from 'dexie';
import {
  EMPTY_FOLD, MemoryKeys, constitutionHashes, foldEntry, keysOfBatch, type EthicsFold, type FoldValue,
} from '../domain/governance/ethicsFold';
import type { LogEntry } from '../domain/ledger/logEntry';
import { db, type MetacompilerDb } from './db';
import { readLogEpoch } from './logEpoch';
import type { LogRow } from './rows';

/**
 * The ethics header's running fold of the log (domain/governance/ethicsFold.ts), so the
 * header is answered from one small row plus a few keyed values instead of re-reading (and
 * structured-cloning) every entry on every request.
 *
 * Invariant: a stored fold of size n is the fold of log entries 0..n-1, and the key rows are
 * the values it reached. Appends extend it in their own transaction (foldAppended); a reader
 * catches up whatever it lags behind (a log from before this table existed, a restore) and
 * saves that. The fold is derived data: when anything about it looks wrong it is dropped and
 * rebuilt from the log, and it never keeps an entry from being appended.
 */

/** The tables an append must include in its transaction to keep the fold current. */
export const FOLD_TABLES = ['ethicsFold', 'ethicsFoldKeys'] as const;

const ROW_ID = 'log';
/** An append folds at most this many entries it finds missing before it; more is left to a reader. */
const MAX_GAP = 2000;
const CHUNK = 5000;

/** Values of the keys a batch asked for beforehand; reading any other key is a bug, said loudly. */
class PrefetchedKeys extends MemoryKeys {
  private readonly allowed: ReadonlySet<string>;
  constructor(keys: readonly string[], values: readonly (FoldValue | undefined)[]) {
    super(keys.flatMap((k, i) => (values[i] === undefined ? [] : [[k, values[i] as FoldValue] as const])));
    this.allowed = new Set(keys);
  }
  override get(key: string): FoldValue | undefined {
    if (!this.allowed.has(key)) throw new Error(`ethics fold: key ${key} was not prefetched`);
    return super.get(key);
  }
}

const asEntries = (rows: readonly LogRow[]): LogEntry[] => rows as unknown as LogEntry[];

function usable(fold: EthicsFold | undefined): fold is EthicsFold {
  return fold !== undefined && fold.version === EMPTY_FOLD.version;
}

async function hashesOf(entries: readonly LogEntry[], inTransaction: boolean): Promise<Map<number, string>> {
  if (!entries.some((e) => e.kind === 'constitution')) return new Map();
  // WebCrypto is not an IndexedDB request: waitFor keeps a transaction alive meanwhile.
  return inTransaction ? Dexie.waitFor(constitutionHashes(entries)) : constitutionHashes(entries);
}

function foldAll(base: EthicsFold, entries: readonly LogEntry[], keys: MemoryKeys, hashes: ReadonlyMap<number, string>): EthicsFold {
  let fold = base;
  for (const e of entries) fold = foldEntry(fold, e, keys, hashes);
  return fold;
}

async function save(d: MetacompilerDb, fold: EthicsFold, keys: MemoryKeys, fresh: boolean): Promise<void> {
  if (fresh) await d.ethicsFoldKeys.clear();
  await d.ethicsFoldKeys.bulkPut(keys.changes().map(([key, value]) => ({ key, value })));
  await d.ethicsFold.put({ id: ROW_ID, fold });
}

/**
 * Extends the fold with entries just appended (seq `start` on), inside the caller's
 * read-write transaction, which must include `log` and FOLD_TABLES. A fold that is missing
 * (a log from before the table existed) is left to a reader; one that cannot be extended is
 * dropped, never thrown: the append itself must go through.
 */
export async function foldAppended(d: MetacompilerDb, appended: readonly LogEntry[], start: number): Promise<void> {
  if (appended.length === 0) return;
  const row = await d.ethicsFold.get(ROW_ID);
  const fresh = row === undefined && start === 0;
  if (!fresh && !usable(row?.fold)) return;
  const base = row?.fold ?? EMPTY_FOLD;
  const from = base.standing.size;
  if (from > start || start - from > MAX_GAP) {
    if (from > start) await d.ethicsFold.delete(ROW_ID); // it claims entries that were not there
    return;
  }
  const gap = from < start ? asEntries(await d.log.where('seq').between(from, start, true, false).toArray()) : [];
  const entries = [...gap, ...appended];
  try {
    const hashes = await hashesOf(entries, true);
    const wanted = keysOfBatch(entries, base);
    const keys = new PrefetchedKeys(wanted, fresh ? [] : ((await d.ethicsFoldKeys.bulkGet(wanted)).map((r) => r?.value)));
    const fold = foldAll(base, entries, keys, hashes);
    if (fold.standing.size !== start + appended.length) throw new Error(`ethics fold: entries ${from}..${start - 1} are not all in the log`);
    await save(d, fold, keys, fresh);
  } catch (err) {
    console.warn('ethics fold dropped (it will be rebuilt from the log):', err instanceof Error ? err.message : err);
    // After an IndexedDB failure the transaction is lost anyway: this rejects and so does the append.
    await d.ethicsFold.delete(ROW_ID);
  }
}

/** Forgets the fold (in the caller's transaction), e.g. when a restore replaces the log. */
export async function clearEthicsFold(d: MetacompilerDb): Promise<void> {
  await Promise.all([d.ethicsFold.clear(), d.ethicsFoldKeys.clear()]);
}

/**
 * The fold of every entry in the log now. Usually the stored fold as it is (the appends keep
 * it current); when it lags behind the log, or does not exist yet, the missing entries are
 * read and folded here, and the result is saved unless the log or the fold moved meanwhile;
 * when it claims more entries than the log holds, it is rebuilt from the log the same way.
 */
export async function currentEthicsFold(): Promise<EthicsFold> {
  const d = db();
  const read = await d.transaction('r', [d.ethicsFold, d.ethicsFoldKeys, d.log, d.settings], async () => {
    const [row, epoch, newest] = await Promise.all([d.ethicsFold.get(ROW_ID), readLogEpoch(d), d.log.toCollection().reverse().limit(1).primaryKeys()]);
    const found = usable(row?.fold) ? row.fold : undefined;
    // A fold of more entries than the log holds (its newest ones deleted behind the store's
    // back) is not the fold of this log: it is rebuilt from the entries there are.
    const size = ((newest[0] as number | undefined) ?? -1) + 1;
    const stored = found && found.standing.size <= size ? found : undefined;
    const base = stored ?? EMPTY_FOLD;
    const tail: LogEntry[] = [];
    for (let from = base.standing.size; ; ) {
      const rows = await d.log.where('seq').aboveOrEqual(from).limit(CHUNK).toArray();
      tail.push(...asEntries(rows));
      const last = rows[rows.length - 1];
      if (rows.length < CHUNK || last === undefined) break;
      from = last.seq + 1;
    }
    if (tail.length === 0) return { base, tail, stored, found, epoch, wanted: [], values: [] };
    const wanted = keysOfBatch(tail, base);
    const values = stored ? (await d.ethicsFoldKeys.bulkGet(wanted)).map((r) => r?.value) : [];
    return { base, tail, stored, found, epoch, wanted, values };
  });
  const { base, tail, stored, found, epoch, wanted, values } = read;
  if (tail.length === 0) return base;
  const keys = new PrefetchedKeys(wanted, values);
  const fold = foldAll(base, tail, keys, await hashesOf(tail, false));
  if (fold.standing.size !== base.standing.size + tail.length) {
    throw new Error(`ethics fold: the log has a gap before entry ${fold.standing.size}`);
  }
  await d
    .transaction('rw', [d.ethicsFold, d.ethicsFoldKeys, d.settings], async () => {
      const [now, nowEpoch] = await Promise.all([d.ethicsFold.get(ROW_ID), readLogEpoch(d)]);
      const same = found === undefined ? !usable(now?.fold) : usable(now?.fold) && now.fold.standing.size === found.standing.size;
      const unchanged = nowEpoch === epoch && same;
      if (unchanged) await save(d, fold, keys, stored === undefined);
    })
    .catch((err: unknown) => console.warn('ethics fold not saved:', err instanceof Error ? err.message : err));
  return fold;
}
