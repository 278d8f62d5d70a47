import { acquireSpec } from './specSession';

export interface Person {
  clientId: number;
  name: string;
  color: string;
  /** This tab. */
  self: boolean;
}

/**
 * Who has a spec open right now: this browser's tabs and, in a shared session, the peers.
 * Read from Yjs awareness, which each client renews every 15 s and drops 30 s after it
 * goes quiet.
 */
export function observePeople(specId: string, listener: (people: Person[]) => void): () => void {
  const { session, release } = acquireSpec(specId);
  const { awareness, doc } = session;
  const read = () => {
    const people: Person[] = [];
    awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') return;
      people.push({ clientId, name: user.name, color: typeof user.color === 'string' ? user.color : '#888', self: clientId === doc.clientID });
    });
    people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
    listener(people);
  };
  awareness.on('change', read);
  read();
  return () => {
    awareness.off('change', read);
    release();
  };
}
