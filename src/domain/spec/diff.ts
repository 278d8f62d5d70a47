/**
 * Line diffs, computed by the `diff` package (jsdiff's Myers search) and read two ways: as
 * lines to show (checkpoint and candidate comparisons, here) and as text edits to apply
 * (lineEdits.ts). There is no size at which it gives up and rewrites the document.
 */
import { diffArrays } from 'diff';

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

