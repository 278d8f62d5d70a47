import { createSignal, onCleanup, onMount } from 'solid-js';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { bindSpecEditor, touchSpec } from '../../services/specs';
import { editorHighlight } from '../specView/editorHighlight';

/** What a split view may ask of the editor. */
export interface EditorHandle {
  /** Puts the cursor at a source offset, scrolls it into view and focuses the editor. */
  placeCursor: (offset: number) => void;
}

/** The plain editor: CodeMirror bound to the spec's Y.Text (no copy of the text of its own). */
export function SpecEditor(props: {
  specId: string;
  onReady?: (handle: EditorHandle) => void;
  /** The cursor moved (by the person or by an edit); the offset is the same in the Y.Text. */
  onCursor?: (offset: number) => void;
}) {
  let host!: HTMLDivElement;
  let view: EditorView | undefined;
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
    await binding.whenLoaded;
    view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: binding.initialText(),
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          drawSelection(),
          EditorView.lineWrapping,
          // Only "\n" breaks lines, so that offsets equal Y.Text offsets even in a file with
          // "\r\n" line ends (CodeMirror would otherwise count "\r\n" as one character).
          EditorState.lineSeparator.of('\n'),
          EditorView.updateListener.of((u) => {
            if (u.selectionSet || u.docChanged || u.focusChanged) props.onCursor?.(u.state.selection.main.head);
          }),
          markdown(),
          editorHighlight,
          binding.extension,
          keymap.of([...defaultKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': 'Spec text (Markdown)', 'data-testid': 'spec-editor' }),
        ],
      }),
    });
    props.onReady?.({
      placeCursor: (offset) => {
        if (!view) return;
        const at = Math.max(0, Math.min(offset, view.state.doc.length));
        view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        view.focus();
      },
    });
  });

  onCleanup(() => {
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
