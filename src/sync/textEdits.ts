import type * as Y from 'yjs';
import { applyEdits, type TextEdit } from '../domain/spec/textEdit';

/**
 * Applies plain text edits (given against the Y.Text's current content) as one Yjs
 * transaction, so that every tab and peer receives them as a single change and an undo
 * reverts them together. Edits are checked first with the domain's applyEdits (sorted, in
 * range, non-overlapping), which throws ValidationError and leaves the text untouched.
 * Returns the resulting text.
 */
export function applyTextEdits(text: Y.Text, edits: readonly TextEdit[], origin: unknown = null): string {
  const before = text.toString();
  const after = applyEdits(before, edits);
  if (edits.length === 0) return after;
  const ordered = edits
    .map((e, i) => ({ e, i }))
    .sort((p, q) => p.e.from - q.e.from || p.e.to - q.e.to || p.i - q.i)
    .map((p) => p.e);
  const run = () => {
    // Back to front: each edit leaves the offsets of the ones before it valid.
    for (let i = ordered.length - 1; i >= 0; i--) {
      const e = ordered[i]!;
      if (e.to > e.from) text.delete(e.from, e.to - e.from);
      if (e.insert) text.insert(e.from, e.insert);
    }
  };
  if (text.doc) text.doc.transact(run, origin);
  else run();
  return after;
}

/**
 * Reads the text and computes edits from it inside the same transaction, so no remote change
 * can land between the read and the write (Yjs applies remote updates between transactions).
 */
export function editTextWith(
  text: Y.Text,
  compute: (current: string) => readonly TextEdit[],
  origin: unknown = null,
): { edits: readonly TextEdit[]; text: string } {
  let result: { edits: readonly TextEdit[]; text: string } = { edits: [], text: '' };
  const run = () => {
    const edits = compute(text.toString());
    result = { edits, text: applyTextEdits(text, edits, origin) };
  };
  if (text.doc) text.doc.transact(run, origin);
  else run();
  return result;
}
