import { ValidationError } from '../errors';

/**
 * A text edit as a plain operation: replace [from, to) of the text by `insert`. Every surface
 * of a spec writes back to its one Y.Text through these (src/sync applies them).
 */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

/**
 * Applies edits given against the same original text: sorted by position (an insertion
 * before a replacement at the same offset; equal edits keep their order), and they must not
 * overlap. Throws ValidationError otherwise.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((p, q) => p.e.from - q.e.from || p.e.to - q.e.to || p.i - q.i)
    .map((p) => p.e);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (!(Number.isInteger(e.from) && Number.isInteger(e.to) && 0 <= e.from && e.from <= e.to && e.to <= text.length))
      throw new ValidationError('edits', `edit ${e.from}..${e.to} is outside the text (length ${text.length})`);
    if (e.from < at) throw new ValidationError('edits', `edit ${e.from}..${e.to} overlaps an earlier edit ending at ${at}`);
    out += text.slice(at, e.from) + e.insert;
    at = e.to;
  }
  return out + text.slice(at);
}
