import type * as Y from 'yjs';
import { editsBetween } from '../domain/spec/lineEdits';
import type { TextEdit } from '../domain/spec/textEdit';
import { editTextWith } from './textEdits';

/**
 * Makes a Y.Text read `target` through the smallest edits from what it reads now (the
 * domain's editsBetween: unchanged lines untouched, changed lines trimmed to the characters
 * that differ), as one transaction. This is how a checkpoint restore, a Markdown import or a
 * file changed on disk reaches a spec: as ordinary edits that every tab and peer receives and
 * that merge with concurrent typing, never as a replaced document. The current text is read
 * inside the transaction, so no remote update can land between the read and the write.
 * Returns the edits applied and the resulting text (equal to `target`).
 */
export function applyTextDiff(text: Y.Text, target: string, origin: unknown = null): { edits: readonly TextEdit[]; text: string } {
  return editTextWith(text, (current) => editsBetween(current, target), origin);
}
