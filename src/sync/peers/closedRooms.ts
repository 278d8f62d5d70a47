import type * as Y from 'yjs';

/**
 * Rooms this spec was shared in and that a device closed with "Stop sharing". The mark lives in
 * the document itself, so every device in the room learns it with the next sync, also one that
 * was away, and leaves the room: an old link then reaches nobody.
 */
export const CLOSED_ROOMS = 'closedRooms';

export function closedRooms(doc: Y.Doc): Y.Map<number> {
  return doc.getMap<number>(CLOSED_ROOMS);
}

/** Set once per room, never overwritten, so the mark's item always names its key (closingGuard.ts). */
export function markRoomClosed(doc: Y.Doc, room: string, at = Date.now()): void {
  if (!closedRooms(doc).has(room)) closedRooms(doc).set(room, at);
}

export function isRoomClosed(doc: Y.Doc, room: string): boolean {
  return closedRooms(doc).has(room);
}

/** Calls `onClosed` once when `room` is marked closed (at once if it already is). */
export function watchRoomClosed(doc: Y.Doc, room: string, onClosed: () => void): () => void {
  const map = closedRooms(doc);
  let done = false;
  const check = () => {
    if (done || !map.has(room)) return;
    done = true;
    map.unobserve(check);
    onClosed();
  };
  map.observe(check);
  check();
  return () => map.unobserve(check);
}
