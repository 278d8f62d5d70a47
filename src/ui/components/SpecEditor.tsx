import { createSignal, onCleanup, onMount } from 'solid-js';
import { touchSpec } from '../../services/specs';
import { bindSpecEditor } from '../../services/specs/editorBinding';
import type { SpecEditorView } from './editor/specEditorView';

/** What a split view may ask of the editor. */
export interface EditorHandle {
  /** Puts the cursor at a source offset, scrolls it into view and focuses the editor. */
  placeCursor: (offset: number) => void;
}

/**
 * The plain editor: CodeMirror bound to the spec's Y.Text (no copy of the text of its own).
 * CodeMirror is loaded when the first editor opens, not with the page.
 */
export function SpecEditor(props: {
  specId: string;
  onReady?: (handle: EditorHandle) => void;
  /** The cursor moved (by the person or by an edit); the offset is the same in the Y.Text. */
  onCursor?: (offset: number) => void;
}) {
  let host!: HTMLDivElement;
  let view: SpecEditorView | undefined;
  let disposed = false;
  const binding = bindSpecEditor(props.specId);
  let touchTimer: ReturnType<typeof setTimeout> | undefined;
  const [unsaved, setUnsaved] = createSignal(binding.unsaved());
  const stopSaveWatch = binding.onUnsavedChange(setUnsaved);
  // Keep the spec list ordered by last edit, without a write per keystroke.
  const stopWatching = binding.onChange(() => {
    clearTimeout(touchTimer);
    touchTimer = setTimeout(() => void touchSpec(props.specId), 1000);
  });

  onMount(async () => {
    const [{ createSpecEditorView }, collab] = await Promise.all([import('./editor/specEditorView'), binding.loadExtension(), binding.whenLoaded]);
    if (disposed) return;
    view = createSpecEditorView({ parent: host, doc: binding.initialText(), collab, onCursor: props.onCursor });
    props.onReady?.({ placeCursor: (offset) => view?.placeCursor(offset) });
  });

  onCleanup(() => {
    disposed = true;
    clearTimeout(touchTimer);
    stopWatching();
    stopSaveWatch();
    view?.destroy();
    view = undefined;
    binding.release();
  });

  return (
    <div class="editor-wrap">
      <div class="toolbar" role="toolbar" aria-label="Editor">
        <button onClick={() => binding.undo()} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
        <button onClick={() => binding.redo()} title="Redo (Ctrl+Shift+Z)" data-testid="redo">Redo</button>
        <span
          class="save-state"
          data-testid="save-state"
          data-saved={unsaved() === 0 ? 'yes' : unsaved() < 0 ? 'failed' : 'no'}
          role="status"
          title={unsaved() < 0 ? 'The browser refused to store your latest edits (is its storage full?). They are only in this tab now: export the spec as Markdown before closing it.' : undefined}
        >
          {unsaved() === 0 ? 'Saved in this browser' : unsaved() < 0 ? 'Not saved: storage refused the last edits' : 'Saving…'}
        </span>
      </div>
      <div class="editor" ref={host} />
    </div>
  );
}
