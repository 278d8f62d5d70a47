import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Import ids are SHA-256 (a maintained synchronous implementation: ids are made inside the
 * IndexedDB transaction, where awaiting WebCrypto would let it commit). A collision would drop
 * a run as a "duplicate", so the hash must be collision-resistant, not merely well spread.
 * The id is the format's prefix, "-" and the 64 hex digits of SHA-256 over the parts joined by
 * NUL (which cannot occur inside a part): "junit-3f…". The "-" keeps these ids apart from the
 * ids imports gave before (prefix "_" and 32 hex digits of cyrb128, see legacyImportId), so a
 * store can tell in one key-range read whether any old ones exist.
 */
const encoder = new TextEncoder();

export function importId(prefix: string, parts: readonly string[]): string {
  return `${prefix}-${bytesToHex(sha256(encoder.encode(parts.join('\u0000'))))}`;
}

/** The key range ("junit_" …) in which ids made before SHA-256 lie, for one import prefix. */
export function legacyIdPrefix(prefix: string): string {
  return `${prefix}_`;
}

/**
 * The id the same run got before ids were SHA-256: cyrb128 (four 32-bit multiply-xor lanes),
 * kept only so that re-importing a file imported then still finds its runs as duplicates.
 * Stored runs keep their ids; nothing new is ever given one of these.
 */
export function legacyImportId(prefix: string, parts: readonly string[]): string {
  return `${legacyIdPrefix(prefix)}${cyrb128(parts.join('\u0000'))}`;
}

function cyrb128(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** Both ids of one run: the SHA-256 id it gets now, and the one an earlier import gave it. */
export function importIds(prefix: string, parts: readonly string[]): { id: string; legacyId: string } {
  return { id: importId(prefix, parts), legacyId: legacyImportId(prefix, parts) };
}
