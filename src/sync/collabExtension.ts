import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { keymap } from '@codemirror/view';
import { Prec, type Extension } from '@codemirror/state';
import type { SpecSession } from './specSession';

/**
 * The CodeMirror binding of a spec's Y.Text: edits, remote cursors and a shared undo/redo
 * (Y.UndoManager, so undo only reverts this person's edits, never a peer's).
 */
export function collabExtension(session: SpecSession): Extension {
  return [
    yCollab(session.text, session.awareness, { undoManager: session.undoManager }),
    Prec.high(keymap.of(yUndoManagerKeymap)),
  ];
}
