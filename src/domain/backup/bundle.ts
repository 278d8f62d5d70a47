import { isHex } from '../ledger/bytes';
import { isLogKind, type StoredLogEntry } from '../ledger/logEntry';
import type { SignedTreeHead } from '../ledger/treeHead';
import { decodeValue, encodeValue, fromBase64, toBase64 } from './encoding';
import { BackupError } from './errors';

/**
 * The backup bundle: one JSON file with every table of the app's database, the governed log
 * with its signed heads and the public key that signed them, and every spec's Yjs state.
 * The device's private key is never in it (it cannot leave the device): a restored log is
 * checked against the heads in the bundle, then signed afresh by the restoring device.
 */
export const BUNDLE_FORMAT = 'metacompiler-backup';
export const BUNDLE_VERSION = 1;

export type Row = Record<string, unknown>;

export interface BundleLog {
  entries: StoredLogEntry[];
  heads: SignedTreeHead[];
  /** Public half of the key that signed `heads` (null: nothing was signed). */
  signer: JsonWebKey | null;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** Schema version of the database that was backed up. */
  schemaVersion: number;
  createdAt: number;
  tables: Record<string, Row[]>;
  log: BundleLog;
  /** Spec id -> Y.encodeStateAsUpdate of its document. */
  specs: Record<string, Uint8Array>;
}

/** The bundle as the text of a file. */
export function writeBundle(b: Bundle): string {
  const specs: Record<string, string> = {};
  for (const [id, state] of Object.entries(b.specs)) specs[id] = toBase64(state);
  return JSON.stringify({ ...b, tables: encodeValue(b.tables), specs });
}

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BackupError(path, 'must be an object');
  return v as Obj;
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new BackupError(path, 'must be an array');
  return v;
}
function int(v: unknown, path: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0) throw new BackupError(path, 'must be a whole number >= 0');
  return v as number;
}
function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BackupError(path, 'must be a number');
  return v;
}
/** Own keys only, and never one that would reach a prototype when used as a record key. */
function names(o: Obj, path: string): string[] {
  const keys = Object.keys(o);
  for (const k of keys) if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new BackupError(path, `has a field named "${k}"`);
  return keys;
}

/** Reads a bundle file; throws BackupError saying where it is wrong, and never anything else. */
export function parseBundle(text: string): Bundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError('', 'this file is not a Metacompiler backup (it is not JSON)');
  }
  const top = obj(raw, '$');
  if (top.format !== BUNDLE_FORMAT) throw new BackupError('format', 'this file is not a Metacompiler backup');
  if (top.version !== BUNDLE_VERSION) throw new BackupError('version', `backup format ${String(top.version)} is not one this version reads (it reads ${BUNDLE_VERSION})`);
  const schemaVersion = int(top.schemaVersion, 'schemaVersion');
  const createdAt = finite(top.createdAt, 'createdAt');
  const tablesIn = obj(top.tables, 'tables');
  const tables: Record<string, Row[]> = Object.create(null) as Record<string, Row[]>;
  for (const name of names(tablesIn, 'tables')) {
    tables[name] = arr(tablesIn[name], `tables.${name}`).map((r, i) => obj(decodeValue(obj(r, `tables.${name}[${i}]`), `tables.${name}[${i}]`), `tables.${name}[${i}]`));
  }
  const specsIn = obj(top.specs, 'specs');
  const specs: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  for (const id of names(specsIn, 'specs')) specs[id] = fromBase64(specsIn[id] as string, `specs.${id}`);
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, schemaVersion, createdAt, tables, specs, log: parseLog(obj(top.log, 'log')) };
}

function parseLog(log: Obj): BundleLog {
  const entries = arr(log.entries, 'log.entries').map((e, i): StoredLogEntry => {
    const p = `log.entries[${i}]`;
    const o = obj(e, p);
    if (!isLogKind(o.kind)) throw new BackupError(`${p}.kind`, 'is not a kind of log entry');
    if (!isHex(o.leafHash, 32)) throw new BackupError(`${p}.leafHash`, 'must be 64 lower-case hex digits');
    const payload = obj(decodeValue(o.payload, `${p}.payload`), `${p}.payload`);
    return { seq: int(o.seq, `${p}.seq`), kind: o.kind, at: finite(o.at, `${p}.at`), payload, leafHash: o.leafHash };
  });
  const heads = arr(log.heads, 'log.heads').map((h, i): SignedTreeHead => {
    const p = `log.heads[${i}]`;
    const o = obj(h, p);
    if (!isHex(o.root, 32)) throw new BackupError(`${p}.root`, 'must be 64 lower-case hex digits');
    if (!isHex(o.signature)) throw new BackupError(`${p}.signature`, 'must be hex');
    return { size: int(o.size, `${p}.size`), root: o.root, at: finite(o.at, `${p}.at`), signature: o.signature };
  });
  let signer: JsonWebKey | null = null;
  if (log.signer !== null && log.signer !== undefined) {
    const s = obj(log.signer, 'log.signer');
    for (const k of ['kty', 'crv', 'x', 'y'] as const) if (typeof s[k] !== 'string') throw new BackupError(`log.signer.${k}`, 'must be text');
    signer = { kty: s.kty as string, crv: s.crv as string, x: s.x as string, y: s.y as string };
  }
  return { entries, heads, signer };
}
