import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { trackSaves } from './saveTracker';
import { scrubStoredUpdates } from './safeLoad'; // issue 8 hook: quarantine unreadable stored updates
import { openTabChannel } from './tabChannel';
import { specDocName } from './docNames';

/**
 * One spec's live document: the Y.Doc whose Y.Text is the single source of truth, persisted
 * in IndexedDB (y-indexeddb) and shared with the other tabs of this browser through a
 * BroadcastChannel (tabChannel.ts: nothing leaves the browser). Peers join only through
 * peers.ts, when a person shares.
 */
export interface SpecSession {
  readonly specId: string;
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  readonly awareness: Awareness;
  readonly undoManager: Y.UndoManager;
  /** Resolves once the stored updates are loaded, so nobody edits an empty shadow of the spec. */
  readonly whenLoaded: Promise<void>;
  /** Edits not yet committed to IndexedDB (0 = everything is saved); listeners get each change. */
  readonly unsaved: () => number;
  readonly onUnsavedChange: (listener: (pending: number) => void) => () => void;
}

interface Entry {
  session: SpecSession;
  refs: number;
  /** Holders that show this tab in the spec (all but quiet ones: the paired-device exchange). */
  shown: number;
  close: () => void;
}

const open = new Map<string, Entry>();

const COLORS = ['#0b72b9', '#c2410c', '#15803d', '#7c3aed', '#be185d', '#0f766e'];

/** How this tab appears in other tabs' and peers' editors (y-codemirror.next reads `user`). */
export interface LocalUser {
  name: string;
  color: string;
  colorLight: string;
}

function randomUser(): LocalUser {
  const n = Math.floor(Math.random() * COLORS.length);
  const color = COLORS[n]!;
  return { name: `Tab ${Math.floor(Math.random() * 900 + 100)}`, color, colorLight: color + '33' };
}

let localUser: LocalUser = randomUser();

/** Sets the name this person shows to others, in every open spec and every one opened later. */
export function setLocalUserName(name: string): void {
  const trimmed = name.trim();
  localUser = { ...localUser, name: trimmed || localUser.name };
  for (const entry of open.values()) if (entry.shown > 0) entry.session.awareness.setLocalStateField('user', localUser);
}

export function getLocalUser(): LocalUser {
  return localUser;
}

export { specDocName };
const tabRoomName = (specId: string) => `metacompiler-tab:${specId}`;

function create(specId: string): Entry {
  const doc = new Y.Doc();
  const text = doc.getText('markdown');
  void scrubStoredUpdates(specDocName(specId)); // issue 8 hook: must start before y-indexeddb opens (see safeLoad.ts)
  const persistence = new IndexeddbPersistence(specDocName(specId), doc);
  const awareness = new Awareness(doc);
  // Nobody is shown until a holder that is not quiet acquires the spec (acquireSpec).
  awareness.setLocalState(null);
  const tabs = openTabChannel(tabRoomName(specId), doc, awareness);
  const undoManager = new Y.UndoManager(text);
  const whenLoaded = persistence.whenSynced.then(() => undefined);
  let pending = 0;
  const saveListeners = new Set<(pending: number) => void>();
  const stopTracking = trackSaves(doc, persistence, (n) => {
    pending = n;
    saveListeners.forEach((l) => l(n));
  });
  const session: SpecSession = {
    specId,
    doc,
    text,
    awareness,
    undoManager,
    whenLoaded,
    unsaved: () => pending,
    onUnsavedChange: (listener) => {
      saveListeners.add(listener);
      return () => saveListeners.delete(listener);
    },
  };
  return {
    session,
    refs: 0,
    shown: 0,
    close: () => {
      stopTracking();
      undoManager.destroy();
      tabs.destroy();
      awareness.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}

/**
 * Opens (or shares) the session of a spec; call the returned release when done with it.
 * `quiet`: hold the document without showing this tab to the spec's other tabs and peers (the
 * exchange with paired devices holds every spec; nobody is looking at it because of that).
 */
export function acquireSpec(specId: string, options: { quiet?: boolean } = {}): { session: SpecSession; release: () => void } {
  let entry = open.get(specId);
  if (!entry) {
    entry = create(specId);
    open.set(specId, entry);
  }
  entry.refs++;
  const shows = !options.quiet;
  if (shows && entry.shown++ === 0) entry.session.awareness.setLocalState({ user: localUser });
  let released = false;
  const e = entry;
  return {
    session: e.session,
    release: () => {
      if (released) return;
      released = true;
      if (shows && --e.shown === 0 && e.refs > 1) e.session.awareness.setLocalState(null);
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
