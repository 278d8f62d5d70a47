import type { Extension } from '@codemirror/state';
import { acquireSpec } from '../../sync/specSession';

export interface SpecEditorBinding {
  /** The editor's binding to the Y.Text; loaded with the editor (it brings CodeMirror). */
  loadExtension: () => Promise<Extension>;
  whenLoaded: Promise<void>;
  initialText: () => string;
  undo: () => void;
  redo: () => void;
  onChange: (listener: () => void) => () => void;
  /** Edits typed but not yet stored in this browser; 0 means all saved, -1 that storing failed. */
  unsaved: () => number;
  onUnsavedChange: (listener: (pending: number) => void) => () => void;
  release: () => void;
}

/** Everything the plain editor needs to edit a spec's Y.Text, without touching Yjs itself. */
export function bindSpecEditor(specId: string): SpecEditorBinding {
  const { session, release } = acquireSpec(specId);
  return {
    loadExtension: async () => (await import('../../sync/collabExtension')).collabExtension(session),
    whenLoaded: session.whenLoaded,
    initialText: () => session.text.toString(),
    undo: () => session.undoManager.undo(),
    redo: () => session.undoManager.redo(),
    onChange: (listener) => {
      session.text.observe(listener);
      return () => session.text.unobserve(listener);
    },
    unsaved: session.unsaved,
    onUnsavedChange: session.onUnsavedChange,
    release,
  };
}
