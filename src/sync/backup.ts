import * as Y from 'yjs';
import { acquireSpec } from './specSession';

/**
 * Spec documents in and out of a backup. A spec's whole state is one Yjs update
 * (Y.encodeStateAsUpdate); restoring applies it to the live document, and a CRDT merge makes
 * that idempotent: restoring into a spec that already has the same edits adds nothing, and
 * edits on either side are all kept.
 */

/** The full state of a spec's document, as loaded from this browser (and any open tab's memory). */
export async function exportSpecState(specId: string): Promise<Uint8Array> {
  const { session, release } = acquireSpec(specId);
  try {
    await session.whenLoaded;
    return Y.encodeStateAsUpdate(session.doc);
  } finally {
    release();
  }
}

/**
 * Whether `state` is a well-formed Yjs update, found by applying it to a scratch document, so
 * that a broken state in a backup is refused before anything is restored.
 */
export function isValidSpecState(state: Uint8Array): boolean {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, state);
    return true;
  } catch {
    return false;
  } finally {
    scratch.destroy();
  }
}

export const RESTORE_ORIGIN = 'backup-restore';

/**
 * Merges a backed-up state into a spec and resolves once it is stored in this browser. Returns
 * whether the document changed (false: it already held every edit of the backup).
 */
export async function importSpecState(specId: string, state: Uint8Array): Promise<boolean> {
  const { session, release } = acquireSpec(specId);
  try {
    await session.whenLoaded;
    // Yjs emits an update only when a transaction changed something (insertions or deletions).
    let changed = false;
    const seen = (_u: Uint8Array, origin: unknown) => {
      if (origin === RESTORE_ORIGIN) changed = true;
    };
    session.doc.on('update', seen);
    try {
      Y.applyUpdate(session.doc, state, RESTORE_ORIGIN);
    } finally {
      session.doc.off('update', seen);
    }
    await whenSaved(session.unsaved, session.onUnsavedChange);
    return changed;
  } finally {
    release();
  }
}

function whenSaved(unsaved: () => number, onChange: (l: (n: number) => void) => () => void): Promise<void> {
  if (unsaved() === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = onChange((n) => {
      if (n > 0) return;
      stop();
      resolve();
    });
  });
}
