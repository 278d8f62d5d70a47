/**
 * A random id for this browser (all its tabs), so peers tell one device from another and a
 * device from this browser's own tabs. Kept in localStorage; a page without it gets one per load.
 */
const KEY = 'metacompiler.peerDevice';
let mine: string | undefined;

export function deviceId(): string {
  if (mine) return mine;
  try {
    mine = globalThis.localStorage?.getItem(KEY) ?? undefined;
    if (!mine) {
      mine = crypto.randomUUID();
      globalThis.localStorage?.setItem(KEY, mine);
    }
  } catch {
    mine = crypto.randomUUID();
  }
  return mine;
}
