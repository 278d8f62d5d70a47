import { deflateSync, inflateSync } from 'fflate';
import { BackupError } from '../backup/errors';
import { decodeValue, toBase64, BYTES_TAG } from '../backup/encoding';
import { DeviceBatchError } from './errors';
import { isRecordKind, type DeviceRecord, type RecordKind, type Row } from './records';

/**
 * A sealed batch: records of one origin device as one opaque value of the pairing's Yjs
 * document. Plain form: JSON `{v: 1, origin, records: [[kind, id, body], ...]}` (bytes as
 * `{"$bytes": base64}`), deflated, then AES-256-GCM with a fresh 96-bit IV under the pairing's
 * record key; the batch's name is the additional data, so a relay cannot move a value to
 * another name. Stored form: [version byte 1][IV, 12 bytes][ciphertext with its 16-byte tag].
 */
export const BATCH_FORMAT = 1;
/** Records per batch, and plain JSON size per batch: a batch stays one small Yjs item. */
export const MAX_BATCH_RECORDS = 2000;
export const MAX_BATCH_CHARS = 1_500_000;
/** The largest sealed batch a device opens (a batch of this app is far smaller). */
export const MAX_SEALED_BYTES = 16 * 1024 * 1024;

export interface Batch {
  origin: string;
  records: DeviceRecord[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * A fresh name for a batch: 128 random bits, base64url, and (when given) `.<records>`, the
 * number of records it seals. The count lets a receiving device show "received N of M" before
 * it has opened every batch; the name is the batch's additional data, so a relay that changes
 * the count makes the batch fail to open. (A relay learns little from it: a batch's size says
 * as much.) Names made before the count have none.
 */
export function newBatchName(records?: number): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  const name = toBase64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return records === undefined ? name : `${name}.${records}`;
}

/** The record count a batch name carries, or undefined (an older name, or not a number). */
export function recordsInName(name: string): number | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const n = Number(name.slice(dot + 1));
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_BATCH_RECORDS ? n : undefined;
}

/** The key that seals a pairing's records, from its secret (HKDF-SHA-256, salted with the room). */
export async function deriveRecordKey(secret: string, room: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', enc.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode(`metacompiler-devices\u0000${room}`), info: enc.encode('records v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_TAG]: toBase64(value) };
  return value;
}

/** The plain bytes of a batch (deflated JSON). */
export function encodeBatch(batch: Batch): Uint8Array {
  const json = JSON.stringify({ v: BATCH_FORMAT, origin: batch.origin, records: batch.records.map((r) => [r.kind, r.id, r.body]) }, replacer);
  return deflateSync(enc.encode(json), { level: 6 });
}

const BYTES_KINDS: ReadonlySet<RecordKind> = new Set(['checkpoint', 'specDoc']);

/** Reads the plain bytes of a batch; throws DeviceBatchError naming the batch and record. */
export function decodeBatch(name: string, bytes: Uint8Array): Batch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(dec.decode(inflateSync(bytes)));
  } catch {
    throw new DeviceBatchError(name, 'does not read as a deflated JSON batch');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DeviceBatchError(name, 'is not an object');
  const o = parsed as Record<string, unknown>;
  if (o.v !== BATCH_FORMAT) throw new DeviceBatchError(name, `is in format ${String(o.v)}, not ${BATCH_FORMAT}: update the app on the other device`);
  if (typeof o.origin !== 'string' || !o.origin) throw new DeviceBatchError(name, 'names no origin device');
  if (!Array.isArray(o.records)) throw new DeviceBatchError(name, 'has no list of records');
  const origin = o.origin;
  const records = o.records.map((r, i): DeviceRecord => {
    if (!Array.isArray(r) || r.length !== 3) throw new DeviceBatchError(name, `record ${i} is not [kind, id, body]`);
    const [kind, id, body] = r as unknown[];
    if (!isRecordKind(kind)) throw new DeviceBatchError(name, `record ${i} has an unknown kind "${String(kind)}"`);
    if (typeof id !== 'string' || !id || id.length > 400) throw new DeviceBatchError(name, `record ${i} (${kind}) has no usable id`);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DeviceBatchError(name, `record ${i} (${kind} ${id}) has no body object`);
    if ('__proto__' in (body as object) && Object.prototype.hasOwnProperty.call(body, '__proto__')) {
      throw new DeviceBatchError(name, `record ${i} (${kind} ${id}) has a "__proto__" field`);
    }
    let decoded = body as Row;
    if (BYTES_KINDS.has(kind)) {
      try {
        decoded = decodeValue(body, `record ${i}`) as Row;
      } catch (e) {
        throw new DeviceBatchError(name, e instanceof BackupError ? e.message : `record ${i} (${kind} ${id}) does not read`);
      }
    }
    return { kind, id, origin, body: decoded };
  });
  return { origin, records };
}

/** Seals a batch under `key`, bound to its `name`. */
export async function sealBatch(key: CryptoKey, name: string, batch: Batch): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encodeBatch(batch);
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(name) }, key, plain as Uint8Array<ArrayBuffer>));
  const out = new Uint8Array(1 + 12 + cipher.length);
  out[0] = BATCH_FORMAT;
  out.set(iv, 1);
  out.set(cipher, 13);
  return out;
}

/**
 * Opens a sealed batch. Throws DeviceBatchError when it was sealed with another key, under
 * another name, was changed on the way, or does not read.
 */
export async function openBatch(key: CryptoKey, name: string, sealed: Uint8Array): Promise<Batch> {
  if (!(sealed instanceof Uint8Array) || sealed.length < 1 + 12 + 16) throw new DeviceBatchError(name, 'is too short to be a sealed batch');
  if (sealed.length > MAX_SEALED_BYTES) throw new DeviceBatchError(name, `is ${sealed.length} bytes, more than a batch of this app can be`);
  if (sealed[0] !== BATCH_FORMAT) throw new DeviceBatchError(name, `is sealed in format ${sealed[0]}, not ${BATCH_FORMAT}: update the app on the other device`);
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(1, 13), additionalData: enc.encode(name) }, key, sealed.slice(13)),
    );
  } catch {
    throw new DeviceBatchError(name, 'does not open with this pairing\'s key (another pairing, or changed on the way)');
  }
  return decodeBatch(name, plain);
}

/** Rough JSON size of a record, to keep batches under MAX_BATCH_CHARS without encoding twice. */
function sizeOf(r: DeviceRecord): number {
  let n = r.id.length + 24;
  for (const [k, v] of Object.entries(r.body)) {
    n += k.length + 4;
    if (typeof v === 'string') n += v.length + 2;
    else if (v instanceof Uint8Array) n += Math.ceil((v.length * 4) / 3) + 14;
    else if (v !== null && typeof v === 'object') n += JSON.stringify(v, replacer).length;
    else n += 12;
  }
  return n;
}

/** Splits one origin's records into batches within the limits, in the order given. */
export function splitRecords(records: readonly DeviceRecord[]): DeviceRecord[][] {
  const out: DeviceRecord[][] = [];
  let current: DeviceRecord[] = [];
  let chars = 0;
  for (const r of records) {
    const size = sizeOf(r);
    if (current.length > 0 && (current.length >= MAX_BATCH_RECORDS || chars + size > MAX_BATCH_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(r);
    chars += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
