import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebrtcProvider } from 'y-webrtc';
import type { Awareness } from 'y-protocols/awareness';

/**
 * One spec's live document: the Y.Doc whose Y.Text is the single source of truth, persisted
 * in IndexedDB (y-indexeddb) and shared with the other tabs of this browser through
 * BroadcastChannel (y-webrtc with no signaling servers: nothing leaves the browser).
 */
export interface SpecSession {
  readonly specId: string;
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  readonly awareness: Awareness;
  readonly undoManager: Y.UndoManager;
  /** Resolves once the stored updates are loaded, so nobody edits an empty shadow of the spec. */
  readonly whenLoaded: Promise<void>;
}

interface Entry {
  session: SpecSession;
  refs: number;
  close: () => void;
}

const open = new Map<string, Entry>();

export const specDocName = (specId: string) => `metacompiler-spec:${specId}`;
const tabRoomName = (specId: string) => `metacompiler-tab:${specId}`;

function create(specId: string): Entry {
  const doc = new Y.Doc();
  const text = doc.getText('markdown');
  const persistence = new IndexeddbPersistence(specDocName(specId), doc);
  const tabs = new WebrtcProvider(tabRoomName(specId), doc, { signaling: [] });
  const undoManager = new Y.UndoManager(text);
  const whenLoaded = persistence.whenSynced.then(() => undefined);
  const session: SpecSession = { specId, doc, text, awareness: tabs.awareness, undoManager, whenLoaded };
  return {
    session,
    refs: 0,
    close: () => {
      undoManager.destroy();
      tabs.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}

/** Opens (or shares) the session of a spec; call the returned release when done with it. */
export function acquireSpec(specId: string): { session: SpecSession; release: () => void } {
  let entry = open.get(specId);
  if (!entry) {
    entry = create(specId);
    open.set(specId, entry);
  }
  entry.refs++;
  let released = false;
  const e = entry;
  return {
    session: e.session,
    release: () => {
      if (released) return;
      released = true;
      if (--e.refs === 0) {
        open.delete(specId);
        e.close();
      }
    },
  };
}

/** Reads a spec's current text (loading it first), for exports and services. */
export async function readSpecText(specId: string): Promise<string> {
  const { session, release } = acquireSpec(specId);
  try {
    await session.whenLoaded;
    return session.text.toString();
  } finally {
    release();
  }
}

/** Writes the initial text of a new spec and waits until it is persisted. */
export async function seedSpecText(specId: string, initial: string): Promise<void> {
  const { session, release } = acquireSpec(specId);
  try {
    await session.whenLoaded;
    if (session.text.length === 0 && initial) session.text.insert(0, initial);
  } finally {
    release();
  }
}
