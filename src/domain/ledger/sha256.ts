import { concatBytes } from './bytes';
import type { Hash } from './bytes';

/**
 * SHA-256 through WebCrypto, which exists alike in browsers, workers and Node 20; it is
 * asynchronous, so everything built on it returns promises.
 */
export async function sha256(data: Uint8Array): Promise<Hash> {
  // Copy into a fresh ArrayBuffer: WebCrypto's BufferSource typing rejects SharedArrayBuffer views.
  const buf = new Uint8Array(data.length);
  buf.set(data);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
}

const EMPTY_TREE = new Uint8Array(0);
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** RFC 9162 2.1.1: the hash of a tree with no leaves is SHA-256 of the empty string. */
export function emptyRoot(): Promise<Hash> {
  return sha256(EMPTY_TREE);
}

/** RFC 9162 2.1.1: leaf hash = SHA-256(0x00 || entry); the prefix keeps leaves and nodes apart. */
export function leafHash(entry: Uint8Array): Promise<Hash> {
  return sha256(concatBytes(LEAF_PREFIX, entry));
}

/** RFC 9162 2.1.1: node hash = SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Promise<Hash> {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** The split point k of RFC 9162: the largest power of two strictly smaller than n (n > 1). */
export function largestPowerOfTwoBelow(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`needs n >= 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
