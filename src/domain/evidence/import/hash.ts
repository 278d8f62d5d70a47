/**
 * A fast, deterministic 128-bit hash of text (cyrb128: four 32-bit multiply-xor lanes) for
 * import ids. Not cryptographic: it only has to make ids stable across imports of the same
 * file with collisions negligible at millions of runs, and it must be synchronous and cheap
 * for 100k runs, which WebCrypto's (asynchronous) SHA-256 is not.
 */
export function hash128(text: string): string {
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

/** An id from parts, with a separator that cannot occur inside a part. */
export function importId(prefix: string, parts: readonly string[]): string {
  return `${prefix}_${hash128(parts.join('\u0000'))}`;
}
