import { stableKey } from '../backup/encoding';

/**
 * What paired devices exchange: records. A record is an immutable event with an id; a stored
 * row that changes over time (a bet when it is resolved, a timer, an approval, a spec's title)
 * travels as the versions it went through, each a record of its own. Records with the same kind
 * and id are versions of one thing; each kind's rule (union.ts) picks the version that counts,
 * the same way on every device, and the others are kept and shown, never dropped.
 */
export const RECORD_KINDS = [
  'logStatement',
  'constitution',
  'nudge',
  'spec',
  'bet',
  'betResolution',
  'betCorrection',
  'timer',
  'scar',
  'restoration',
  'approval',
  'checkpoint',
  'compilation',
  'run',
  'specDoc',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export type Row = Record<string, unknown>;

export interface DeviceRecord {
  readonly kind: RecordKind;
  /**
   * Unique within the kind for one version: a row's own id for things that never change, and
   * `<target>@<discriminator>` for versions of a row that does (see ids below).
   */
  readonly id: string;
  /** The device that made the record (kept when a third device passes it on). */
  readonly origin: string;
  readonly body: Row;
}

export function isRecordKind(k: unknown): k is RecordKind {
  return typeof k === 'string' && (RECORD_KINDS as readonly string[]).includes(k);
}

/** `run:run_1`: how a record is named in a batch's index. */
export function recordKey(r: Pick<DeviceRecord, 'kind' | 'id'>): string {
  return `${r.kind}:${r.id}`;
}

/** The order records are applied in: what others depend on comes first. */
export function kindOrder(k: RecordKind): number {
  return RECORD_KINDS.indexOf(k);
}

/** One spelling of a body, so two devices tell equal versions from different ones alike. */
export function bodyKey(body: Row): string {
  return stableKey(body);
}

/** A small, fast, non-cryptographic fingerprint of a body (cyrb53), to index versions. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/*
 * Ids of versions. Each names the row it sets (the target, before the `@`) and what tells its
 * versions apart, chosen so that the same change made on two devices gets the same id.
 */

/** A bet as placed: everything but its resolution. */
export const BET_PLACEMENT_FIELDS = ['id', 'task', 'specId', 'taskAnchor', 'estimatedHours', 'confidence', 'stake', 'principles', 'context', 'placedAt', 'quantiles'] as const;

export function betPlacement(bet: Row): Row {
  const out: Row = {};
  for (const f of BET_PLACEMENT_FIELDS) if (bet[f] !== undefined) out[f] = bet[f];
  return out;
}

/** A resolution names its bet and its time: two resolutions of one bet are two versions. */
export function resolutionId(r: { betId: string; resolvedAt: number; actualHours: number; completed: boolean }): string {
  return `${r.betId}@${r.resolvedAt}:${r.actualHours}:${r.completed ? 1 : 0}`;
}

export function correctionId(c: { betId: string; at: number; actualHours: number; completed: boolean }): string {
  return `${c.betId}@${c.at}:${c.actualHours}:${c.completed ? 1 : 0}`;
}

/** A timer state is set at `updatedAt`; the tab that drives it is this device's business. */
export function timerId(t: { betId: string; updatedAt: number }): string {
  return `${t.betId}@${t.updatedAt}`;
}

export function timerBody(row: Row): Row {
  const { tabId: _tab, ...rest } = row;
  return rest;
}

/** An approval's versions are its states; a state is reached once. */
export function approvalId(a: { id: string; state: string }): string {
  return `${a.id}@${a.state}`;
}

/** A spec's title and deletion, as set at `metaAt` (text travels as specDoc records). */
export interface SpecMetaBody extends Row {
  id: string;
  title: string;
  createdAt: number;
  metaAt: number;
  deletedAt?: number;
}

export function specMetaId(s: { id: string; metaAt: number }): string {
  return `${s.id}@${s.metaAt}`;
}

/** A stored spec row's title state as a record body (its text and edit times are not part of it). */
export function specMetaBody(row: { id: string; title: string; createdAt: number; metaAt?: number; deletedAt?: number }): SpecMetaBody {
  const body: SpecMetaBody = { id: row.id, title: row.title, createdAt: row.createdAt, metaAt: row.metaAt ?? row.createdAt };
  if (row.deletedAt !== undefined) body.deletedAt = row.deletedAt;
  return body;
}

/** A version of a spec's text: a Yjs update, named by its spec and a fingerprint of its bytes. */
export interface SpecDocBody extends Row {
  specId: string;
  update: Uint8Array;
}

export function specDocId(specId: string, update: Uint8Array): string {
  let text = '';
  for (let i = 0; i < update.length; i++) text += String.fromCharCode(update[i]!);
  return `${specId}@${update.length}.${fingerprint(text)}`;
}

/** Kinds whose ids are `<target>@<discriminator>`: several versions of one row. */
const VERSIONED: ReadonlySet<RecordKind> = new Set(['betResolution', 'betCorrection', 'timer', 'approval', 'spec', 'logStatement']);

/** The row a version sets: the part of its id before the last `@`, or the id itself. */
export function targetOf(r: Pick<DeviceRecord, 'kind' | 'id'>): string {
  if (!VERSIONED.has(r.kind)) return r.id;
  const at = r.id.lastIndexOf('@');
  return at > 0 ? r.id.slice(0, at) : r.id;
}
