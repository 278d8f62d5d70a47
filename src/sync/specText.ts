import * as Y from 'yjs';
import type { TextEdit } from '../domain/spec/textEdit';
import { acquireSpec } from './specSession';
import { applyTextEdits, editTextWith } from './textEdits';
import { applyTextDiff } from './textDiff';

/**
 * Spec-level entry points onto a spec's Y.Text for code that does not hold a session itself:
 * the rendered view, checkpoints, imports, automation. Each opens the spec (sharing an open
 * session), waits for the stored updates, and writes as one transaction.
 */
async function withSpec<T>(specId: string, use: (text: Y.Text, doc: Y.Doc) => T): Promise<T> {
  const { session, release } = acquireSpec(specId);
  try {
    await session.whenLoaded;
    return use(session.text, session.doc);
  } finally {
    release();
  }
}

/**
 * Applies edits computed from the current text, in one transaction. Pass a function when the
 * edits depend on the text (a task toggle): it runs against the text as it is at that moment.
 */
export function editSpecText(
  specId: string,
  edits: readonly TextEdit[] | ((current: string) => readonly TextEdit[]),
  origin: unknown = null,
): Promise<{ edits: readonly TextEdit[]; text: string }> {
  return withSpec(specId, (text) =>
    typeof edits === 'function' ? editTextWith(text, edits, origin) : { edits, text: applyTextEdits(text, edits, origin) },
  );
}

/**
 * Makes the spec's text equal `target` through the smallest edits (never a replace): applyTextDiff.
 * Pass a function when the target depends on the text (a merge): it reads the text and the
 * edits are applied in one transaction, so no remote change lands between the two.
 */
export function editSpecTextTo(
  specId: string,
  target: string | ((current: string) => string),
  origin: unknown = null,
): Promise<{ edits: readonly TextEdit[]; text: string }> {
  return withSpec(specId, (text, doc) => {
    if (typeof target === 'string') return applyTextDiff(text, target, origin);
    let result: { edits: readonly TextEdit[]; text: string } = { edits: [], text: '' };
    doc.transact(() => (result = applyTextDiff(text, target(text.toString()), origin)), origin);
    return result;
  });
}

export interface SpecSnapshot {
  text: string;
  /** Y.encodeStateAsUpdate: the whole document, enough to rebuild it exactly. */
  state: Uint8Array;
}

export function snapshotSpec(specId: string): Promise<SpecSnapshot> {
  return withSpec(specId, (text, doc) => ({ text: text.toString(), state: Y.encodeStateAsUpdate(doc) }));
}

/** The text a stored Y update holds (for checkpoints saved as state only). */
export function textOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return doc.getText('markdown').toString();
  } finally {
    doc.destroy();
  }
}

export interface SpecTextBinding {
  whenLoaded: Promise<void>;
  text: () => string;
  /** Called after every change, local or remote, with the new text. */
  onChange: (listener: (text: string) => void) => () => void;
  release: () => void;
}

/** A live view of a spec's text, for surfaces that render it (they never keep their own copy). */
export function bindSpecText(specId: string): SpecTextBinding {
  const { session, release } = acquireSpec(specId);
  return {
    whenLoaded: session.whenLoaded,
    text: () => session.text.toString(),
    onChange: (listener) => {
      const handler = () => listener(session.text.toString());
      session.text.observe(handler);
      return () => session.text.unobserve(handler);
    },
    release,
  };
}
