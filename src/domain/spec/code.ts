/**
 * Where code lives in a Markdown document. Text inside fenced code blocks and inline code
 * spans is shown verbatim, so nothing there may become an interactive token or a task.
 * This follows CommonMark closely enough for specs; indented (4-space) code blocks are NOT
 * treated as code, because nested task lists are indented too and would be swallowed.
 */
import type { Line } from './lines';
import { isBlank } from './lines';

export interface Range {
  from: number;
  to: number;
}

// Any indentation is accepted for a fence so that fences nested inside list items count.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;

/** For each line (by index): true when it is a fence line or inside a fenced block. */
export function fencedLineMask(text: string, lines: readonly Line[]): boolean[] {
  const mask: boolean[] = new Array<boolean>(lines.length).fill(false);
  let open: { char: string; length: number } | undefined;
  lines.forEach((line, i) => {
    const content = text.slice(line.from, line.to);
    if (open) {
      mask[i] = true;
      const close = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(content);
      if (close?.[1] && close[1][0] === open.char && close[1].length >= open.length) open = undefined;
      return;
    }
    const m = FENCE_OPEN.exec(content);
    if (!m?.[1]) return;
    const fence = m[1];
    // A backtick fence's info string may not contain backticks (that would be a code span).
    if (fence[0] === '`' && (m[2] ?? '').includes('`')) return;
    mask[i] = true;
    open = { char: fence[0] ?? '`', length: fence.length };
  });
  return mask;
}

function runLength(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at + n) === 96) n++;
  return n;
}

/**
 * Inline code spans, outside fenced blocks. A span opens with a run of n backticks (not
 * escaped by a backslash) and closes at the next run of exactly n backticks in the same
 * paragraph (a blank line or a fence ends the search); an opener with no closer is text.
 */
export function codeSpans(text: string, lines: readonly Line[], fenced: readonly boolean[]): Range[] {
  const spans: Range[] = [];
  let li = 0;
  while (li < lines.length) {
    // Gather one paragraph: consecutive non-blank, non-fenced lines.
    if (fenced[li] || isBlank(lineText(text, lines, li))) {
      li++;
      continue;
    }
    let last = li;
    while (last + 1 < lines.length && !fenced[last + 1] && !isBlank(lineText(text, lines, last + 1))) last++;
    const start = lines[li]?.from ?? 0;
    const end = lines[last]?.to ?? start;
    scanParagraph(text, start, end, spans);
    li = last + 1;
  }
  return spans;
}

function lineText(text: string, lines: readonly Line[], i: number): string {
  const line = lines[i];
  return line ? text.slice(line.from, line.to) : '';
}

function scanParagraph(text: string, start: number, end: number, spans: Range[]): void {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i += 2; // a backslash escapes the next character, a backtick included
      continue;
    }
    if (c !== 96) {
      i++;
      continue;
    }
    const n = runLength(text, i);
    let j = i + n;
    let closedAt = -1;
    while (j < end) {
      if (text.charCodeAt(j) !== 96) {
        j++;
        continue;
      }
      const m = runLength(text, j);
      if (m === n) {
        closedAt = j;
        break;
      }
      j += m;
    }
    if (closedAt === -1) {
      i += n; // no closer: these backticks are literal
      continue;
    }
    spans.push({ from: i, to: closedAt + n });
    i = closedAt + n;
  }
}
