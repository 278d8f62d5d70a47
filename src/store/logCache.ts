import { LOG_KINDS, type LogEntry, type LogKind } from '../domain/ledger/logEntry';
import { db, type MetacompilerDb } from './db';
import { readLogEpoch } from './logEpoch';
import type { LogRow } from './rows';

/**
 * The log as governance folds it, cheap enough to recompute on every change of a 100k-entry
 * log. Evidence and bet entries (the bulk of a log) are never read by the governance folds
 * (slice status, jitter, fuse, session cap), so they are left out and their positions hold
 * one shared placeholder of a kind those folds skip: positions, and so step slices, stay
 * exact. After the first read only entries appended since are read.
 * Verification and the ethics header never use this view: they read every entry.
 */
export const BULK_KINDS: readonly LogKind[] = ['run_recorded', 'import', 'bet_placed', 'bet_resolved', 'bet_corrected'];

const PLACEHOLDER: LogEntry = Object.freeze({ seq: -1, kind: 'import', at: 0, payload: Object.freeze({}) });

interface Cache {
  governed: LogEntry[];
  /** Highest seq read so far (-1: nothing yet). */
  lastSeq: number;
  pending?: Promise<LogEntry[]>;
  /** The log epoch the cache was read under (logEpoch.ts). */
  epoch?: string;
}

const caches = new WeakMap<MetacompilerDb, Cache>();

const asEntry = (row: LogRow): LogEntry => row as unknown as LogEntry;
const governed = (row: LogRow): boolean => !(BULK_KINDS as readonly string[]).includes(row.kind);

async function extend(d: MetacompilerDb, cache: Cache): Promise<LogEntry[]> {
  const epoch = await readLogEpoch(d);
  if (epoch !== cache.epoch) Object.assign(cache, { governed: [], lastSeq: -1, epoch }); // a restore replaced the log
  if (cache.lastSeq < 0) {
    // One key-range query per kind: Dexie's noneOf/anyOf walk the whole index with a cursor,
    // which takes seconds over 100k evidence entries; an exact-key getAll skips them natively.
    // One kind after another, not all at once: IndexedDB serves requests in turn, so twenty
    // reads issued together would hold every small read queued behind them (the start-up
    // check's, a page's) until all had finished; in turn, those slip in between.
    const kinds = LOG_KINDS.filter((k) => !(BULK_KINDS as readonly string[]).includes(k));
    const last = await d.log.orderBy('seq').last();
    const groups: LogRow[][] = [];
    for (const k of kinds) groups.push(await d.log.where('kind').equals(k).toArray());
    // Entries appended while the kinds were read are left to the next extension (from lastSeq).
    const upTo = last?.seq ?? -1;
    cache.governed = groups.flat().filter((r) => r.seq <= upTo).sort((a, b) => a.seq - b.seq).map(asEntry);
    cache.lastSeq = last?.seq ?? -1;
  } else {
    const rows = await d.log.where('seq').above(cache.lastSeq).toArray();
    if (rows.length > 0) {
      cache.governed = [...cache.governed, ...rows.filter(governed).map(asEntry)];
      cache.lastSeq = (rows[rows.length - 1] as LogRow).seq;
    }
  }
  const view: LogEntry[] = new Array<LogEntry>(cache.lastSeq + 1).fill(PLACEHOLDER);
  for (const e of cache.governed) view[e.seq] = e;
  return view;
}

/** Entries at their positions, bulk kinds replaced by a placeholder (see above). */
export function governedLog(): Promise<LogEntry[]> {
  const d = db();
  let cache = caches.get(d);
  if (!cache) {
    cache = { governed: [], lastSeq: -1 };
    caches.set(d, cache);
  }
  const c = cache;
  // Concurrent callers share one read, so nothing is appended twice.
  c.pending ??= extend(d, c).finally(() => (c.pending = undefined));
  return c.pending;
}
