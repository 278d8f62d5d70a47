import type { LogEntry } from '../domain/ledger/logEntry';
import { db, type MetacompilerDb } from './db';
import { readLogEpoch } from './logEpoch';
import type { LogRow } from './rows';

/**
 * The `action_applied` entries one session appended, for the HUD's per-session count: read
 * from the session's `session_started` entry on (every entry carrying its id comes after it),
 * and after the first read only what was appended since. A page's session is young, so this
 * reads what the page itself appended, never the log before it.
 */
interface Cursor {
  sessionId: string;
  start: number;
  epoch: string | undefined;
  /** Highest seq read so far. */
  lastSeq: number;
  actions: LogEntry[];
}

const cursors = new WeakMap<MetacompilerDb, Cursor>();
const queues = new WeakMap<MetacompilerDb, Promise<unknown>>();

const carries = (row: LogRow, sessionId: string): boolean =>
  row.kind === 'action_applied' && (row.payload as { sessionId?: unknown } | undefined)?.sessionId === sessionId;

async function extend(d: MetacompilerDb, sessionId: string, start: number, known: Cursor | undefined): Promise<LogEntry[] | null> {
  const epoch = await readLogEpoch(d);
  let c = known;
  if (!c || c.sessionId !== sessionId || c.start !== start || c.epoch !== epoch) {
    // The pointer is checked against the log: after a restore (or in another database) the
    // entry there is not this session's start, and the caller reads the log the long way.
    const row = await d.log.get(start);
    if (row === undefined || row.kind !== 'session_started' || (row.payload as { sessionId?: unknown }).sessionId !== sessionId) return null;
    c = { sessionId, start, epoch, lastSeq: start, actions: [] };
    cursors.set(d, c);
  }
  const rows = await d.log.where('seq').above(c.lastSeq).toArray();
  const last = rows[rows.length - 1];
  if (last !== undefined) {
    c.actions = [...c.actions, ...rows.filter((r) => carries(r, sessionId)).map((r) => r as unknown as LogEntry)];
    c.lastSeq = last.seq;
  }
  return c.actions;
}

/** The session's action_applied entries, or null when `start` is not its session_started entry. */
export function sessionActions(sessionId: string, start: number): Promise<LogEntry[] | null> {
  const d = db();
  // One read at a time per database, so nothing is counted twice.
  const read = (queues.get(d) ?? Promise.resolve()).then(() => extend(d, sessionId, start, cursors.get(d)));
  queues.set(d, read.catch(() => undefined));
  return read;
}
