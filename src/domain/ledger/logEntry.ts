import { ValidationError } from '../errors';
import { toHex } from './bytes';
import { canonicalBytes } from './canonicalJson';
import { leafHash } from './sha256';
import type { Hash } from './bytes';

/** Every governed event kind that goes into the log (DOMAIN.md sections 3-5). */
export const LOG_KINDS = [
  'bet_placed',
  'bet_resolved',
  'bet_corrected',
  'run_recorded',
  'import',
  'scar',
  'restoration',
  'session_started',
  'refit_recorded',
  'action_queued',
  'approval',
  'rejection',
  'chapel_entered',
  'pause_elapsed',
  'veto',
  'veto_checked',
  'chapel_aborted',
  'action_applied',
  'action_rolled_back',
  'fuse_reset',
  'consent',
  'constitution',
  'proposal_opened',
  'consent_refused',
  'proposal_applied',
  // The sample workspace added or removed (first run): the log keeps both after removal.
  'sample_data',
] as const;

export type LogKind = (typeof LOG_KINDS)[number];

export function isLogKind(value: unknown): value is LogKind {
  return typeof value === 'string' && (LOG_KINDS as readonly string[]).includes(value);
}

/** Payloads are plain JSON objects; each kind's fields are read by the module that owns it. */
export type LogPayload = Readonly<Record<string, unknown>>;

/** An event before it has a place in the log. `at` is epoch milliseconds (UTC). */
export type GovernedEvent = { readonly kind: LogKind; readonly at: number; readonly payload: LogPayload };

/** An event at position `seq` (0-based, gap-free): the leaf `seq` of the Merkle tree. */
export type LogEntry = GovernedEvent & { readonly seq: number };

/**
 * A log entry as stored: with the hex leaf hash computed when it was appended. Keeping it
 * lets verification name the first entry whose content no longer matches what was sealed.
 */
export type StoredLogEntry = LogEntry & { readonly leafHash: string };

/** The bytes of the leaf: canonical JSON of exactly {seq, kind, at, payload}. */
export function entryBytes(entry: LogEntry): Uint8Array {
  return canonicalBytes({ seq: entry.seq, kind: entry.kind, at: entry.at, payload: entry.payload });
}

export function entryLeafHash(entry: LogEntry): Promise<Hash> {
  return leafHash(entryBytes(entry));
}

/** Gives `event` the position `seq` and seals it with its leaf hash; refuses what could not be verified later. */
export async function sealEntry(seq: number, event: GovernedEvent): Promise<StoredLogEntry> {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new ValidationError('seq', `must be an integer >= 0, got ${seq}`);
  if (!isLogKind(event.kind)) throw new ValidationError('kind', `unknown log kind "${String(event.kind)}"`);
  if (!Number.isFinite(event.at)) throw new ValidationError('at', 'must be epoch milliseconds');
  const entry: LogEntry = { seq, kind: event.kind, at: event.at, payload: event.payload };
  return Object.freeze({ ...entry, leafHash: toHex(await entryLeafHash(entry)) });
}

/** Seals a run of events after an existing log of `startSeq` entries. */
export async function sealEntries(startSeq: number, events: readonly GovernedEvent[]): Promise<StoredLogEntry[]> {
  return Promise.all(events.map((e, i) => sealEntry(startSeq + i, e)));
}
