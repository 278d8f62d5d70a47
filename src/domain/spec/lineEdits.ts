/**
 * Text edits from one text to another, for everything that writes a whole new text into a live
 * document (a checkpoint restore, a Markdown import, each side of a linked file's merge). They
 * must touch only what changed, so that they merge with concurrent typing. The texts are
 * compared by lineScript (diff.ts) on their exact lines, line breaks, "\r" and a missing final
 * newline included, so applying the edits gives the new text byte for byte; what differs comes
 * as changed runs of lines, which each caller turns into edits in its own way.
 */
import { lineScript } from './diff';
import type { TextEdit } from './textEdit';

/** A changed run: old lines removed (indices, in order) and new lines added, starting at old line `at`. */
export interface ChangedRun {
  at: number;
  removed: number[];
  added: string[];
}

export interface LineChanges {
  /** The old text's lines, line breaks attached. */
  lines: string[];
  /** Where each old line starts in the old text; one more entry, the text's length. */
  start: number[];
  runs: ChangedRun[];
}

/** Lines with their line breaks attached; the concatenation is the text. */
function rawLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function changedRuns(from: string, to: string): LineChanges {
  const A = rawLines(from);
  const B = rawLines(to);
  const start: number[] = [0];
  for (const line of A) start.push(start[start.length - 1]! + line.length);
  const runs: ChangedRun[] = [];
  let run: ChangedRun = { at: 0, removed: [], added: [] };
  const close = (nextA: number) => {
    if (run.removed.length || run.added.length) runs.push(run);
    run = { at: nextA, removed: [], added: [] };
  };
  for (const step of lineScript(A, B)) {
    if (step.op === 'same') close(step.a + 1);
    else if (step.op === 'removed') {
      if (!run.removed.length) run.at = step.a;
      run.removed.push(step.a);
    } else run.added.push(B[step.b]!);
  }
  close(A.length);
  return { lines: A, start, runs };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The replacement of text[from, to) by `insert`, shrunk to the part that differs, or nothing
 * when they are equal. A boundary never falls between the two halves of a surrogate pair: Yjs
 * would store each half apart and an emoji could turn into U+FFFD.
 */
export function trimmedEdit(text: string, from: number, to: number, insert: string): TextEdit | undefined {
  const old = text.slice(from, to);
  let p = 0;
  const max = Math.min(old.length, insert.length);
  while (p < max && old.charCodeAt(p) === insert.charCodeAt(p)) p++;
  if (p > 0 && isHigh(old.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === insert.charCodeAt(insert.length - 1 - s)) s++;
  if (s > 0 && isLow(old.charCodeAt(old.length - s))) s--;
  if (p === old.length - s && p === insert.length - s) return undefined;
  return { from: from + p, to: to - s, insert: insert.slice(p, insert.length - s) };
}

/**
 * The smallest text edits that turn `from` into `to`, sorted and disjoint. A changed run that
 * replaces as many lines as it removes is edited line by line, and every edit is trimmed to the
 * characters that differ: a one-character change stays a one-character edit, and typing
 * elsewhere survives.
 */
export function editsBetween(from: string, to: string): TextEdit[] {
  if (from === to) return [];
  const { start, runs } = changedRuns(from, to);
  const edits: TextEdit[] = [];
  const push = (e: TextEdit | undefined) => e && edits.push(e);
  for (const { at, removed, added } of runs) {
    if (removed.length === added.length) removed.forEach((a, k) => push(trimmedEdit(from, start[a]!, start[a + 1]!, added[k]!)));
    else push(trimmedEdit(from, start[at]!, start[at + removed.length]!, added.join('')));
  }
  return edits;
}
