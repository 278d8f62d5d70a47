/**
 * The edits one side of a merge made, read so that the same change looks the same on both
 * sides. A plain diff may render "line 2 ticked, line 3 added" as one replacement from inside
 * line 2 to the end of line 3; the other side, which only ticked line 2, renders a one-character
 * edit, and a merge would see two different changes where there is one. Here a changed run of
 * lines is paired line by line with its most alike counterpart (each pair edited in the
 * characters that differ), and the lines left over are whole-line insertions or deletions.
 * The changed runs and the trimmed edits are the domain's (spec/lineEdits.ts); only the pairing is here.
 */
import { changedRuns, trimmedEdit } from '../spec/lineEdits';
import type { TextEdit } from '../spec/textEdit';

function commonPrefix(a: string, b: string): number {
  let p = 0;
  while (p < a.length && p < b.length && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** How much two lines share at their ends: the measure of "most alike". */
function likeness(a: string, b: string): number {
  const p = commonPrefix(a, b);
  let s = 0;
  while (s < a.length - p && s < b.length - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return p + s;
}

/** The offset that lines up the shorter list against the longer one with the most in common. */
function bestOffset(short: readonly string[], long: readonly string[]): number {
  let best = 0;
  let bestScore = -1;
  for (let j = 0; j <= long.length - short.length; j++) {
    let score = 0;
    for (let i = 0; i < short.length; i++) score += likeness(short[i]!, long[i + j]!);
    if (score > bestScore) [best, bestScore] = [j, score];
  }
  return best;
}

export function intentEdits(from: string, to: string): TextEdit[] {
  if (from === to) return [];
  const { lines: A, start, runs } = changedRuns(from, to);
  const edits: TextEdit[] = [];
  const push = (e: TextEdit | undefined) => e && edits.push(e);
  for (const { at: line, removed, added } of runs) {
    const at = start[line]!;
    if (!removed.length) push({ from: at, to: at, insert: added.join('') });
    else if (!added.length) push({ from: at, to: start[removed[removed.length - 1]! + 1]!, insert: '' });
    else if (added.length >= removed.length) {
      const j = bestOffset(removed.map((a) => A[a]!), added);
      if (j > 0) push({ from: at, to: at, insert: added.slice(0, j).join('') });
      removed.forEach((a, i) => push(trimmedEdit(from, start[a]!, start[a + 1]!, added[i + j]!)));
      const end = start[removed[removed.length - 1]! + 1]!;
      if (j + removed.length < added.length) push({ from: end, to: end, insert: added.slice(j + removed.length).join('') });
    } else {
      const j = bestOffset(added, removed.map((a) => A[a]!));
      if (j > 0) push({ from: at, to: start[removed[j - 1]! + 1]!, insert: '' });
      added.forEach((text, i) => push(trimmedEdit(from, start[removed[i + j]!]!, start[removed[i + j]! + 1]!, text)));
      const rest = removed.slice(j + added.length);
      if (rest.length) push({ from: start[rest[0]!]!, to: start[rest[rest.length - 1]! + 1]!, insert: '' });
    }
  }
  return coalesce(edits);
}

/** Edits that touch (one ends where the next starts) become one, so a side never has two at a point. */
function coalesce(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.to === e.from) out[out.length - 1] = { from: last.from, to: e.to, insert: last.insert + e.insert };
    else out.push(e);
  }
  return out;
}
