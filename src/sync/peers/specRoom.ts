import { acquireSpec } from '../specSession';
import { markRoomClosed } from './closedRooms';

/** Marks a spec's room closed in its document (the tab channel and the room carry it on). */
export async function closeSpecRoom(specId: string, room: string): Promise<void> {
  const { session, release } = acquireSpec(specId);
  try {
    await session.whenLoaded;
    markRoomClosed(session.doc, room);
  } finally {
    release();
  }
}

/** Calls `listener` with the spec's text now and after every change, until the returned stop. */
export function watchSpecText(specId: string, listener: (text: string) => void): () => void {
  const { session, release } = acquireSpec(specId);
  const read = () => listener(session.text.toString());
  session.text.observe(read);
  void session.whenLoaded.then(read);
  return () => {
    session.text.unobserve(read);
    release();
  };
}
