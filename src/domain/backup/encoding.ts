import { BackupError } from './errors';

/**
 * Rows are written to the bundle as JSON. Binary fields (a checkpoint's Yjs state, a
 * quarantined update) become `{ "$bytes": "<base64>" }` so they come back as Uint8Array;
 * everything else must already be JSON (the store holds plain data).
 */
export const BYTES_TAG = '$bytes';

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  // Chunks keep String.fromCharCode's argument list short on large states.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromBase64(text: string, path: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !B64.test(text)) throw new BackupError(path, 'is not base64');
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A JSON-ready copy of a stored value (bytes tagged, undefined fields dropped as JSON does). */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_TAG]: toBase64(value) };
  if (value instanceof ArrayBuffer) return { [BYTES_TAG]: toBase64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) return { [BYTES_TAG]: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
    return out;
  }
  return value;
}

const MAX_DEPTH = 64;

/** The stored value of a JSON value from a bundle; refuses what the store never writes. */
export function decodeValue(value: unknown, path: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new BackupError(path, 'is nested too deeply');
  if (Array.isArray(value)) return value.map((v, i) => decodeValue(v, `${path}[${i}]`, depth + 1));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === BYTES_TAG) return fromBase64(o[BYTES_TAG] as string, path);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      // JSON.parse makes "__proto__" an own property; copying it with `=` would set a prototype.
      if (k === '__proto__') throw new BackupError(path, 'has a "__proto__" field');
      out[k] = decodeValue(o[k], `${path}.${k}`, depth + 1);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new BackupError(path, 'is not a finite number');
  return value;
}

/** One spelling per value (keys sorted, bytes tagged), to tell identical rows from different ones. */
export function stableKey(value: unknown): string {
  return JSON.stringify(sortKeys(encodeValue(value)));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
