import * as Y from 'yjs';
import { CLOSED_ROOMS } from './closedRooms';

/**
 * Does this Yjs update close `room` (set its key in the closedRooms map)? Read from the update's
 * structs without applying it. The mark is set once per room (closedRooms.ts never overwrites
 * it), so its item always names its map and key.
 */
export function updateClosesRoom(update: Uint8Array, room: string): boolean {
  const { structs } = Y.decodeUpdate(update);
  return structs.some((s) => s instanceof Y.Item && (s.parent as unknown) === CLOSED_ROOMS && s.parentSub === room);
}

/** lib0's decoder, as y-websocket hands it to its message handlers. */
interface Decoder {
  arr: Uint8Array;
  pos: number;
}
type SyncHandler = (encoder: unknown, decoder: Decoder, provider: unknown, emitSynced: boolean, messageType: number) => void;

/** lib0's variable-length unsigned integer (7 bits a byte, high bit = more). */
function readVarUint(d: Decoder): number {
  let n = 0;
  let mult = 1;
  for (;;) {
    const b = d.arr[d.pos++]!;
    n += (b & 0x7f) * mult;
    if (b < 0x80) return n;
    mult *= 128;
  }
}

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Wraps a y-websocket provider's sync message handler: an update from the server that closes
 * the room is not applied, and `onClosed` is called instead. When a device clears the server's
 * copy after "Stop sharing" (serverCopy.ts), the server holds the closing mark and the deletion
 * of the text; a device that was away gets both in one update when it reconnects, and keeps its
 * text: it leaves the room instead.
 */
export function guardClosingUpdates(handlers: SyncHandler[], room: string, onClosed: () => void): void {
  const sync = handlers[0]!;
  handlers[0] = (encoder, decoder, provider, emitSynced, messageType) => {
    const peek = { arr: decoder.arr, pos: decoder.pos };
    const kind = readVarUint(peek);
    const length = kind === SYNC_STEP_2 || kind === SYNC_UPDATE ? readVarUint(peek) : 0;
    if (length > 0 && updateClosesRoom(peek.arr.subarray(peek.pos, peek.pos + length), room)) {
      onClosed();
      return;
    }
    sync(encoder, decoder, provider, emitSynced, messageType);
  };
}
