import * as Y from 'yjs';
import { DomainError } from '../../domain/errors';
import { acquireSpec } from '../specSession';
import { markRoomClosed } from './closedRooms';
import { websocketRoomName } from './roomName';

export class ServerCopyError extends DomainError {
  constructor(message: string) {
    super(message, 'ServerCopyError');
  }
}

/**
 * Empties what a y-websocket server keeps of a spec in a room that was closed. The server keeps
 * every update it was sent (in memory until it restarts, or on disk with YPERSISTENCE), and the
 * protocol has no "forget": the only way to take the text away is to delete it there. This
 * connects a copy of the spec's document (never the spec's own) to the old room, marks the room
 * closed and deletes the text in that copy, waits until the server has it, and leaves. Devices
 * still in the room see the mark and leave it before the deletion could reach their spec
 * (closingGuard.ts).
 */
export async function clearServerCopy(specId: string, url: string, room: string, password: string, timeoutMs = 10_000): Promise<void> {
  const { WebsocketProvider } = await import('y-websocket');
  const { session, release } = acquireSpec(specId);
  const copy = new Y.Doc();
  try {
    await session.whenLoaded;
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(session.doc));
  } finally {
    release();
  }
  const provider = new WebsocketProvider(url, await websocketRoomName(room, password), copy, { disableBc: true });
  try {
    await waitFor(() => provider.synced, timeoutMs, `the server at ${url} did not answer`);
    markRoomClosed(copy, room);
    await waitFor(() => provider.ws?.bufferedAmount === 0, timeoutMs, `the server at ${url} did not take the closing mark`);
    const text = copy.getText('markdown');
    text.delete(0, text.length);
    await waitFor(() => provider.ws?.bufferedAmount === 0, timeoutMs, `the server at ${url} did not take the deletion`);
  } finally {
    provider.destroy();
    copy.destroy();
  }
}

function waitFor(ok: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (ok()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new ServerCopyError(failure));
      else setTimeout(tick, 50);
    };
    tick();
  });
}
