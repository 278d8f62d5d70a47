import type { TextEdit } from '../../domain/spec/edits';
import { editSpecText, editSpecTextTo } from '../../sync/specText';

export type { TextEdit };

/**
 * The one way code outside the editor writes to a spec: edits at exact offsets, applied to
 * the spec's Y.Text as one transaction that every tab and peer receives (and one undo step).
 * Pass a function to compute the edits from the text as it is at that moment; plain edits must
 * be against the current text. Throws ValidationError for edits out of range or overlapping,
 * StaleEditError when a domain edit function finds the text changed; nothing is written then.
 * Returns the edits applied and the resulting text.
 */
export function applySpecEdits(
  specId: string,
  edits: readonly TextEdit[] | ((current: string) => readonly TextEdit[]),
): Promise<{ edits: readonly TextEdit[]; text: string }> {
  return editSpecText(specId, edits);
}

/**
 * Makes a spec's text equal `target` by diff-based edits (never by replacing the document), so
 * that concurrent typing elsewhere survives and merges. Used by restores and imports.
 */
export function editSpecToText(specId: string, target: string): Promise<{ edits: readonly TextEdit[]; text: string }> {
  return editSpecTextTo(specId, target);
}
