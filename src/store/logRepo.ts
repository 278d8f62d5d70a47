import Dexie, { type Table } from 'dexie';
import { DomainError } from '../domain/errors';
import { sealEntries } from '../domain/ledger/logEntry';
import type { GovernedEvent, StoredLogEntry } from '../domain/ledger/logEntry';
import { db, type MetacompilerDb } from './db';
import { FOLD_TABLES, foldAppended } from './ethicsFoldRepo';
import { scheduleHeadRefresh } from './headsRepo';
import { live, type Live } from './live';
import { guardQuota } from './quota';
import type { LogRow } from './rows';

/**
 * The append-only log store (DOMAIN.md section 5). The one way in is `withGovernedLog`: the
 * caller's writes and the log entries that record them commit in ONE IndexedDB transaction,
 * so a change without its entry (or an entry without its change) cannot exist. Nothing here
 * updates or deletes a log row.
 *
 * Usage from another repository (bets, evidence, ...):
 *
 *   await withGovernedLog(['bets', 'betEvents'], async (log) => {
 *     await db().bets.add(row);
 *     log.append({ kind: 'bet_placed', at: row.placedAt, payload: { betId: row.id } });
 *   });
 */

/** Collects the entries of one governed transaction. */
export interface GovernedLog {
  /** Queues `event`; it gets the next seq and its leaf hash when the body returns, in the same transaction. */
  append(event: GovernedEvent): void;
}

/** Misuse of the log store (appending after the transaction ended, nesting, ...). */
export class GovernedLogError extends DomainError {
  constructor(message: string) {
    super(message, 'GovernedLogError');
  }
}

/**
 * The entry that records this page's session (set once by governance start-up). It goes into
 * the log just before the page's first governed entry, in that entry's transaction, so a
 * session that never does anything governed leaves nothing behind.
 */
let sessionOpening: { event: () => GovernedEvent; logged: boolean; at?: { db: MetacompilerDb; seq: number } } | undefined;

export function logSessionBeforeFirstEntry(event: () => GovernedEvent): void {
  sessionOpening = { event, logged: false };
}

/**
 * Where this page's session entry went in the current database: its seq once committed, null
 * while the session has appended nothing, undefined when no session is tracked (or it was
 * logged in another database). A pointer to look at, not a fact: the reader checks the entry.
 */
export function sessionEntrySeq(): number | null | undefined {
  if (!sessionOpening) return undefined;
  if (!sessionOpening.logged) return null;
  const at = sessionOpening.at;
  return at && at.db === db() ? at.seq : undefined;
}

/** A table of the caller's transaction, by name ('bets') or as a Dexie table. */
export type TableRef = string | Table;

/**
 * Runs `body` in one read-write transaction over `tables` plus `log`, then appends every
 * event it queued. If `body` throws, or an event cannot be sealed (unknown kind, payload that
 * is not canonical JSON), nothing is written: neither the change nor its entries.
 * After the commit the signed tree head is refreshed in the background (see headsRepo).
 */
export async function withGovernedLog<T>(tables: readonly TableRef[], body: (log: GovernedLog) => Promise<T>): Promise<T> {
  if (Dexie.currentTransaction) {
    // Joining an outer transaction would sign a head before that transaction commits.
    throw new GovernedLogError('withGovernedLog opens its own transaction: call it outside any other transaction');
  }
  const d = db();
  const names = [...new Set([...tables.map((t) => (typeof t === 'string' ? t : t.name)), 'log', ...FOLD_TABLES])];
  let appended = 0;
  const session = sessionOpening;
  let opensSession = false;
  let sessionSeq = -1;
  // A full storage aborts the whole transaction: said in words, with nothing written (issue 8).
  const result = await guardQuota('this change', () => d.transaction('rw', names, async () => {
    const pending: GovernedEvent[] = [];
    let open = true;
    const value = await body({
      append(event) {
        if (!open) throw new GovernedLogError('the governed transaction has ended; append inside its body');
        pending.push(event);
      },
    });
    open = false;
    if (pending.length === 0) return value;
    if (session && !session.logged) {
      pending.unshift(session.event());
      session.logged = opensSession = true;
    }
    const last = await d.log.orderBy('seq').last();
    const start = last === undefined ? 0 : last.seq + 1;
    if (opensSession) sessionSeq = start;
    // WebCrypto is not an IndexedDB request: waitFor keeps the transaction alive meanwhile.
    const sealed = await Dexie.waitFor(sealEntries(start, pending));
    await d.log.bulkAdd(sealed.map(toRow));
    // The ethics header's running fold moves with the log, in this same transaction.
    await foldAppended(d, sealed, start);
    appended = sealed.length;
    return value;
  })).catch((err: unknown) => {
    if (opensSession && session) session.logged = false; // nothing was written: the next entry opens it
    throw err;
  });
  if (opensSession && session) session.at = { db: d, seq: sessionSeq };
  if (appended > 0) void scheduleHeadRefresh();
  return result;
}

/** Appends events that record no other stored change (a chapel step, a consent event). */
export async function appendGoverned(...events: GovernedEvent[]): Promise<void> {
  await withGovernedLog([], async (log) => {
    for (const e of events) log.append(e);
  });
}

function toRow(e: StoredLogEntry): LogRow {
  return { seq: e.seq, kind: e.kind, at: e.at, payload: e.payload, leafHash: e.leafHash };
}

/** Rows as stored; the shape is checked by verification, not trusted here. */
function asEntry(row: LogRow): StoredLogEntry {
  return row as unknown as StoredLogEntry;
}

export async function logSize(): Promise<number> {
  return db().log.count();
}

/** Up to `limit` entries with seq >= fromSeq, in seq order (gaps, if any, are skipped over). */
export async function readLogFrom(fromSeq: number, limit = Infinity): Promise<StoredLogEntry[]> {
  const rows = await db().log.where('seq').aboveOrEqual(fromSeq).limit(limit).toArray();
  return rows.map(asEntry);
}

/** Rows per read when a whole log is read: one huge read would hold the page's thread for seconds. */
export const READ_CHUNK = 5000;

/**
 * The entries of one slice of the log, in seq order: a range of seq or of `at`, both ends
 * included (domain sliceBounds). Read through the index, so a slice costs what it holds.
 */
export async function readLogRange(by: 'seq' | 'at', from: number, to: number): Promise<StoredLogEntry[]> {
  if (!(from <= to)) return [];
  const rows = await db().log.where(by).between(from, to, true, true).toArray();
  if (by === 'at') rows.sort((a, b) => a.seq - b.seq);
  return rows.map(asEntry);
}

/** Every entry in seq order, read a chunk at a time (the log only grows, so the chunks line up). */
export async function readWholeLog(): Promise<StoredLogEntry[]> {
  const out: StoredLogEntry[] = [];
  for (let from = 0; ; ) {
    const rows = await readLogFrom(from, READ_CHUNK);
    out.push(...rows);
    const last = rows[rows.length - 1];
    if (rows.length < READ_CHUNK || last === undefined) return out;
    from = last.seq + 1;
  }
}

export async function readEntry(seq: number): Promise<StoredLogEntry | undefined> {
  const row = await db().log.get(seq);
  return row && asEntry(row);
}

/** One page of the log, newest first: the entries with seq in (before - size, before]. */
export async function readLogPage(before: number, size: number): Promise<StoredLogEntry[]> {
  const rows = await db().log.where('seq').between(before - size, before, false, true).reverse().toArray();
  return rows.map(asEntry);
}

export interface LogTail {
  /**
   * The log's size as RFC 6962 counts leaves: the newest entry's seq + 1 (seqs run 0..n-1).
   * Not a count of the stored rows: counting a 100k-entry log walks every row, and at
   * start-up that held up every other read of the database for seconds. An entry missing
   * below the newest is named by the log check (store/logVerification.ts), not here.
   */
  size: number;
  lastSeq: number | null;
  lastAt: number | null;
}

/** Cheap to re-run on every change (one row read): what the HUD and pages key their refreshes on. */
export function observeLogTail(): Live<LogTail> {
  return live(async () => {
    const last = await db().log.orderBy('seq').last();
    return { size: last === undefined ? 0 : last.seq + 1, lastSeq: last?.seq ?? null, lastAt: last?.at ?? null };
  });
}

/** Entries of the given kinds, in seq order (e.g. every scar for the Atlas). */
export async function readKinds(kinds: readonly string[]): Promise<StoredLogEntry[]> {
  const rows = await db().log.where('kind').anyOf([...kinds]).toArray();
  return rows.sort((a, b) => a.seq - b.seq).map(asEntry);
}

/**
 * Up to `size` entries of the given kinds with seq < before, newest first. Walks the seq index
 * backwards and stops at `size` matches, so a page of common kinds costs a page; a rare kind in
 * a long log costs a scan (IndexedDB cursors, off the page's thread).
 */
export async function readLogPageOfKinds(before: number, size: number, kinds: readonly string[]): Promise<StoredLogEntry[]> {
  const wanted = new Set(kinds);
  const rows = await db().log.where('seq').below(before).reverse().filter((r) => wanted.has(r.kind)).limit(size).toArray();
  return rows.map(asEntry);
}

/** How many entries of each kind the log holds (one index count per kind). */
export async function countKinds(kinds: readonly string[]): Promise<Record<string, number>> {
  const counts = await Promise.all(kinds.map((k) => db().log.where('kind').equals(k).count()));
  return Object.fromEntries(kinds.map((k, i) => [k, counts[i] ?? 0]));
}
