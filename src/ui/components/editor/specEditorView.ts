import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { EditorState, type Extension } from '@codemirror/state';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { editorHighlight } from '../../specView/editorHighlight';
import { specMarkdown } from './markdownSupport';

/** What SpecEditor needs from CodeMirror; this module is loaded when the first editor opens. */
export interface SpecEditorView {
  placeCursor: (offset: number) => void;
  destroy: () => void;
}

export function createSpecEditorView(options: {
  parent: HTMLElement;
  doc: string;
  /** The binding to the spec's Y.Text (edits, remote cursors, shared undo). */
  collab: Extension;
  onCursor?: (offset: number) => void;
}): SpecEditorView {
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        drawSelection(),
        EditorView.lineWrapping,
        // Only "\n" breaks lines, so that offsets equal Y.Text offsets even in a file with
        // "\r\n" line ends (CodeMirror would otherwise count "\r\n" as one character).
        EditorState.lineSeparator.of('\n'),
        EditorView.updateListener.of((u) => {
          if (u.selectionSet || u.docChanged || u.focusChanged) options.onCursor?.(u.state.selection.main.head);
        }),
        specMarkdown(),
        editorHighlight,
        options.collab,
        keymap.of([...defaultKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': 'Spec text (Markdown)', 'data-testid': 'spec-editor' }),
      ],
    }),
  });
  return {
    placeCursor: (offset) => {
      const at = Math.max(0, Math.min(offset, view.state.doc.length));
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
