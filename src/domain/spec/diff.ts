/**
 * Line diffs, computed by the `diff` package (jsdiff's Myers search) and read two ways: as
 * lines to show (checkpoint and candidate comparisons) and as text edits to apply (a restore,
 * an import, a file merged into a spec), which must touch only what changed so that they merge
 * with concurrent typing. There is no size at which it gives up and rewrites the document.
 */
import { diffArrays } from 'diff';
import type { TextEdit } from './textEdit';

export type DiffLine =
  | { op: 'same'; text: string; aLine: number; bLine: number }
  | { op: 'removed'; text: string; aLine: number }
  | { op: 'added'; text: string; bLine: number };

/** One step of a line script, by 0-based index into the old (a) and new (b) lines. */
export type LineStep = { op: 'same'; a: number; b: number } | { op: 'removed'; a: number } | { op: 'added'; b: number };

/**
 * A shortest edit script between two line lists: its same lines are a longest common
 * subsequence, at any size. Before the library's search, the common prefix and suffix are set
 * aside, and so are the lines found on one side only (no common subsequence can use them; GNU
 * diff discards them the same way). The script stays minimal, and the search only sees the
 * lines that moved, which keeps a restore of a long, much-edited document quick.
 */
export function lineScript(A: readonly string[], B: readonly string[]): LineStep[] {
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const aEnd = A.length - suf;
  const bEnd = B.length - suf;

  const inA = new Set(A.slice(pre, aEnd));
  const inB = new Set(B.slice(pre, bEnd));
  const aKept: number[] = [];
  const bKept: number[] = [];
  for (let i = pre; i < aEnd; i++) if (inB.has(A[i]!)) aKept.push(i);
  for (let j = pre; j < bEnd; j++) if (inA.has(B[j]!)) bKept.push(j);
  const matched: [number, number][] = [];
  let ka = 0;
  let kb = 0;
  for (const part of diffArrays(aKept.map((i) => A[i]!), bKept.map((j) => B[j]!))) {
    if (part.removed) ka += part.count;
    else if (part.added) kb += part.count;
    else for (let n = 0; n < part.count; n++) matched.push([aKept[ka++]!, bKept[kb++]!]);
  }

  const out: LineStep[] = [];
  for (let i = 0; i < pre; i++) out.push({ op: 'same', a: i, b: i });
  let a = pre;
  let b = pre;
  for (const [ma, mb] of [...matched, [aEnd, bEnd] as [number, number]]) {
    while (a < ma) out.push({ op: 'removed', a: a++ });
    while (b < mb) out.push({ op: 'added', b: b++ });
    if (ma < aEnd) out.push({ op: 'same', a: a++, b: b++ });
  }
  for (let k = suf; k > 0; k--) out.push({ op: 'same', a: A.length - k, b: B.length - k });
  return out;
}

/** Lines split on "\n" ("\r" dropped); an empty text has no lines. Line numbers are 1-based. */
function toLines(s: string): string[] {
  return s === '' ? [] : s.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The lines of two texts marked same, removed or added, for showing a comparison. */
export function lineDiff(a: string, b: string): DiffLine[] {
  const A = toLines(a);
  const B = toLines(b);
  return lineScript(A, B).map((s): DiffLine => {
    if (s.op === 'same') return { op: 'same', text: A[s.a]!, aLine: s.a + 1, bLine: s.b + 1 };
    if (s.op === 'removed') return { op: 'removed', text: A[s.a]!, aLine: s.a + 1 };
    return { op: 'added', text: B[s.b]!, bLine: s.b + 1 };
  });
}

/**
 * The smallest text edits that turn `from` into `to`, sorted and disjoint. Lines are matched
 * by lineScript on the exact lines (line breaks, "\r" and a missing final newline included,
 * so applying the result gives `to` byte for byte). A changed run that replaces as many lines
 * as it removes is edited line by line, and every edit is trimmed to the characters that
 * differ: a one-character change stays a one-character edit, and typing elsewhere survives.
 */
export function editsBetween(from: string, to: string): TextEdit[] {
  if (from === to) return [];
  const A = rawLines(from);
  const B = rawLines(to);
  const aStart: number[] = [0];
  for (const line of A) aStart.push(aStart[aStart.length - 1]! + line.length);

  const edits: TextEdit[] = [];
  const removed: number[] = [];
  const added: string[] = [];
  const close = () => {
    if (removed.length === 0 && added.length === 0) return;
    const at = removed.length ? removed[0]! : nextA;
    if (removed.length === added.length) {
      removed.forEach((a, k) => pushTrimmed(edits, from, aStart[a]!, aStart[a + 1]!, added[k]!));
    } else {
      pushTrimmed(edits, from, aStart[at]!, aStart[at + removed.length]!, added.join(''));
    }
    removed.length = 0;
    added.length = 0;
  };
  let nextA = 0;
  for (const step of lineScript(A, B)) {
    if (step.op === 'same') {
      close();
      nextA = step.a + 1;
    } else if (step.op === 'removed') removed.push(step.a);
    else added.push(B[step.b]!);
  }
  close();
  return edits;
}

/** Lines with their line breaks attached; the concatenation is the text. */
function rawLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Adds the replacement of text[from, to) by `insert`, shrunk to the part that differs. A
 * boundary never falls between the two halves of a surrogate pair: Yjs would store each half
 * apart and an emoji could turn into U+FFFD.
 */
function pushTrimmed(edits: TextEdit[], text: string, from: number, to: number, insert: string): void {
  const old = text.slice(from, to);
  let p = 0;
  const max = Math.min(old.length, insert.length);
  while (p < max && old.charCodeAt(p) === insert.charCodeAt(p)) p++;
  if (p > 0 && isHigh(old.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === insert.charCodeAt(insert.length - 1 - s)) s++;
  if (s > 0 && isLow(old.charCodeAt(old.length - s))) s--;
  if (p === old.length - s && p === insert.length - s) return;
  edits.push({ from: from + p, to: to - s, insert: insert.slice(p, insert.length - s) });
}
