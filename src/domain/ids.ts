/**
 * Ids that sort by creation time (base-36 milliseconds) and never collide across devices
 * (80 random bits), so that imports from another device merge without clashes.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  let rand = '';
  for (const b of bytes) rand += b.toString(36).padStart(2, '0');
  return `${prefix}_${now.toString(36).padStart(9, '0')}${rand}`;
}
