import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { markRoomClosed } from '../../../../src/sync/peers/closedRooms';
import { guardClosingUpdates, updateClosesRoom } from '../../../../src/sync/peers/closingGuard';

function syncMessage(kind: number, update: Uint8Array): decoding.Decoder {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, update);
  return decoding.createDecoder(encoding.toUint8Array(e));
}

describe('closing guard', () => {
  it('finds the closing mark of a room in an update, and only of that room', () => {
    const doc = new Y.Doc();
    doc.getText('markdown').insert(0, 'text\n');
    const before = Y.encodeStateVector(doc);
    markRoomClosed(doc, 'room-a');
    markRoomClosed(doc, 'room-a'); // never overwritten
    const mark = Y.encodeStateAsUpdate(doc, before);
    expect(updateClosesRoom(mark, 'room-a')).toBe(true);
    expect(updateClosesRoom(mark, 'room-b')).toBe(false);
    expect(updateClosesRoom(Y.encodeStateAsUpdate(doc), 'room-a')).toBe(true);
    const edit = new Y.Doc();
    edit.getText('markdown').insert(0, 'room-a');
    expect(updateClosesRoom(Y.encodeStateAsUpdate(edit), 'room-a')).toBe(false);
  });

  it('keeps a cleared room out of the spec: the mark and the deletion in one update are not applied', () => {
    const spec = new Y.Doc();
    spec.getText('markdown').insert(0, 'keep me\n');
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(spec));
    markRoomClosed(server, 'room-a');
    server.getText('markdown').delete(0, server.getText('markdown').length);

    const applied: Uint8Array[] = [];
    type Handler = (e: unknown, d: decoding.Decoder, p: unknown, emitSynced: boolean, type: number) => void;
    const handlers: Handler[] = [(_e, d) => (decoding.readVarUint(d), applied.push(decoding.readVarUint8Array(d)))];
    let closed = 0;
    guardClosingUpdates(handlers as never, 'room-a', () => closed++);
    handlers[0]!(null, syncMessage(1, Y.encodeStateAsUpdate(server, Y.encodeStateVector(spec))), null, true, 0);
    expect(closed).toBe(1);
    expect(applied).toHaveLength(0);
    // An ordinary edit passes through untouched.
    const other = new Y.Doc();
    other.getText('markdown').insert(0, 'hello');
    handlers[0]!(null, syncMessage(2, Y.encodeStateAsUpdate(other)), null, true, 0);
    expect(applied).toHaveLength(1);
    Y.applyUpdate(spec, applied[0]!);
    expect(spec.getText('markdown').toString()).toContain('keep me');
  });
});
